import { ConfigError, describeStore, JsonLogger, loadWorkerConfig, withEnvFile, type WorkerConfig } from '@complaints/runtime';
import { startWorker, type RunningWorker } from './worker';

/** A start-up failure the operator can fix: printed as ONE line, no stack. */
class StartupError extends Error {}

async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig(withEnvFile(process.env));
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);

  let worker: RunningWorker | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info('shutting down', { signal });
      await worker?.stop();
      logger.info('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130); // a second signal: do not wait any longer
      void stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.failure('shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
  }

  try {
    worker = await startWorker(config, { logger });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use: stop the other process or set WORKER_PORT.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}: set WORKER_PORT to a port above 1023.`);
    throw new StartupError(`The worker could not start (${describeStore(config.store)}): ${error instanceof Error ? error.message : String(error)}`);
  }
  logger.info('listening', {
    port: worker.port,
    store: describeStore(config.store),
    relay: config.kafka ? { topic: config.kafka.topic, brokers: config.kafka.brokers } : null,
    endpoints: ['/health', '/ready', '/metrics'],
  });
  if (stopping) await stopping; // a signal during start-up
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`The worker could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
