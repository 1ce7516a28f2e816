import type { ComplaintLogBatch } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { sharingConcurrentReads, type ProjectionSource } from './projection-source';

function countingSource() {
  const reads: string[] = [];
  const release: (() => void)[] = [];
  const source: ProjectionSource = {
    readBatch: (after, limit) => {
      reads.push(`${after}+${limit}`);
      return new Promise<ComplaintLogBatch>((resolve) =>
        release.push(() =>
          resolve({
            size: 0,
            lastPosition: undefined,
            keys: undefined as never,
            revealed: async () => [],
            redacted: () => [],
          }),
        ),
      );
    },
    readAll: async () => [],
    headPosition: async () => 0n,
  };
  return { source, reads, releaseAll: () => release.splice(0).forEach((go) => go()) };
}

describe('sharingConcurrentReads: runners woken together read the log once', () => {
  it('reads of the same range under way at the same time share one read and its batch', async () => {
    const { source, reads, releaseAll } = countingSource();
    const shared = sharingConcurrentReads(source);
    const asked = [shared.readBatch(10n, 500), shared.readBatch(10n, 500), shared.readBatch(10n, 500)];
    releaseAll();
    const [first, ...others] = await Promise.all(asked);
    expect(reads).toEqual(['10+500']);
    for (const other of others) expect(other).toBe(first);
  });

  it('another range is another read, and a read that has resolved is not kept: the next one reads again', async () => {
    const { source, reads, releaseAll } = countingSource();
    const shared = sharingConcurrentReads(source);
    const a = shared.readBatch(10n, 500);
    const b = shared.readBatch(12n, 500);
    releaseAll();
    await Promise.all([a, b]);
    const again = shared.readBatch(10n, 500);
    releaseAll();
    expect(await again).not.toBe(await a);
    expect(reads).toEqual(['10+500', '12+500', '10+500']);
  });
});
