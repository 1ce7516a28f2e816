import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@complaints/contracts';
import { systemClock, type Clock } from '@complaints/event-store';
import { SUBJECT_INDEX_KEY_FILE } from '@complaints/runtime';
import { createApp } from '../../src/app/create-app';
import { signDevToken } from '../../src/auth/dev-tokens';
import { loadConfig } from '../../src/config/app-config';
import { openInfrastructure, type Infrastructure } from '../../src/infrastructure/open-infrastructure';
import { JsonLogger } from '@complaints/runtime';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long';
/** 32 bytes, base64: the blind index key of every test app. */
const TEST_SUBJECT_INDEX_KEY = Buffer.alloc(32, 'test-subject-index-key').toString('base64');
/** What the test apps' /metrics asks for (METRICS_TOKEN), as Prometheus would send it. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

export interface TestApp {
  app: INestApplication;
  infrastructure: Infrastructure;
  /** Base URL of the listening server (for fetch, e.g. the SSE stream). */
  baseUrl: string;
  /** supertest agent bound to the server. */
  http: ReturnType<typeof request>;
  token(role: Role, sub?: string): Promise<string>;
  /** Every JSON log line written so far. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real application, listening on an ephemeral port, on the embedded store in a fresh
 * temporary DATA_DIR; or on PostgreSQL when DATABASE_URL is set (the same suites then run
 * against PostgreSQL, as CI does). The adapter is chosen by the same loadConfig as `npm start`.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestApp> {
  // A test that needs steps recorded on chosen days (an "as at" view of a past date) gives its own clock.
  const clock = options.clock ?? systemClock;
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-api-'));
  // The store the app is given (an empty DATABASE_URL: the embedded store), else the environment's.
  const databaseUrl = 'DATABASE_URL' in env ? env['DATABASE_URL'] || undefined : process.env['DATABASE_URL'];
  // Beside DATA_DIR, never inside it (refused). On PostgreSQL every test app of the run shares one
  // database, so they share its KEYS_DIR too (as instances of one deployment do), kept for the run.
  // A KEYS_DIR the caller gives is the caller's (a test restarting the service on its own store
  // needs the same keys again): kept at close, removed by the caller.
  const givenKeysDir = env['KEYS_DIR'];
  const keysDir =
    givenKeysDir ??
    (databaseUrl
      ? join(tmpdir(), `complaints-api-keys-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16)}`)
      : `${dataDir}-keys`);
  // One subject-index key for every test app: on a PostgreSQL run they share one database, and
  // instances with different keys would each rebuild the index under their own (as instances
  // of one deployment, sharing KEYS_DIR, never do).
  mkdirSync(dirname(join(keysDir, SUBJECT_INDEX_KEY_FILE)), { recursive: true });
  writeFileSync(join(keysDir, SUBJECT_INDEX_KEY_FILE), TEST_SUBJECT_INDEX_KEY, { mode: 0o600 });
  const config = loadConfig({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    DATA_DIR: dataDir,
    KEYS_DIR: keysDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    ORG_HOMES: '10000',
    LOG_LEVEL: 'info',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // The pages' development sign-in (off by default with a configured AUTH_JWT_SECRET): the browser tests sign in with it.
    PAGES_DEV_SIGN_IN: 'true',
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const infrastructure = await openInfrastructure(config.store, {
    keys: { keysDir: config.keysDir, kekRotationAfterErasure: config.kekRotationAfterErasure },
    clock,
  });
  // The resident lookup budgets live in the database, which a PostgreSQL run shares with earlier
  // runs: each test app starts with a full budget for 127.0.0.1, as a new database would give it.
  await infrastructure.sql.query(`DELETE FROM api_lookup_attempts WHERE subject = 'address:127.0.0.1'`);
  let app: INestApplication;
  try {
    app = await createApp({ config, infrastructure, clock, logger, verifier: { mode: 'hs256', secret: TEST_SECRET } });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await infrastructure.close();
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    infrastructure,
    baseUrl,
    http: request(baseUrl),
    token: (role, sub) =>
      signDevToken({ secret: TEST_SECRET, role, ...(sub ? { sub, name: `Test ${sub}` } : {}), expiresIn: '1h' }),
    logs,
    close: async () => {
      try {
        await app.close();
      } finally {
        await infrastructure.close();
        rmSync(dataDir, { recursive: true, force: true });
        if (!databaseUrl && givenKeysDir === undefined) rmSync(config.keysDir, { recursive: true, force: true });
      }
    },
  };
}

/** A complaint body with every required field (api.md), received at the given moment. */
export function complaintBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: '2026-03-02T09:15:00Z',
    channel: 'phone',
    complainant: {
      name: 'Jane Resident',
      email: 'jane@example.org',
      phone: '0161 496 0000',
      address: '1 Example Street',
    },
    serviceArea: 'repairs',
    category: 'damp and mould',
    description: 'Black mould in the back bedroom keeps coming back.',
    outcomeSought: 'A permanent fix',
    tenure: 'LCRA',
    ...overrides,
  };
}

/** A service area no other test (or earlier run on a shared database) uses. */
export function uniqueServiceArea(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}
