import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createTestDatabase,
  findPostgresServer,
  freePort,
  type PostgresServer,
  type TestDatabase,
} from '@complaints/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Vitest gives test modules a CommonJS-style __dirname.
const REPO_ROOT = resolve(__dirname, '../../..');
const SECRET = 'shutdown-test-secret-that-is-at-least-32-bytes';

interface Api {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
  alive(): boolean;
  waitForLog(msg: string): Promise<Record<string, unknown>>;
}

/** The API as `npm start` runs it, in its own process, with exactly `env` (plus PATH and HOME). */
function startApi(env: Record<string, string>): Api {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'apps/api/bin/run.cjs'), 'main'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.resume();
  let running = true;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running = false;
      done(code);
    }),
  );
  return {
    child,
    logs,
    exited,
    alive: () => running,
    waitForLog: async (msg) => {
      for (;;) {
        const line = logs.find((l) => l['msg'] === msg);
        if (line) return line;
        if (!running) throw new Error(`the API exited before logging ${JSON.stringify(msg)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** One GET over the given keep-alive agent; the status, or the error code when the connection failed. */
function get(port: number, agent: Agent, path = '/health'): Promise<number | string> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    req.end();
  });
}

/** True when a fresh TCP connection to the port is refused right now. */
function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown (SIGTERM) of the API process', () => {
  let server: PostgresServer | { skip: string };
  const databases: TestDatabase[] = [];
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    server = await findPostgresServer();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const database of databases) await database.dispose();
    if (!('skip' in server)) await server.stop();
  });

  it('with a keep-alive client polling and a read model stuck on a lock: stops accepting, lets the client go, and exits', async (context) => {
    if ('skip' in server) {
      console.warn(`[postgres] graceful shutdown SKIPPED: ${server.skip}`);
      context.skip();
      return;
    }
    const database = await createTestDatabase(server);
    databases.push(database);
    const dataDir = mkdtempSync(join(tmpdir(), 'complaints-shutdown-'));
    const port = await freePort();
    const api = startApi({
      DATABASE_URL: database.connectionString,
      DATA_DIR: dataDir,
      KEYS_DIR: `${dataDir}-keys`,
      AUTH_JWT_SECRET: SECRET,
      PORT: String(port),
      SHUTDOWN_TIMEOUT_MS: '8000',
    });
    children.push(api.child);
    const locker = new Client({
      connectionString: database.connectionString,
      application_name: 'shutdown-test-locker',
    });
    try {
      await api.waitForLog('listening');

      // A read model stuck: its next batch waits for ever on a lock another session holds.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE projection_checkpoints IN ACCESS EXCLUSIVE MODE');
      for (;;) {
        const waiting = await locker.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        );
        if (Number(waiting.rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }

      // A client polling over one keep-alive connection, as a load balancer's health check does.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      expect(await get(port, agent)).toBe(200);
      let polling = true;
      const polls: (number | string)[] = [];
      const poller = (async () => {
        while (polling) {
          polls.push(await get(port, agent));
          await new Promise((r) => setTimeout(r, 10));
        }
      })();

      while (polls.length < 3) await new Promise((r) => setTimeout(r, 10));
      api.child.kill('SIGTERM');
      await api.waitForLog('shutting down');
      // New connections are refused while the process is still stopping (the stuck batch holds it for a while).
      let refusedWhileAlive = false;
      while (api.alive() && !refusedWhileAlive) {
        refusedWhileAlive = (await refused(port)) && api.alive();
        if (!refusedWhileAlive) await new Promise((r) => setTimeout(r, 20));
      }
      const code = await api.exited;
      polling = false;
      await poller;
      agent.destroy();

      expect(refusedWhileAlive).toBe(true);
      // A clean stop, not the deadline's exit 1: the stuck statement's connection is ended when the store closes.
      expect(code).toBe(0);
      expect(await refused(port)).toBe(true);
      // The poller was answered before the stop, and then let go (its connection closed), not held.
      expect(polls.slice(0, 3)).toEqual([200, 200, 200]);
      console.info(
        `shutdown: exit ${code}; ${polls.length} polls; log: ${api.logs
          .slice(-4)
          .map((l) => l['msg'])
          .join(' | ')}`,
      );
      expect(polls.at(-1)).not.toBe(200);
    } finally {
      await locker.end().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    }
  }, 60_000);
});
