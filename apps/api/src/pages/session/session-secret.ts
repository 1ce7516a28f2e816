import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_SECRET_FILE = 'pages-session-secret';

/**
 * The key that signs page sessions and CSRF tokens: SESSION_SECRET, or one generated on first
 * start and kept in KEYS_DIR (owner read/write only) beside the other keys, so every instance
 * sharing KEYS_DIR accepts the same sessions and a restart signs nobody out.
 */
export function loadOrCreateSessionSecret(keysDir: string, given: string | undefined): string {
  if (given) return given;
  const path = join(keysDir, SESSION_SECRET_FILE);
  if (existsSync(path)) {
    const secret = readFileSync(path, 'utf8').trim();
    if (Buffer.byteLength(secret, 'utf8') >= 32) return secret;
  }
  mkdirSync(keysDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}
