import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FeedStreams } from './feed-streams';
import { SseConnection } from './sse-connection';

/** A socket whose peer never reads: it takes `highWaterMark` bytes, then every write waits for ever (or until `release`). */
function stalledSocket(highWaterMark: number) {
  const pending: (() => void)[] = [];
  let written = 0;
  const socket = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      pending.push(callback);
    },
  });
  return {
    socket,
    written: () => written,
    /** The peer reads everything so far. */
    release: () => {
      for (const callback of pending.splice(0)) callback();
    },
  };
}

const message = (n: number) => `id: ${n}\nevent: E\ndata: ${'x'.repeat(200)}\n\n`;

describe('SseConnection: backpressure', () => {
  it('writes nothing more after the socket refuses, until it drains; then goes on', async () => {
    const stats = new FeedStreams();
    const { socket, release } = stalledSocket(1024);
    const connection = new SseConnection(socket, { maxBufferedBytes: 1 << 20, drainTimeoutMs: 60_000 }, stats);
    let sent = 0;
    const writer = (async () => {
      for (let n = 0; n < 100; n++) {
        if (!(await connection.send(message(n)))) return;
        sent++;
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    // Held at the first refused write: at most one message beyond the high-water mark is buffered.
    const heldAt = sent;
    expect(socket.writableLength).toBeLessThanOrEqual(1024 + message(0).length);
    expect(heldAt).toBeLessThan(10);
    release();
    for (let round = 0; round < 200 && sent < 100; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      release();
    }
    await writer;
    expect(sent).toBe(100);
    expect(stats.snapshot()).toMatchObject({ dropped: 0 });
    expect(stats.snapshot().maxBufferedBytes).toBeLessThanOrEqual(1024 + message(0).length);
  });

  it('drops a client that does not drain in time: its socket is destroyed and the writer told to stop', async () => {
    const stats = new FeedStreams();
    const { socket } = stalledSocket(512);
    const connection = new SseConnection(socket, { maxBufferedBytes: 1 << 20, drainTimeoutMs: 10 }, stats);
    let outcome = true;
    for (let n = 0; n < 100 && outcome; n++) outcome = await connection.send(message(n));
    expect(outcome).toBe(false);
    expect(socket.destroyed).toBe(true);
    expect(connection.open).toBe(false);
    expect(stats.snapshot().dropped).toBe(1);
  });

  it('drops a client for whom more than maxBufferedBytes would pile up', async () => {
    const stats = new FeedStreams();
    const { socket } = stalledSocket(64 * 1024);
    const connection = new SseConnection(socket, { maxBufferedBytes: 2048, drainTimeoutMs: 60_000 }, stats);
    let outcome = true;
    for (let n = 0; n < 100 && outcome; n++) outcome = await connection.send(message(n));
    expect(outcome).toBe(false);
    expect(socket.destroyed).toBe(true);
    expect(stats.snapshot().dropped).toBe(1);
  });
});

describe('FeedStreams: admission and load turns', () => {
  it('admits up to the per-caller and the global caps, refuses past them, and gives slots back', () => {
    const streams = new FeedStreams({ maxStreams: 3, maxStreamsPerCaller: 2, maxConcurrentLoads: 1 });
    const a1 = streams.admit('a');
    const a2 = streams.admit('a');
    expect(streams.admit('a')).toEqual({ admitted: false, reason: 'caller' });
    const b1 = streams.admit('b');
    expect(streams.admit('c')).toEqual({ admitted: false, reason: 'server' });
    expect([a1, a2, b1].every((a) => a.admitted)).toBe(true);
    if (a1.admitted) a1.release();
    if (a1.admitted) a1.release(); // twice: counted once
    expect(streams.admit('c').admitted).toBe(true);
    expect(streams.snapshot()).toMatchObject({ open: 3, refused: 2 });
  });

  it('lets at most maxConcurrentLoads loads run at once, the rest in turn', async () => {
    const streams = new FeedStreams({ maxStreams: 10, maxStreamsPerCaller: 10, maxConcurrentLoads: 2 });
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const load = () =>
      streams.load(
        async () => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => gates.push(resolve));
          running--;
        },
        () => true,
      );
    const loads = Array.from({ length: 6 }, load);
    let finished = 0;
    for (const l of loads) void l.then(() => finished++);
    while (finished < loads.length) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    await Promise.all(loads);
    expect(most).toBe(2);
  });

  it('loads that answer within the same turn (the embedded store does) still let other work of the event loop in between', async () => {
    const streams = new FeedStreams({ maxStreams: 10, maxStreamsPerCaller: 10, maxConcurrentLoads: 1 });
    let loadsDone = 0;
    let loadsDoneWhenOtherWorkRan = -1;
    // Stands for the next request on the socket: it needs a turn of the event loop.
    setImmediate(() => {
      loadsDoneWhenOtherWorkRan = loadsDone;
    });
    await Promise.all(
      Array.from({ length: 50 }, () =>
        streams.load(
          async () => void loadsDone++,
          () => true,
        ),
      ),
    );
    expect(loadsDoneWhenOtherWorkRan).toBeGreaterThanOrEqual(0);
    expect(loadsDoneWhenOtherWorkRan).toBeLessThan(50);
  });

  it('does not load for a stream whose client left while its load waited its turn (a crowd that reconnects leaves no queue of work for nobody)', async () => {
    const streams = new FeedStreams({ maxStreams: 10, maxStreamsPerCaller: 10, maxConcurrentLoads: 1 });
    let release: () => void = () => undefined;
    const first = streams.load(
      () => new Promise<string>((resolve) => (release = () => resolve('first'))),
      () => true,
    );
    let reads = 0;
    const gone = Array.from({ length: 20 }, () => {
      const client = { open: true };
      return {
        client,
        load: streams.load(
          async () => ++reads,
          () => client.open,
        ),
      };
    });
    const stayed = streams.load(
      async () => 'stayed',
      () => true,
    );
    // Every queued client leaves before its turn; one stays.
    for (const { client } of gone) client.open = false;
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await first).toBe('first');
    expect(await Promise.all(gone.map((g) => g.load))).toEqual(Array.from({ length: 20 }, () => undefined));
    expect(await stayed).toBe('stayed');
    expect(reads).toBe(0);
    expect(streams.snapshot().skippedLoads).toBe(20);
  });
});
