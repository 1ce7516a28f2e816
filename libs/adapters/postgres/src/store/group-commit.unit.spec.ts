import { StoreUnavailableError } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A writer whose calls are held open until released, recording what each call carried. */
function heldWriter(fail: (requests: readonly string[]) => Error | undefined = () => undefined) {
  const calls: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (requests: readonly string[]) => {
    calls.push([...requests]);
    return new Promise<string[]>((resolve, reject) =>
      pending.push(() => {
        const error = fail(requests);
        if (error) reject(error);
        else resolve(requests.map((request) => `done ${request}`));
      }),
    );
  };
  const releaseNext = async () => {
    for (let i = 0; i < 20 && pending.length === 0; i++) await Promise.resolve();
    pending.shift()?.();
  };
  return { calls, write, releaseNext };
}

describe('GroupCommit', () => {
  it('sends a lone request at once, and what arrives during a call together in the next one, in arrival order', async () => {
    const writer = heldWriter();
    const group = new GroupCommit(writer.write);
    const first = group.submit('a');
    expect(writer.calls).toEqual([['a']]);
    const later = [group.submit('b'), group.submit('c'), group.submit('d')];
    await writer.releaseNext();
    expect(await first).toBe('done a');
    await writer.releaseNext();
    expect(await Promise.all(later)).toEqual(['done b', 'done c', 'done d']);
    expect(writer.calls).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('carries at most maxPerCall requests in one call', async () => {
    const writer = heldWriter();
    const group = new GroupCommit(writer.write, 2);
    const all = ['a', 'b', 'c', 'd', 'e'].map((request) => group.submit(request));
    for (let i = 0; i < 3; i++) await writer.releaseNext();
    await Promise.all(all);
    expect(writer.calls).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('sends the requests of a failed call again one by one, so only the bad one gets the error', async () => {
    const writer = heldWriter((requests) => (requests.includes('bad') ? new Error('constraint') : undefined));
    const group = new GroupCommit(writer.write);
    const first = group.submit('a');
    const later = [group.submit('b'), group.submit('bad'), group.submit('c')].map((p) =>
      p.then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    for (let i = 0; i < 5; i++) await writer.releaseNext();
    await first;
    expect(await Promise.all(later)).toEqual(['done b', 'constraint', 'done c']);
    expect(writer.calls).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('does not resend after a lost connection (whether it committed is unknown): every request of the call gets the error', async () => {
    const lost = new StoreUnavailableError('connection terminated');
    const writer = heldWriter((requests) => (requests.length > 1 ? lost : undefined));
    const group = new GroupCommit(writer.write);
    const first = group.submit('a');
    const later = [group.submit('b'), group.submit('c')].map((p) =>
      p.then(
        (v) => v,
        (e: unknown) => e,
      ),
    );
    for (let i = 0; i < 2; i++) await writer.releaseNext();
    await first;
    expect(await Promise.all(later)).toEqual([lost, lost]);
    expect(writer.calls).toEqual([['a'], ['b', 'c']]);
  });
});
