import { describe, expect, it } from 'vitest';
import { PerComplaintQueue } from './per-complaint-queue';

describe('PerComplaintQueue', () => {
  it('runs the work for one complaint one at a time, in arrival order, even when some fail', async () => {
    const queue = new PerComplaintQueue();
    const log: string[] = [];
    let running = 0;
    const step = (name: string, fail = false) =>
      queue.run('c-1', async () => {
        running++;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${name}`);
        running--;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets other complaints through without waiting', async () => {
    const queue = new PerComplaintQueue();
    let release: () => void = () => undefined;
    const blocked = queue.run('c-1', () => new Promise<string>((resolve) => (release = () => resolve('c-1'))));
    await expect(queue.run('c-2', () => Promise.resolve('c-2'))).resolves.toBe('c-2');
    release();
    await expect(blocked).resolves.toBe('c-1');
  });
});
