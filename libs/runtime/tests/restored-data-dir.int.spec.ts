import { FilesystemBlobStore } from '@complaints/adapter-blob-store';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkingDayCalendar } from '@complaints/domain';
import { blindIndexKey, TRANSPARENCY_LOG, TransparencyLog } from '@complaints/projections';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  loadOrCreateSigningKeys,
  openInfrastructure,
  readModelProjections,
  signedCheckpointFile,
  startBackgroundWork,
  type BackgroundWork,
  type Infrastructure,
  type KeySettings,
} from '../src';
import { receiveComplaint } from './support/complaints';

const calendar = createWorkingDayCalendar();
const quiet = createLogger({ level: 'silent' });

/**
 * The attack of a database insider who restores an older copy of the embedded DATA_DIR (or
 * empties transparency_checkpoints): the service, whose KEYS_DIR kept the latest checkpoint it
 * signed, refuses to sign the shorter tree rather than signing a second root for a size.
 */
describe('a restored DATA_DIR under the same KEYS_DIR', () => {
  const dirs: string[] = [];
  const temporary = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let infrastructure: Infrastructure | undefined;
  let work: BackgroundWork | undefined;
  afterEach(async () => {
    await work?.stop();
    await infrastructure?.close();
    work = undefined;
    infrastructure = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function openService(dataDir: string, keys: KeySettings): Promise<TransparencyLog> {
    infrastructure = await openInfrastructure({ kind: 'embedded', dataDir }, { keys });
    const signing = loadOrCreateSigningKeys(keys.keysDir);
    const log = new TransparencyLog({
      sql: infrastructure.sql,
      signingKey: signing.current,
      pastKeys: signing.retired,
      signed: signedCheckpointFile(keys.keysDir, signing),
    });
    work = await startBackgroundWork({
      infrastructure,
      projections: readModelProjections({
        calendar,
        localProfile: null,
        subjectIndexKey: blindIndexKey(Buffer.alloc(32, 7)),
        keys: infrastructure.keys,
        documentBlobs: new FilesystemBlobStore(join(dataDir, 'documents')),
      }),
      logger: quiet,
      pollIntervalMs: 60_000,
    });
    return log;
  }
  async function closeService(): Promise<void> {
    await work?.stop();
    await infrastructure?.close();
    work = undefined;
    infrastructure = undefined;
  }
  async function receiveAndLog(): Promise<void> {
    const { position } = await receiveComplaint(infrastructure!.complaints);
    expect(await work!.engine.waitForPosition(position, 20_000, TRANSPARENCY_LOG)).toBe(true);
  }

  it('is refused as rolled-back, even with transparency_checkpoints emptied', async () => {
    const dataDir = temporary('complaints-restore-data-');
    const keys: KeySettings = {
      keysDir: temporary('complaints-restore-keys-'),
      kekRotationAfterErasure: { mode: 'immediate' },
    };
    let log = await openService(dataDir, keys);
    await receiveAndLog();
    expect((await log.issueCheckpoint()).treeSize).toBe(1);
    await closeService();
    const copy = temporary('complaints-restore-copy-');
    cpSync(dataDir, copy, { recursive: true });

    log = await openService(dataDir, keys);
    await receiveAndLog();
    await receiveAndLog();
    expect((await log.issueCheckpoint()).treeSize).toBe(3);
    await closeService();

    // The older copy back in place, and the checkpoints table emptied for good measure.
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(copy, dataDir, { recursive: true });
    log = await openService(dataDir, keys);
    await infrastructure!.sql.query('DELETE FROM transparency_checkpoints');
    await expect(log.issueCheckpoint()).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'rolled-back' });
    // Growing back to the signed size with other events is a fork, not a second root for size 3.
    await receiveAndLog();
    await receiveAndLog();
    await expect(log.issueCheckpoint()).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'forked' });
  });
});
