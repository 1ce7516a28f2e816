import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamScope } from '../mapping/stream-scope';
import { AppendWatch, type SubscriptionStream } from './append-watch';

/**
 * The watch against real Node object streams standing in for the client's `$all` subscription
 * (a Transform in object mode that emits 'confirmation', events, 'error' and 'end').
 */
class ServerStandIn {
  readonly streams: (SubscriptionStream & PassThrough)[] = [];
  unsubscribed = 0;
  refuseNextOpen = false;

  open = (): SubscriptionStream => {
    if (this.refuseNextOpen) {
      this.refuseNextOpen = false;
      throw new Error('UNAVAILABLE: no leader');
    }
    const stream = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: async () => {
        this.unsubscribed++;
      },
    });
    this.streams.push(stream);
    return stream;
  };

  get latest(): SubscriptionStream & PassThrough {
    const stream = this.streams.at(-1);
    if (!stream) throw new Error('not subscribed');
    return stream;
  }

  append(streamId: string, type = 'ComplaintReceived'): void {
    const resolved = {
      event: { streamId, type, id: 'e', revision: 0n, isJson: true, created: new Date(0), data: {}, metadata: {} },
    };
    this.latest.write(resolved as unknown as AllStreamResolvedEvent);
  }
}

const scope = new StreamScope(['complaint-']);

describe('AppendWatch', () => {
  const watches: AppendWatch[] = [];
  afterEach(async () => {
    for (const watch of watches.splice(0)) await watch.stop();
  });
  const watch = (server: ServerStandIn, onAppend: () => void, onError?: (error: Error) => void) => {
    const created = new AppendWatch({
      open: server.open,
      scope,
      onAppend,
      ...(onError ? { onError } : {}),
      initialBackoffMs: 5,
      maxBackoffMs: 20,
    });
    watches.push(created);
    return created;
  };

  it('signals once on subscribing, then for each appended event of our streams only (not system events, not other streams)', async () => {
    const server = new ServerStandIn();
    const onAppend = vi.fn();
    watch(server, onAppend);
    expect(onAppend).toHaveBeenCalledTimes(1);

    server.append('complaint-1');
    server.append('$stats-127.0.0.1:2113', '$statsCollected');
    server.append('complaint-1', '$metadata');
    server.append('billing-9');
    server.append('complaint-2');

    await vi.waitFor(() => expect(onAppend).toHaveBeenCalledTimes(3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(onAppend).toHaveBeenCalledTimes(3);
  });

  it('subscribes again after an error, with backoff, signals on the new subscription (appends meanwhile), and reports the error', async () => {
    const server = new ServerStandIn();
    const onAppend = vi.fn();
    const errors: string[] = [];
    const subject = watch(server, onAppend, (error) => errors.push(error.message));

    server.refuseNextOpen = true; // the first retry fails too
    server.latest.destroy(new Error('UNAVAILABLE: connection dropped'));

    await vi.waitFor(() => expect(server.streams).toHaveLength(2));
    expect(errors).toEqual(['UNAVAILABLE: connection dropped', 'UNAVAILABLE: no leader']);
    expect(subject.failures).toBe(2);
    expect(onAppend).toHaveBeenCalledTimes(2); // first subscription, and the one that worked
    expect(server.unsubscribed).toBe(1);

    expect(subject.live).toBe(false);
    server.latest.emit('confirmation');
    expect(subject.failures).toBe(0);
    expect(subject.live).toBe(true);
    server.append('complaint-3');
    await vi.waitFor(() => expect(onAppend).toHaveBeenCalledTimes(3));
  });

  it('subscribes again when the server ends the subscription', async () => {
    const server = new ServerStandIn();
    const onAppend = vi.fn();
    const errors: string[] = [];
    watch(server, onAppend, (error) => errors.push(error.message));
    server.latest.end();
    server.latest.resume(); // let 'end' be emitted

    await vi.waitFor(() => expect(server.streams).toHaveLength(2));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ended|closed/);
  });

  it('stop() unsubscribes, calls onStopped, and nothing is opened or signalled afterwards', async () => {
    const server = new ServerStandIn();
    const onAppend = vi.fn();
    const onStopped = vi.fn();
    const subject = new AppendWatch({ open: server.open, scope, onAppend, onStopped, initialBackoffMs: 5 });
    const stream = server.latest;

    await subject.stop();
    await subject.stop();
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(server.unsubscribed).toBe(1);
    expect(stream.destroyed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.streams).toHaveLength(1);
    expect(onAppend).toHaveBeenCalledTimes(1);
  });
});
