import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Roles as ALL_ROLES } from '@complaints/contracts';
import { systemClock } from '@complaints/event-store';
import { createApp } from './app/create-app';
import { loadOrCreateDevSecret } from './auth/dev-secret';
import { signDevToken } from './auth/dev-tokens';
import { describeDuration } from './auth/token-lifetime';
import type { VerifierSettings } from './auth/token-verifier';
import {
  createLogger,
  drainHttpServer,
  listenFailure,
  reportStoreOpening,
  runMain,
  settingsOrStartupError,
  shutdownTimeoutMs,
  StartupError,
  stopOnSignals,
} from '@complaints/runtime';
import type { Server } from 'node:http';
import { describeStore, loadConfig, type AppConfig } from './config/app-config';
import { withEnvFile } from '@complaints/runtime';
import { openInfrastructure, type Infrastructure } from './infrastructure/open-infrastructure';

async function main(): Promise<void> {
  const env = withEnvFile(process.env);
  const config = settingsOrStartupError(() => loadConfig(env));
  const shutdownTimeout = shutdownTimeoutMs(env);
  const logger = createLogger({ level: config.logLevel });

  let verifier: VerifierSettings;
  let devSecret: string | undefined;
  if (config.auth.mode === 'jwks') {
    verifier = config.auth;
  } else if (config.auth.secret) {
    verifier = {
      mode: 'hs256',
      secret: config.auth.secret,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    };
  } else {
    devSecret = loadOrCreateDevSecret(config.dataDir).secret;
    verifier = { mode: 'hs256', secret: devSecret, issuer: config.auth.issuer, audience: config.auth.audience };
  }

  let infrastructure: Infrastructure;
  try {
    infrastructure = await openInfrastructure(config.store, {
      ...reportStoreOpening(logger, config.store),
      keys: { keysDir: config.keysDir, kekRotationAfterErasure: config.kekRotationAfterErasure },
      // A lost LISTEN (re-established by itself) or a failing $all subscription: worth a line in the log.
      onBackgroundError: (what, error) =>
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, what),
    });
  } catch (error) {
    throw new StartupError(
      `Cannot open the event store (${describeStore(config.store)}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  let app: INestApplication | undefined;
  // Shutdown, within SHUTDOWN_TIMEOUT_MS: stop accepting and let keep-alive clients go at once
  // (drainHttpServer), end the event streams and stop the background work (app.close: the
  // engine gives up on a stuck batch), close the store; whatever is left at half the deadline
  // is disconnected, and at the deadline the process exits regardless (stopOnSignals).
  stopOnSignals(
    logger,
    async () => {
      const server = app?.getHttpServer() as Server | undefined;
      const drained = server
        ? drainHttpServer(server, { closeAllAfterMs: Math.floor(shutdownTimeout / 2) })
        : Promise.resolve();
      try {
        await app?.close();
        logger.info('shutting down: requests and background work stopped; closing the store');
      } finally {
        await infrastructure.close();
      }
      await drained;
    },
    { timeoutMs: shutdownTimeout },
  );

  try {
    app = await createApp({ config, infrastructure, clock: systemClock, logger, verifier });
    await app.listen(config.port);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await infrastructure.close();
    throw listenFailure(error, config.port, 'PORT') ?? error;
  }

  logger.info(
    {
      port: config.port,
      store: infrastructure.description,
      // Where the key-encryption keys are: without this directory the personal data cannot be read.
      keysDir: config.keysDir,
      auth: config.auth.mode,
      backgroundWork: config.backgroundWork,
      docs: `http://localhost:${config.port}/api/docs`,
    },
    'listening',
  );
  if (config.backgroundWork === 'external') {
    logger.info(
      'BACKGROUND_WORK=external: projections and the Kafka relay are left to workers (npm run worker); reads wait on their checkpoints',
    );
  } else if (config.kafka) {
    logger.info(
      { topic: config.kafka.topic, brokers: config.kafka.brokers },
      'KAFKA_BROKERS is set: this process relays events to Kafka',
    );
  }
  if (devSecret) await printDevelopmentTokens(devSecret, config);
}

async function printDevelopmentTokens(secret: string, config: AppConfig): Promise<void> {
  const issuer = config.auth.mode === 'hs256' ? config.auth.issuer : undefined;
  const audience = config.auth.mode === 'hs256' ? config.auth.audience : undefined;
  // As long as the API accepts (AUTH_MAX_TOKEN_LIFETIME), no longer: a longer one would be refused.
  const lifetime = config.tokens.maxLifetimeSeconds;
  const lines = [
    '',
    `Development tokens (HS256, secret generated in ${config.dataDir}; valid ${describeDuration(lifetime)}, AUTH_MAX_TOKEN_LIFETIME). More: npm run token -- --role <role>`,
  ];
  for (const role of ALL_ROLES) {
    lines.push(
      `  ${role.padEnd(20)} ${await signDevToken({ secret, role, issuer, audience, expiresIn: `${lifetime}s` })}`,
    );
  }
  lines.push(`Try: curl -H "Authorization: Bearer <token>" http://localhost:${config.port}/api/v1/complaints`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

runMain('API', main);
