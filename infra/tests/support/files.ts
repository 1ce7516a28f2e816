import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const REPO = resolve(__dirname, '../../..');
export const INFRA = join(REPO, 'infra');

export type Yaml = Record<string, unknown>;

export function readText(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

/** One YAML document (merge keys `<<:` resolved, as docker compose does). */
export function readYaml(path: string): Yaml {
  return parse(readText(path), { merge: true }) as Yaml;
}

/** Every document of a multi-document YAML file; a syntax error anywhere fails. */
export function readYamlDocuments(path: string): Yaml[] {
  return parseAllDocuments(readText(path)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as Yaml;
  });
}

/** TypeScript sources under a folder (specs excluded), recursively; none when it does not exist. */
export function sourcesUnder(path: string): string[] {
  const root = join(REPO, path);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

/**
 * The environment variables a process's configuration reads: the keys of its zod environment
 * schema (`PORT: portNumber(...)`) and direct reads (`env['ORG_BANK_HOLIDAYS_FILE']`).
 */
export function environmentVariablesIn(sources: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/(?:^|[{,])\s*([A-Z][A-Z0-9_]*[A-Z0-9]):\s/gm)) names.add(m[1] ?? '');
    for (const m of source.matchAll(/env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** host:port pairs of a comma-separated list or of a URL's authority (`esdb://a:1,b:2?x`). */
export function hostsOf(value: string): { host: string; port: number }[] {
  const authority =
    value
      .replace(/^[a-z+]+:\/\//, '')
      .replace(/^[^@/]*@/, '')
      .split(/[/?]/)[0] ?? '';
  return authority.split(',').map((pair) => {
    const [host, port] = pair.trim().split(':') as [string, string];
    return { host, port: Number(port) };
  });
}
