/**
 * The HTTP layer's bench (BENCH_ONLY=http; issue 18's targets): the compiled API (`npm run
 * start:prod`, built here first) on a throwaway PostgreSQL database, beside a bare Fastify server
 * on the same database (fixtures/bare-fastify-read.cjs) doing the least each route must do:
 *   - GET /health, the same JSON;
 *   - an authenticated read of one complaint: the same HS256 bearer token verified (jose) and the
 *     same stream rows read (the store's query, prepared). The API also decrypts, folds and
 *     computes the SLA: that is its own work, and counted.
 * Load from autocannon in this process (keep-alive, BENCH_HTTP_CONNECTIONS connections, default
 * 16) for BENCH_HTTP_SECONDS (default 5) per round; the sides take turns, anchor and API for
 * each route, for BENCH_ROUNDS rounds (at least 3) after an untimed second of each. Reported:
 * requests per second, median and min over the rounds, and the ratios. Targets: both >= 0.5x.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { signDevToken } from '../../apps/api/src/auth/dev-tokens';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { printTable } from './interleave';
import { buildOnce, spawnUntilHealthy, stop, type Started } from './service-process';
import { median } from './stats';
import type { TargetResult } from './write-path';

const REPO_ROOT = resolve(__dirname, '../..');
const SECRET = 'http-bench-secret-that-is-at-least-32-bytes-long';
export const HTTP_TARGET_RATIO = 0.5;
const SECONDS = Number(process.env['BENCH_HTTP_SECONDS'] ?? 5);
const WARM_SECONDS = 1;
const CONNECTIONS = Number(process.env['BENCH_HTTP_CONNECTIONS'] ?? 16);

/** Requests per second over `seconds`; throws if any answer was not a 200 (a bench of errors measures nothing). */
async function load(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result.requests.total / (result.duration || seconds);
}

interface Route {
  what: string;
  anchor: (seconds: number) => Promise<number>;
  api: (seconds: number) => Promise<number>;
}

export interface HttpBenchResult {
  rounds: number;
  routes: { what: string; anchor: number[]; api: number[] }[];
}

export async function benchHttp(rounds: number): Promise<HttpBenchResult | { skip: string }> {
  const database = await provisionTestDatabase();
  if ('skip' in database) return { skip: database.skip };
  buildOnce();
  const scratch = mkdtempSync(join(tmpdir(), 'complaints-bench-http-'));
  const servers: Started[] = [];
  try {
    const env = { DATABASE_URL: database.connectionString, AUTH_JWT_SECRET: SECRET };
    const api = await spawnUntilHealthy([join(REPO_ROOT, 'dist/apps/api/src/main.js')], {
      ...env,
      DATA_DIR: join(scratch, 'data'),
      KEYS_DIR: join(scratch, 'keys'),
    });
    servers.push(api);
    const anchor = await spawnUntilHealthy([join(REPO_ROOT, 'test/bench/fixtures/bare-fastify-read.cjs')], env);
    servers.push(anchor);

    const token = await signDevToken({ secret: SECRET, role: 'complaints_manager', expiresIn: '1h' });
    const auth = { authorization: `Bearer ${token}` };
    const id = await seedComplaint(api.port, auth);

    const routes: Route[] = [
      {
        what: 'GET /health',
        anchor: (seconds) => load(`http://127.0.0.1:${anchor.port}/health`, {}, seconds),
        api: (seconds) => load(`http://127.0.0.1:${api.port}/health`, {}, seconds),
      },
      {
        what: 'GET one complaint, bearer JWT',
        anchor: (seconds) => load(`http://127.0.0.1:${anchor.port}/complaints/${id}`, auth, seconds),
        api: (seconds) => load(`http://127.0.0.1:${api.port}/api/v1/complaints/${id}`, auth, seconds),
      },
    ];
    const results = routes.map((route) => ({ what: route.what, anchor: [] as number[], api: [] as number[] }));
    // Untimed, a second of each: connections opened, code warmed, statements prepared, caches filled.
    for (const route of routes) {
      await route.anchor(WARM_SECONDS);
      await route.api(WARM_SECONDS);
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, route] of routes.entries()) {
        results[i]!.anchor.push(await route.anchor(SECONDS));
        results[i]!.api.push(await route.api(SECONDS));
      }
    }
    return { rounds, routes: results };
  } finally {
    for (const server of servers.reverse()) await stop(server);
    await database.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The README's first two steps: a complaint received and acknowledged. Its id. */
async function seedComplaint(port: number, auth: Record<string, string>): Promise<string> {
  const post = async (path: string, body: unknown): Promise<{ id?: string }> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id?: string };
  };
  const { id } = await post('/complaints', {
    receivedAt: '2026-03-02T10:00:00Z',
    channel: 'email',
    complainant: { name: 'Jane Resident', email: 'jane@example.org' },
    serviceArea: 'repairs',
    category: 'damp and mould',
    description: 'Mould in the bedroom has not been treated',
    tenure: 'LCRA',
  });
  if (!id) throw new Error('POST /complaints answered without an id');
  await post(`/complaints/${id}/acknowledgements`, {
    acknowledgedAt: '2026-03-04T09:00:00Z',
    handler: { id: 'off-1', name: 'Sam Officer' },
    headsOfComplaint: ['Mould not treated', 'Missed appointment'],
  });
  return id;
}

export function httpTargets(result: HttpBenchResult): TargetResult[] {
  return result.routes.map((route) => ({
    what: `${route.what}, API / bare Fastify`,
    target: HTTP_TARGET_RATIO,
    median: median(route.api) / median(route.anchor),
    min: Math.min(...route.api) / Math.min(...route.anchor),
    paired: median(route.api.map((api, i) => api / route.anchor[i]!)),
  }));
}

export function printHttp(result: HttpBenchResult | { skip: string }): void {
  if ('skip' in result) {
    console.log(`\nHTTP layer: SKIPPED (${result.skip})`);
    return;
  }
  console.log(
    `\nHTTP layer (requests/s, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per round, ${result.rounds} rounds taking turns; min = the slowest round)`,
  );
  const rows: string[][] = [];
  for (const route of result.routes) {
    rows.push([route.what, 'bare Fastify (anchor)', fmt(median(route.anchor)), fmt(Math.min(...route.anchor)), '']);
    rows.push([
      route.what,
      'API (start:prod)',
      fmt(median(route.api)),
      fmt(Math.min(...route.api)),
      `${(median(route.api) / median(route.anchor)).toFixed(2)}x`,
    ]);
  }
  printTable(['route', 'side', 'median req/s', 'min req/s', 'x anchor'], rows, 2);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
