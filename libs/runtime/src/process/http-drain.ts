import type { Server } from 'node:http';

export interface DrainOptions {
  /** After this long, connections still open (a slow response, a stream) are closed too. */
  closeAllAfterMs: number;
}

/**
 * Stop an HTTP server for shutdown: it accepts no new connection at once, closes the idle
 * keep-alive ones, answers the requests already on their way with `Connection: close` (so a
 * client polling over keep-alive is let go after its current answer), and after
 * `closeAllAfterMs` closes whatever is left. Resolves once every connection is gone.
 */
export function drainHttpServer(server: Server, options: DrainOptions): Promise<void> {
  // Before the application's own listener: the header goes on every response still to come.
  server.prependListener('request', (_request, response) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  });
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
  server.closeIdleConnections();
  // A keep-alive socket becomes idle between two requests: close it then.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const closeAll = setTimeout(() => server.closeAllConnections(), options.closeAllAfterMs);
  idleSweep.unref();
  closeAll.unref();
  return closed.finally(() => {
    clearInterval(idleSweep);
    clearTimeout(closeAll);
  });
}
