import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  findPostgresServer,
  freePort,
  type PostgresServer,
  type TestDatabase,
} from '@complaints/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startService, type Service } from '@complaints/testing';

const WORKER = 'apps/worker/bin/run.cjs';
const API = 'apps/api/bin/run.cjs';
const SECRET = 'worker-test-secret-that-is-at-least-32-bytes';

const services: Service[] = [];
const start = (...args: Parameters<typeof startService>) => {
  const service = startService(...args);
  services.push(service);
  return service;
};
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop('SIGKILL');
});

describe('worker process: settings', () => {
  it('refuses the embedded store with one line on stderr and exit code 1', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'complaints-worker-'));
    try {
      const worker = start(WORKER, [], { DATA_DIR: join(cwd, '.data') }, cwd);
      expect(await worker.exited).toBe(1);
      const lines = worker.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid configuration: the worker needs DATABASE_URL \(PostgreSQL\)/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('the API refuses BACKGROUND_WORK=external on the embedded store the same way', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'complaints-api-'));
    try {
      const api = start(
        API,
        ['main'],
        { DATA_DIR: join(cwd, '.data'), BACKGROUND_WORK: 'external', AUTH_JWT_SECRET: SECRET },
        cwd,
      );
      expect(await api.exited).toBe(1);
      expect(api.stderr().trim()).toMatch(
        /^Invalid configuration: BACKGROUND_WORK=external needs DATABASE_URL \(PostgreSQL\)[^\n]*$/,
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('worker and API as separate processes on PostgreSQL', async () => {
  const server: PostgresServer | { skip: string } = await findPostgresServer();
  if ('skip' in server) {
    console.warn(`[postgres] worker + API SKIPPED: ${server.skip}`);
    it.skip(`skipped: ${server.skip}`, () => undefined);
    return;
  }
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.dispose();
    await server.stop();
  });

  it('a write through the API is applied by the worker and read back through the API; without the worker nobody applies it; SIGTERM stops cleanly', async () => {
    const database = await createTestDatabase(server);
    databases.push(database);
    const cwd = mkdtempSync(join(tmpdir(), 'complaints-worker-'));
    // The default layout: .data and .keys (KEYS_DIR, never inside DATA_DIR) side by side in the working directory.
    const env = {
      DATABASE_URL: database.connectionString,
      DATA_DIR: join(cwd, '.data'),
      AUTH_JWT_SECRET: SECRET,
      METRICS_TOKEN: 'worker-metrics-token-0123456789',
    };

    const workerPort = await freePort();
    const worker = start(WORKER, [], { ...env, WORKER_PORT: String(workerPort) }, cwd);
    expect(await worker.waitForLog('listening')).toMatchObject({ port: workerPort, relay: null });
    const apiPort = await freePort();
    const api = start(API, ['main'], { ...env, BACKGROUND_WORK: 'external', PORT: String(apiPort) }, cwd);
    expect(await api.waitForLog('listening')).toMatchObject({ backgroundWork: 'external' });
    const tokenProcess = start(API, ['token', '--role', 'complaints_officer'], env, cwd);
    let token = '';
    tokenProcess.child.stdout!.on('data', (chunk: Buffer) => (token += chunk.toString()));
    expect(await tokenProcess.exited).toBe(0);
    const headers = { Authorization: `Bearer ${token.trim()}`, 'Content-Type': 'application/json' };
    const base = `http://127.0.0.1:${apiPort}/api/v1`;

    const receive = async () => {
      const response = await fetch(`${base}/complaints`, {
        method: 'POST',
        headers,
        body: JSON.stringify(complaintBody()),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; position: string };
    };

    // The worker applies the write; the API's list waits on the worker's checkpoint and sees it.
    const first = await receive();
    const list = await fetch(`${base}/complaints?waitForPosition=${first.position}&waitMs=10000`, { headers });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(first.id);

    const metrics = await (
      await fetch(`http://127.0.0.1:${workerPort}/metrics`, {
        headers: { Authorization: `Bearer ${env.METRICS_TOKEN}` },
      })
    ).text();
    expect(metrics).toContain(`projection_checkpoint_position{projection="complaint_summaries"} ${first.position}\n`);
    expect((await fetch(`http://127.0.0.1:${workerPort}/ready`)).status).toBe(200);

    // Graceful stop on SIGTERM.
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(worker.logs.map((line) => line['msg'])).toEqual(expect.arrayContaining(['shutting down', 'stopped']));

    // With the worker gone, the API (external) applies nothing itself: the read cannot reach the write.
    const second = await receive();
    const stale = await fetch(`${base}/complaints?waitForPosition=${second.position}&waitMs=1500`, { headers });
    expect(stale.status).toBe(503);

    // A worker started again catches up from its checkpoint, and the read answers.
    const again = start(WORKER, [], { ...env, WORKER_PORT: String(await freePort()) }, cwd);
    await again.waitForLog('listening');
    const caughtUp = await fetch(`${base}/complaints?waitForPosition=${second.position}&waitMs=10000`, { headers });
    expect(caughtUp.status).toBe(200);
    expect(((await caughtUp.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );

    expect(await again.stop('SIGTERM')).toBe(0);
    expect(await api.stop('SIGTERM')).toBe(0);
    rmSync(cwd, { recursive: true, force: true });
  });
});

function complaintBody(): Record<string, unknown> {
  return {
    receivedAt: '2026-03-02T09:15:00Z',
    channel: 'phone',
    complainant: { name: 'Jane Resident', email: 'jane@example.org' },
    serviceArea: 'repairs',
    category: 'damp and mould',
    description: 'Black mould in the back bedroom keeps coming back.',
    tenure: 'LCRA',
  };
}
