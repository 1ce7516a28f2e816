import { ConfigError } from '../config/shared-settings';
import type { Logger } from '../logging/logger';

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
  if (code === 'EADDRINUSE')
    return new StartupError(`Port ${port} is already in use: stop the other process or set ${portVariable}.`);
  if (code === 'EACCES')
    return new StartupError(`Not allowed to listen on port ${port}: set ${portVariable} to a port above 1023.`);
  return undefined;
}

/** SHUTDOWN_TIMEOUT_MS when unset: how long a stop may take before the process exits anyway. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** SHUTDOWN_TIMEOUT_MS: a whole number of milliseconds, 1 to 600000; unset gives the default. */
export function shutdownTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env['SHUTDOWN_TIMEOUT_MS'];
  if (raw === undefined || raw === '') return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 600_000)) {
    throw new StartupError(
      `Invalid configuration: SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

export interface StopOnSignalsOptions {
  /** The hard deadline: past it the process exits (1) whatever is still stopping. Default SHUTDOWN_TIMEOUT_MS from the environment, else 10 s. */
  timeoutMs?: number;
}

/**
 * SIGINT and SIGTERM stop the service once (`shutDown`), then exit 0 (1 if stopping failed); a
 * second signal exits at once (130) rather than wait any longer, and so does the deadline (1,
 * after logging what it cut short): a stuck batch or a connection that will not close never
 * keeps a stopped service alive. Returns the stop in progress, if any, so a start that is
 * interrupted can wait for it.
 */
export function stopOnSignals(
  logger: Pick<Logger, 'info' | 'error'>,
  shutDown: () => Promise<void>,
  options: StopOnSignalsOptions = {},
): () => Promise<void> | undefined {
  const timeoutMs = options.timeoutMs ?? shutdownTimeoutMs(process.env);
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info({ signal, timeoutMs }, 'shutting down');
      const deadline = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown deadline passed; exiting with work unfinished');
        process.exit(1);
      }, timeoutMs);
      // The deadline alone must not keep the process alive once everything else has stopped.
      deadline.unref();
      try {
        await shutDown();
      } finally {
        clearTimeout(deadline);
      }
      logger.info('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      void stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ error: String(error) }, 'shutdown failed');
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
      process.stderr.write(
        `The ${service} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
