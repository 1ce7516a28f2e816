import { ConfigError } from '../config/shared-settings';
import type { JsonLogger } from '../logging/json-logger';

/** A start-up failure the operator can fix: printed as ONE line, no stack. */
export class StartupError extends Error {}

/** Read the settings; a bad one becomes a StartupError (its message already names every variable to fix). */
export function settingsOrStartupError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }
}

/** The operator's fix when listening fails for a reason they control; otherwise undefined. */
export function listenFailure(error: unknown, port: number, portVariable: string): StartupError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartupError(`Port ${port} is already in use: stop the other process or set ${portVariable}.`);
  if (code === 'EACCES') return new StartupError(`Not allowed to listen on port ${port}: set ${portVariable} to a port above 1023.`);
  return undefined;
}

/**
 * SIGINT and SIGTERM stop the service once (`shutDown`), then exit 0 (1 if stopping failed); a
 * second signal exits at once (130) rather than wait any longer. Returns the stop in progress,
 * if any, so a start that is interrupted can wait for it.
 */
export function stopOnSignals(logger: JsonLogger, shutDown: () => Promise<void>): () => Promise<void> | undefined {
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info('shutting down', { signal });
      await shutDown();
      logger.info('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      void stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.failure('shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
  }
  return () => stopping;
}

/** Run a service's main: any failure to start is printed (one line for a StartupError) and exits 1. */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`The ${service} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
