import { randomBytes, type KeyObject } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { LogInconsistentError, type SignedCheckpointStore } from '@complaints/projections';
import {
  checkpointSignatureProblem,
  CheckpointSchema,
  publishedKeyOf,
  type Checkpoint,
} from '@complaints/transparency';
import { SIGNING_DIR } from './signing-keys';

/** KEYS_DIR/signing/checkpoints/<tree size, 16 digits>.json: the latest signed checkpoint is the largest name. */
export const SIGNED_CHECKPOINTS_DIR = 'checkpoints';
const NAME = /^(\d{16})\.json$/;
const nameOf = (treeSize: number) => `${String(treeSize).padStart(16, '0')}.json`;

/**
 * The latest checkpoint the log signed, kept in KEYS_DIR/signing beside the key rather than in
 * the database it signs over (docs/integrity.md, "When the log does not extend its checkpoints").
 * One file per tree size, created with link(2), which never replaces a file: several instances
 * sharing KEYS_DIR can only add sizes, never move the latest back or overwrite a size another
 * instance wrote; reading takes the largest. Each file is fsynced before it is linked in and the
 * directory after, so a checkpoint handed out survives a crash. Older files are pruned.
 * A file whose signature does not verify under one of the service's own keys is refused: it was
 * not written by this service.
 */
export function signedCheckpointFile(
  keysDir: string,
  keys: { current: KeyObject; retired: readonly KeyObject[] },
): SignedCheckpointStore {
  const dir = join(keysDir, SIGNING_DIR, SIGNED_CHECKPOINTS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const trusted = new Map(
    [keys.current, ...keys.retired]
      .map((key) => publishedKeyOf(key, null, false))
      .map((key) => [key.keyId, key.publicKey] as const),
  );

  const read = (name: string): Checkpoint => {
    const path = join(dir, name);
    const checkpoint = CheckpointSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const key = trusted.get(checkpoint.keyId);
    const problem = key
      ? checkpointSignatureProblem(checkpoint, key)
      : `it is signed by key ${checkpoint.keyId}, which is not one of the service's`;
    if (problem) throw new Error(`${path} is not a checkpoint this service signed: ${problem}`);
    return checkpoint;
  };
  const sizes = () =>
    readdirSync(dir)
      .map((name) => NAME.exec(name)?.[1])
      .filter((size): size is string => size !== undefined)
      .sort();

  return {
    latest: async () => {
      const largest = sizes().at(-1);
      return largest === undefined ? undefined : read(`${largest}.json`);
    },
    advance: async (checkpoint) => {
      const final = join(dir, nameOf(checkpoint.treeSize));
      const temporary = join(dir, `.${nameOf(checkpoint.treeSize)}.${process.pid}.${randomBytes(6).toString('hex')}`);
      const fd = openSync(temporary, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(checkpoint));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        linkSync(temporary, final);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Another instance signed this size first: the same root is the same tree; another root is a fork.
        const there = read(nameOf(checkpoint.treeSize));
        if (there.rootHash !== checkpoint.rootHash) {
          throw new LogInconsistentError(
            'forked',
            `A checkpoint of ${checkpoint.treeSize} with another root (issued ${there.issuedAt}) is kept in KEYS_DIR/signing: the log was rewritten`,
          );
        }
      } finally {
        unlinkSync(temporary);
      }
      const dirFd = openSync(dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      const latest = sizes().at(-1);
      for (const size of sizes()) {
        if (size === latest) continue;
        try {
          unlinkSync(join(dir, `${size}.json`));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    },
  };
}
