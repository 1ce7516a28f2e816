import {
  createLogger,
  describeStore,
  listenFailure,
  loadWorkerConfig,
  runMain,
  settingsOrStartupError,
  StartupError,
  stopOnSignals,
  withEnvFile,
} from '@complaints/runtime';
import { startWorker, type RunningWorker } from './worker';

async function main(): Promise<void> {
  const config = settingsOrStartupError(() => loadWorkerConfig(withEnvFile(process.env)));
  const logger = createLogger({ level: config.logLevel });

  let worker: RunningWorker | undefined;
  const stopping = stopOnSignals(logger, async () => {
    await worker?.stop();
  });

  try {
    worker = await startWorker(config, { logger });
  } catch (error) {
    throw (
      listenFailure(error, config.port, 'WORKER_PORT') ??
      new StartupError(
        `The worker could not start (${describeStore(config.store)}): ${error instanceof Error ? error.message : String(error)}`,
      )
    );
  }
  logger.info(
    {
      port: worker.port,
      store: describeStore(config.store),
      keysDir: config.keysDir,
      relay: config.kafka ? { topic: config.kafka.topic, brokers: config.kafka.brokers } : null,
      endpoints: ['/health', '/ready', '/metrics'],
    },
    'listening',
  );
  await stopping(); // a signal during start-up
}

runMain('worker', main);
