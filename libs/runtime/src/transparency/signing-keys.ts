import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, rawPublicKey } from '@complaints/transparency';

/**
 * The transparency log's signing key, in KEYS_DIR/signing — never in a database, so a copy of
 * the database (or write access to it) cannot forge a checkpoint (docs/integrity.md, "Keys"):
 * - `current.pem`: the Ed25519 private key (PKCS#8 PEM, mode 0600), generated on the first start;
 * - `retired/<keyId>.pem`: the public halves of keys signed with before (rotateSigningKey), still
 *   published by GET /api/v1/integrity/keys so that old checkpoints verify.
 * Several instances sharing one database share this directory (a mounted secret), as they share
 * the key-encryption keys beside it.
 */
export interface SigningKeys {
  current: KeyObject;
  currentKeyId: string;
  retired: KeyObject[];
}

export const SIGNING_DIR = 'signing';
const CURRENT = 'current.pem';
const RETIRED = 'retired';

export function loadOrCreateSigningKeys(keysDir: string): SigningKeys {
  const dir = join(keysDir, SIGNING_DIR);
  mkdirSync(join(dir, RETIRED), { recursive: true, mode: 0o700 });
  const currentPath = join(dir, CURRENT);
  try {
    // 'wx': two instances starting together cannot both create one; the loser reads the winner's.
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(currentPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const current = createPrivateKey(readFileSync(currentPath, 'utf8'));
  if (current.asymmetricKeyType !== 'ed25519') throw new Error(`${currentPath} is not an Ed25519 private key`);
  const retired = readdirSync(join(dir, RETIRED))
    .filter((name) => name.endsWith('.pem'))
    .sort()
    .map((name) => createPublicKey(readFileSync(join(dir, RETIRED, name), 'utf8')));
  return { current, currentKeyId: keyIdOf(rawPublicKey(createPublicKey(current))), retired };
}

/**
 * Retire the current key (its public half kept in retired/, the private half deleted) and make a
 * new one. Checkpoints signed before stay verifiable; new ones carry the new key id. Every
 * instance must be restarted to pick the new key up.
 */
export function rotateSigningKey(keysDir: string): SigningKeys {
  const dir = join(keysDir, SIGNING_DIR);
  const old = loadOrCreateSigningKeys(keysDir);
  const publicPem = createPublicKey(old.current).export({ format: 'pem', type: 'spki' });
  writeFileSync(join(dir, RETIRED, `${old.currentKeyId}.pem`), publicPem, { mode: 0o600 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const next = join(dir, `${CURRENT}.next`);
  writeFileSync(next, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  // A rename replaces the file in one step: no moment without a current key.
  renameSync(next, join(dir, CURRENT));
  return loadOrCreateSigningKeys(keysDir);
}
