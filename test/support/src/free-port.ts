import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now, for a child process or a fake broker that must
 * be told its port in advance (it logs or advertises it). Another process could take it before
 * ours binds it; on a test machine that is rare enough to accept.
 */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
