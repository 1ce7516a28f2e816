import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createTestDatabase,
  describeOnPostgres,
  freePort,
  startService,
  type Service,
  type TestDatabase,
} from '@complaints/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../src/auth/dev-tokens';
import { examples } from '../src/openapi/examples';
import { complaintBody } from './support/test-app';

/**
 * The production build (README, "Production build"): `npm run build` compiles the apps and libs
 * to dist/, and the compiled services start with the production dependencies only. Each service
 * runs here under tools/forbid-dev-dependencies.cjs, which refuses every package that
 * `npm ci --omit=dev` would not install, as the image's runtime stage has none of them. Its
 * first start says what it is doing: opening the store, migrating (which steps), catching up
 * the read models.
 */

// Vitest gives test modules a CommonJS-style __dirname.
const REPO_ROOT = resolve(__dirname, '../../..');
// Inside the repository (tmp/ is ignored by git): the compiled files find node_modules from there.
const OUT = join(REPO_ROOT, 'tmp', `production-build-spec-${process.pid}`);
const GUARD = join(REPO_ROOT, 'tools/forbid-dev-dependencies.cjs');
const SECRET = 'production-build-test-secret-at-least-32-bytes';
// debug (under express) asks for supports-color inside a try/catch and does without it.
const OPTIONAL_PROBES = new Set(['supports-color']);

const services: Service[] = [];

/** `node --require <guard> <entry>`: startService runs one script, so the guard goes through NODE_OPTIONS. */
function startProduction(entry: string, env: Record<string, string>, cwd: string): Service {
  const service = startService(join(OUT, entry), [], { ...env, NODE_OPTIONS: `--require ${GUARD}` }, cwd);
  services.push(service);
  return service;
}

/** The packages the guard refused, apart from the optional probes that do without them. */
function refusedDevDependencies(service: Service): string[] {
  expect(service.stderr()).toMatch(/^forbid-dev-dependencies: \d+ packages refused$/m);
  return [...service.stderr().matchAll(/^devDependency refused: (\S+)/gm)]
    .map((match) => match[1] ?? '')
    .filter((name) => !OPTIONAL_PROBES.has(name));
}

const messages = (service: Service) => service.logs.map((line) => String(line['msg']));

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO_ROOT, 'tools/build.mjs'), OUT], { cwd: REPO_ROOT, stdio: 'pipe' });
}, 120_000);

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop('SIGKILL');
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the built API on the embedded store', () => {
  it('starts without devDependencies, says what its first start does, and serves pages, schemas and a PDF', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'complaints-prod-'));
    try {
      const port = await freePort();
      const env = {
        DATA_DIR: join(cwd, 'data'),
        KEYS_DIR: join(cwd, 'keys'),
        PORT: String(port),
        AUTH_JWT_SECRET: SECRET,
        LOG_LEVEL: 'info',
      };
      const api = startProduction('apps/api/src/main.js', env, cwd);
      await api.waitForLog('listening');
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);

      // The first start, in order: the store, every schema step, then each read model reaching the head.
      const lines = messages(api);
      const opening = lines.findIndex((msg) => msg.startsWith('opening the store: embedded PostgreSQL (PGlite) in '));
      const migrating = lines.findIndex((msg) => /^migrating: 1 \S/.test(msg));
      const caughtUp = lines.filter((msg) => msg.startsWith('catching up read models '));
      expect(opening).toBeGreaterThanOrEqual(0);
      expect(migrating).toBeGreaterThan(opening);
      expect(caughtUp.length).toBeGreaterThan(0);
      const total = Number(/\/(\d+)$/.exec(caughtUp[0] ?? '')?.[1]);
      expect(caughtUp).toEqual(
        Array.from({ length: total }, (_, index) => `catching up read models ${index + 1}/${total}`),
      );
      expect(lines.indexOf(caughtUp[0] ?? '')).toBeGreaterThan(migrating);

      // Templates, the govuk-frontend stylesheet, the JSON schemas and the letter templates with
      // the embedded fonts (pdfkit is loaded on this first PDF) are found from dist/.
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      const stylesheet = /href="(\/assets\/pages-[0-9a-f]+\.css)"/.exec(await page.text())?.[1];
      expect(stylesheet).toBeDefined();
      const css = await fetch(`${base}${stylesheet}`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('govuk-');
      const schemas = await fetch(`${base}/api/schemas/events`);
      expect(schemas.status).toBe(200);
      const officer = await signDevToken({ secret: SECRET, role: 'complaints_officer', expiresIn: '1h' });
      const post = (path: string, body: unknown) =>
        fetch(`${base}/api/v1${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const created = await post('/complaints', complaintBody());
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await post(`/complaints/${id}/acknowledgements`, examples.acknowledge)).status).toBe(200);
      const pdf = await fetch(`${base}/api/v1/complaints/${id}/letters/acknowledgement-1`, {
        headers: { Authorization: `Bearer ${officer}`, Accept: 'application/pdf' },
      });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');

      expect(await api.stop('SIGTERM')).toBe(0);
      expect(refusedDevDependencies(api)).toEqual([]);

      // Started again on the same DATA_DIR: nothing to migrate; the read models catch up again.
      const again = startProduction('apps/api/src/main.js', { ...env, PORT: String(await freePort()) }, cwd);
      await again.waitForLog('listening');
      const restarted = messages(again);
      expect(restarted.some((msg) => msg.startsWith('opening the store: '))).toBe(true);
      expect(restarted.some((msg) => msg.startsWith('migrating: '))).toBe(false);
      expect(restarted).toContain(`catching up read models ${total}/${total}`);
      expect(await again.stop('SIGTERM')).toBe(0);
      expect(refusedDevDependencies(again)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});

describeOnPostgres('the built worker and API on PostgreSQL', (server) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(server);
  });
  afterAll(() => database.dispose());

  it('start without devDependencies: the worker migrates and runs the read models, the API leaves them to it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'complaints-prod-pg-'));
    try {
      const env = {
        DATABASE_URL: database.connectionString,
        KEYS_DIR: join(cwd, 'keys'),
        AUTH_JWT_SECRET: SECRET,
        LOG_LEVEL: 'info',
        METRICS_TOKEN: 'worker-metrics-token-0123456789',
      };
      const workerPort = await freePort();
      const worker = startProduction('apps/worker/src/main.js', { ...env, WORKER_PORT: String(workerPort) }, cwd);
      await worker.waitForLog('listening');
      expect((await fetch(`http://127.0.0.1:${workerPort}/health`)).status).toBe(200);
      expect(messages(worker).some((msg) => msg.startsWith('opening the store: PostgreSQL'))).toBe(true);
      expect(messages(worker).some((msg) => /^migrating: 1 \S/.test(msg))).toBe(true);

      const apiPort = await freePort();
      const api = startProduction(
        'apps/api/src/main.js',
        { ...env, BACKGROUND_WORK: 'external', PORT: String(apiPort) },
        cwd,
      );
      await api.waitForLog('listening');
      expect((await fetch(`http://127.0.0.1:${apiPort}/health`)).status).toBe(200);
      expect(messages(api).some((msg) => msg.startsWith('migrating: '))).toBe(false);

      expect(await api.stop('SIGTERM')).toBe(0);
      expect(await worker.stop('SIGTERM')).toBe(0);
      expect(refusedDevDependencies(worker)).toEqual([]);
      expect(refusedDevDependencies(api)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
