import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Variables from a `.env` file in the working directory, if there is one. The real environment
 * always wins (a deployment's variables must never be overridden by a stray file), so the file
 * only fills what is unset. Node's own parser (`util.parseEnv`) reads the usual dotenv syntax.
 */
export function withEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  path = resolve(process.cwd(), '.env'),
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...definedOnly(env) };
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
