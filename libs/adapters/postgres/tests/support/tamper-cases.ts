import { randomUUID } from 'node:crypto';
import { verifyChain } from '@complaints/event-store';
import { testEvents } from '@complaints/testing';
import { describe, expect, it } from 'vitest';
import type { SqlQueryable, SqlStoreHandle } from '../../src';

/**
 * Someone with write access to the database changes history behind the store's back. The
 * append-only trigger stops a casual UPDATE/DELETE; an owner can disable it, and then the hash
 * chain is what exposes the change.
 */
export function registerTamperCases(handle: () => SqlStoreHandle): void {
  const fourEventStream = async () => {
    const streamId = `tamper-${randomUUID()}`;
    await handle().eventStore.append(streamId, testEvents(2), { expectedRevision: 'no_stream' });
    await handle().eventStore.append(streamId, testEvents(2), { expectedRevision: 2 });
    expect(verifyChain(streamId, await handle().eventStore.readStream(streamId)).valid).toBe(true);
    return streamId;
  };

  /** What an owner can do: switch the user triggers off for one transaction. */
  const asOwner = (work: (tx: SqlQueryable) => Promise<unknown>) =>
    handle().sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE events DISABLE TRIGGER USER');
      await work(tx);
      await tx.query('ALTER TABLE events ENABLE TRIGGER USER');
    });

  const verify = async (streamId: string) => verifyChain(streamId, await handle().eventStore.readStream(streamId));

  describe('tampering', () => {
    it('a plain UPDATE or DELETE of an event is refused by the append-only trigger', async () => {
      const streamId = await fourEventStream();
      await expect(
        handle().sql.query(`UPDATE events SET type = 'Forged' WHERE stream_id = $1`, [streamId]),
      ).rejects.toThrow(/append-only/);
      await expect(handle().sql.query('DELETE FROM events WHERE stream_id = $1', [streamId])).rejects.toThrow(
        /append-only/,
      );
      expect((await verify(streamId)).valid).toBe(true);
    });

    it('changed data is reported as a hash mismatch at that revision', async () => {
      const streamId = await fourEventStream();
      await asOwner((tx) =>
        tx.query(
          `UPDATE events SET data = jsonb_set(data, '{note}', '"nothing to see"') WHERE stream_id = $1 AND revision = 2`,
          [streamId],
        ),
      );
      expect(await verify(streamId)).toMatchObject({
        valid: false,
        eventsChecked: 1,
        problem: { revision: 2, kind: 'hash-mismatch' },
      });
    });

    it('a back-dated recorded time is reported as a hash mismatch', async () => {
      const streamId = await fourEventStream();
      await asOwner((tx) =>
        tx.query(
          `UPDATE events SET recorded_at = recorded_at - interval '30 days' WHERE stream_id = $1 AND revision = 3`,
          [streamId],
        ),
      );
      expect(await verify(streamId)).toMatchObject({ valid: false, problem: { revision: 3, kind: 'hash-mismatch' } });
    });

    it('a deleted event is reported as a revision gap', async () => {
      const streamId = await fourEventStream();
      await asOwner((tx) => tx.query('DELETE FROM events WHERE stream_id = $1 AND revision = 2', [streamId]));
      expect(await verify(streamId)).toMatchObject({ valid: false, problem: { revision: 2, kind: 'revision-gap' } });
    });

    it('a deleted event whose successors are renumbered is reported as a broken link', async () => {
      const streamId = await fourEventStream();
      await asOwner(async (tx) => {
        await tx.query('DELETE FROM events WHERE stream_id = $1 AND revision = 2', [streamId]);
        await tx.query('UPDATE events SET revision = revision - 1 WHERE stream_id = $1 AND revision > 2', [streamId]);
      });
      // Revisions look dense again, but event 3's previous hash names the deleted event.
      expect(await verify(streamId)).toMatchObject({ valid: false, problem: { revision: 2, kind: 'broken-link' } });
    });

    it('two events swapped in order are reported at the first swapped revision', async () => {
      const streamId = await fourEventStream();
      // Through a free revision, because (stream_id, revision) is unique at every step.
      await asOwner(async (tx) => {
        await tx.query('UPDATE events SET revision = 1000 WHERE stream_id = $1 AND revision = 2', [streamId]);
        await tx.query('UPDATE events SET revision = 2 WHERE stream_id = $1 AND revision = 3', [streamId]);
        await tx.query('UPDATE events SET revision = 3 WHERE stream_id = $1 AND revision = 1000', [streamId]);
      });
      expect(await verify(streamId)).toMatchObject({
        valid: false,
        eventsChecked: 1,
        problem: { revision: 2, kind: 'broken-link' },
      });
    });
  });
}
