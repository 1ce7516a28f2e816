import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Roles as ALL_ROLES } from '@complaints/contracts';
import { systemClock } from '@complaints/event-store';
import { createApp } from './app/create-app';
import { loadOrCreateDevSecret } from './auth/dev-secret';
import { signDevToken } from './auth/dev-tokens';
import type { VerifierSettings } from './auth/token-verifier';
import { ConfigError, describeStore, loadConfig, type AppConfig } from './config/app-config';
import { withEnvFile } from './config/env-file';
import { openInfrastructure, type Infrastructure } from './infrastructure/open-infrastructure';
import { JsonLogger } from './logging/json-logger';

/** A start-up failure the operator can fix: printed as ONE line, no stack. */
class StartupError extends Error {}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(withEnvFile(process.env));
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);

  let verifier: VerifierSettings;
  let devSecret: string | undefined;
  if (config.auth.mode === 'jwks') {
    verifier = config.auth;
  } else if (config.auth.secret) {
    verifier = { mode: 'hs256', secret: config.auth.secret, issuer: config.auth.issuer, audience: config.auth.audience };
  } else {
    devSecret = loadOrCreateDevSecret(config.dataDir).secret;
    verifier = { mode: 'hs256', secret: devSecret, issuer: config.auth.issuer, audience: config.auth.audience };
  }

  let infrastructure: Infrastructure;
  try {
    infrastructure = await openInfrastructure(config.store);
  } catch (error) {
    throw new StartupError(`Cannot open the event store (${describeStore(config.store)}): ${error instanceof Error ? error.message : String(error)}`);
  }

  let app: INestApplication | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info('shutting down', { signal });
      try {
        await app?.close();
      } finally {
        await infrastructure.close();
      }
      logger.info('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130); // a second Ctrl-C: do not wait any longer
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
    app = await createApp({ config, infrastructure, clock: systemClock, logger, verifier });
    await app.listen(config.port);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await infrastructure.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use: stop the other server or set PORT.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}: set PORT to a port above 1023.`);
    throw error;
  }

  logger.info('listening', {
    port: config.port,
    store: infrastructure.description,
    auth: config.auth.mode,
    backgroundWork: config.backgroundWork,
    docs: `http://localhost:${config.port}/api/docs`,
  });
  if (config.backgroundWork === 'external') {
    logger.info('BACKGROUND_WORK=external: projections and the Kafka relay are left to workers (npm run worker); reads wait on their checkpoints');
  } else if (config.kafka) {
    logger.info('KAFKA_BROKERS is set: this process relays events to Kafka', { topic: config.kafka.topic, brokers: config.kafka.brokers });
  }
  if (devSecret) await printDevelopmentTokens(devSecret, config);
}

async function printDevelopmentTokens(secret: string, config: AppConfig): Promise<void> {
  const issuer = config.auth.mode === 'hs256' ? config.auth.issuer : undefined;
  const audience = config.auth.mode === 'hs256' ? config.auth.audience : undefined;
  const lines = [
    '',
    `Development tokens (HS256, secret generated in ${config.dataDir}; valid 30 days). More: npm run token -- --role <role>`,
  ];
  for (const role of ALL_ROLES) {
    lines.push(`  ${role.padEnd(20)} ${await signDevToken({ secret, role, issuer, audience })}`);
  }
  lines.push(`Try: curl -H "Authorization: Bearer <token>" http://localhost:${config.port}/api/v1/complaints`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`The API could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
