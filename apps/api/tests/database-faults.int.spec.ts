import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ComplaintEventStore } from '@complaints/event-store';
import { createTestDatabase, findPostgresServer, freePort, type TestDatabase } from '@complaints/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../src/auth/dev-tokens';
import { complaintBody, TEST_SECRET } from './support/test-app';

/**
 * Fault injection: the real API (`npm start`'s entry point) in a child process, on a throwaway
 * PostgreSQL database, while every backend of that database is terminated again and again under
 * concurrent writes (what a failover, a restart or an operator's pg_terminate_backend does). A
 * crash is then observable as the child's exit. Bounded in rounds, not in time. Always on
 * PostgreSQL (found as the other PostgreSQL suites find it), whatever store the rest of the API
 * suite runs on.
 */
const ROUNDS = 8;
const WRITERS = 6;
const WRITES_PER_WRITER_PER_ROUND = 5;
/** Terminate all our backends once this many responses of the round have arrived, and again at the second count. */
const TERMINATE_AFTER_RESPONSES = [2, Math.floor((WRITERS * WRITES_PER_WRITER_PER_ROUND) / 2)];

const repoRoot = resolve(__dirname, '../../..');

interface Outcome {
  key: string;
  status: number | 'socket-error';
  retryAfter: string | null;
  contentType: string | null;
  id?: string;
  /** The write's global position (201), or the problem's detail. */
  position?: string;
  detail?: string;
}

describe('database faults under load (PostgreSQL, API in a child process)', async () => {
  const server = await findPostgresServer();
  if ('skip' in server) {
    console.warn(`[postgres] database faults SKIPPED: ${server.skip}`);
    it.skip(`skipped: ${server.skip}`, () => undefined);
    return;
  }

  // Only our own backends are ever terminated: other suites and helpers share the server.
  const applicationName = `api_faults_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-db-faults-'));
  let database: TestDatabase;
  let admin: Client;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase(server);
    admin = new Client({ connectionString: database.connectionString });
    await admin.connect();
    const url = new URL(database.connectionString);
    url.searchParams.set('application_name', applicationName);
    api = await startApi({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, KEYS_DIR: `${dataDir}-keys` });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await admin?.end();
    try {
      await database?.dispose();
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    }
  });

  /** Terminate every backend of the API's; returns how many were terminated. */
  async function terminateOurBackends(): Promise<number> {
    const { rows } = await admin.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()',
      [applicationName],
    );
    return rows.filter((row) => row.terminated).length;
  }

  it(
    'survives every round, answers only 2xx or 503 with Retry-After, loses no acknowledged write, and listens again afterwards',
    { timeout: 300_000 },
    async () => {
      const token = await signDevToken({ secret: TEST_SECRET, role: 'complaints_officer', expiresIn: '1h' });
      const write = (key: string) => createComplaint(api.baseUrl, token, key);
      const outcomes: Outcome[] = [];
      const reads: Outcome[] = [];
      let terminations = 0;
      let roundsWithTerminations = 0;

      for (let round = 1; round <= ROUNDS; round++) {
        const roundOutcomes: Outcome[] = [];
        const terminationsThisRound: Promise<number>[] = [];
        const answered = () => {
          if (TERMINATE_AFTER_RESPONSES.includes(roundOutcomes.length))
            terminationsThisRound.push(terminateOurBackends());
        };
        const writers = Array.from({ length: WRITERS }, async () => {
          for (let n = 0; n < WRITES_PER_WRITER_PER_ROUND; n++) {
            const outcome = await write(randomUUID());
            roundOutcomes.push(outcome);
            answered();
          }
        });
        // A reader alongside: the list (read models) and one complaint (its stream), while the writes go on.
        const reader = (async () => {
          for (let n = 0; n < WRITES_PER_WRITER_PER_ROUND; n++) {
            const known = outcomes.find((outcome) => outcome.status === 201);
            reads.push(await readOnce(`${api.baseUrl}/api/v1/complaints?limit=5`, token));
            if (known) reads.push(await readOnce(`${api.baseUrl}/api/v1/complaints/${known.id}`, token));
          }
        })();
        await Promise.all([...writers, reader]);
        const terminated = (await Promise.all(terminationsThisRound)).reduce((sum, count) => sum + count, 0);
        terminations += terminated;
        if (terminated > 0) roundsWithTerminations++;
        outcomes.push(...roundOutcomes);
        expect(api.exit(), `the API exited in round ${round}: ${api.stderr()}`).toBeUndefined();
      }

      // The faults stop. A write the client saw fail (503) is retried with its key, as the problem says: recorded once.
      const failed = outcomes.filter((outcome) => outcome.status === 503);
      const retried = await Promise.all(failed.map((outcome) => write(outcome.key)));

      const statuses = countBy(outcomes.map((outcome) => String(outcome.status)));
      const acknowledged = [...outcomes, ...retried].filter((outcome) => outcome.status === 201);
      const stored = new Set(
        (
          await admin.query<{ stream_id: string }>("SELECT stream_id FROM events WHERE type = 'ComplaintReceived'")
        ).rows.map((row) => row.stream_id),
      );
      const lost = acknowledged.filter((outcome) => !stored.has(ComplaintEventStore.streamIdOf(outcome.id!)));
      const counts = {
        rounds: ROUNDS,
        roundsWithTerminations,
        terminations,
        requests: outcomes.length,
        statuses,
        reads: reads.length,
        readStatuses: countBy(reads.map((outcome) => String(outcome.status))),
        acknowledged: acknowledged.length,
        lost: lost.length,
        retriedAfter503: retried.length,
        retryStatuses: countBy(retried.map((outcome) => String(outcome.status))),
      };
      console.info(`[database faults] ${JSON.stringify(counts)}`);

      expect(roundsWithTerminations, 'every round terminated backends under load').toBe(ROUNDS);
      // Nothing but success or "unavailable, retry": never a 500, never a dropped socket.
      const unexpected = outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 503);
      expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([]);
      const unexpectedReads = reads.filter((outcome) => outcome.status !== 200 && outcome.status !== 503);
      expect(unexpectedReads, JSON.stringify(unexpectedReads.slice(0, 3))).toEqual([]);
      for (const outcome of [...failed, ...reads.filter((read) => read.status === 503)]) {
        expect(outcome.retryAfter, outcome.key).toMatch(/^\d+$/);
        expect(outcome.contentType, outcome.key).toMatch(/^application\/problem\+json/);
      }
      // Each 503 left its key free (not stuck "in use"), and its retry was recorded once: the key's own complaint.
      expect(retried.filter((outcome) => outcome.status !== 201)).toEqual([]);
      expect(lost).toEqual([]);
      const createdIds = acknowledged.map((outcome) => outcome.id);
      expect(new Set(createdIds).size).toBe(createdIds.length);
      expect(stored.size).toBe(createdIds.length);

      // LISTEN is back by itself: one of our sessions is listening again.
      await until(
        async () =>
          (
            await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`, [
              applicationName,
            ])
          ).rows.length > 0,
      );
      // And a new write reaches the read models: a read that waits for it sees it.
      const after = await write(randomUUID());
      expect(after.status).toBe(201);
      const read = await fetch(`${api.baseUrl}/api/v1/complaints/${after.id}?waitForPosition=${after.position}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.status).toBe(200);
      const list = await fetch(`${api.baseUrl}/api/v1/complaints?limit=500&waitForPosition=${after.position}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as { items: { id: string }[] };
      expect(items.map((item) => item.id)).toContain(after.id);
      expect(api.exit()).toBeUndefined();
    },
  );
});

async function createComplaint(baseUrl: string, token: string, key: string): Promise<Outcome> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(complaintBody()),
    });
    const body = (await response.json()) as { id?: string; position?: string; detail?: string };
    return {
      key,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
      ...(response.status === 201 ? { id: body.id, position: body.position } : { detail: body.detail }),
    };
  } catch (error) {
    return { key, status: 'socket-error', retryAfter: null, contentType: null, detail: String(error) };
  }
}

async function readOnce(url: string, token: string): Promise<Outcome> {
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    return {
      key: url,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
    };
  } catch (error) {
    return { key: url, status: 'socket-error', retryAfter: null, contentType: null, detail: String(error) };
  }
}

interface RunningApi {
  baseUrl: string;
  /** How the child ended, if it has. */
  exit(): string | undefined;
  stderr(): string;
  stop(): Promise<void>;
}

/** `npm start` (apps/api/bin/run.cjs main) with this environment, resolved once it listens. */
async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'apps/api/bin/run.cjs'), 'main'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      AUTH_JWT_SECRET: TEST_SECRET,
      ORG_HOMES: '10000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited: string | undefined;
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<void>((done) =>
    child.on('exit', (code, signal) => {
      exited = `code ${code}, signal ${signal}`;
      done();
    }),
  );
  await new Promise<void>((listening, failed) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.includes('"msg":"listening"')) listening();
    });
    void exit.then(() => failed(new Error(`the API did not start (${exited}): ${stderr}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    exit: () => exited,
    stderr: () => stderr,
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      // Cleanup only: a shutdown that hangs is another test's finding, not a reason to leave a process behind.
      const hung = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(hung);
    },
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolveWait) => setTimeout(resolveWait, 50));
}
