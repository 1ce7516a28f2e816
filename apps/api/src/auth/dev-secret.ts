import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * The development HS256 secret: generated on the first start without AUTH_JWT_SECRET and kept
 * in DATA_DIR (owner read/write only), so tokens printed once keep working across restarts and
 * `npm run token` signs with the same key. Never used when AUTH_JWT_SECRET or JWKS is configured.
 */
export function loadOrCreateDevSecret(dataDir: string): { secret: string; created: boolean } {
  const path = join(dataDir, DEV_SECRET_FILE);
  if (existsSync(path)) {
    const secret = readFileSync(path, 'utf8').trim();
    if (Buffer.byteLength(secret, 'utf8') >= 32) return { secret, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // mode applies only on creation; an existing, too-short file is rewritten
  return { secret, created: true };
}
