/**
 * The start-up bench (BENCH_ONLY=startup): `npm run start:prod` (the compiled API, built here
 * first with `npm run build`) from spawn to its first 200 on GET /health, on the embedded store
 * with a fresh DATA_DIR (the first start: the database created, every migration applied) and
 * with a reused one (a restart), beside a bare Fastify server's spawn to its first 200 (the
 * anchor), PGlite opened on the same data directory behind a bare node:http server (the floor of
 * a start on the embedded store) and `npm start` (TypeScript compiled at start by @swc-node/register) on a reused
 * DATA_DIR. The sides take turns, A B C D E A B C D E, for BENCH_ROUNDS rounds (at least 3), after one
 * untimed start of each. Then the idle memory (VmRSS) of the compiled API a few seconds after
 * its first 200: embedded, and on PostgreSQL with a fresh database per start. Issue 17's targets:
 * a reused-DATA_DIR start within 3x the bare Fastify start, idle RSS on PostgreSQL within 200 MB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { buildOnce, spawnUntilHealthy, stop, type Started } from './service-process';
import { median } from './stats';

const REPO_ROOT = resolve(__dirname, '../..');
const SECRET = 'startup-bench-secret-that-is-at-least-32-bytes';
/** How long the service is left idle before its memory is read. */
const SETTLE_MS = 3000;
export const STARTUP_TARGET_RATIO = 3;
export const IDLE_RSS_TARGET_MB = 200;

/** The API (or an anchor) started with this bench's token secret. */
const startTimed = (args: readonly string[], env: Record<string, string>) =>
  spawnUntilHealthy(args, { AUTH_JWT_SECRET: SECRET, ...env });

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) / 1024;
}

interface Side {
  name: string;
  start(): Promise<Started>;
  /** After the start was stopped (a fresh DATA_DIR removed). */
  after?(): void;
}

export interface StartupResult {
  rounds: number;
  sides: { name: string; ms: number[] }[];
  rss: { name: string; mb: number[] }[];
  notes: string[];
}

export async function benchStartup(rounds: number): Promise<StartupResult> {
  console.error(`  startup: ${buildOnce()}`);
  const prod = [join(REPO_ROOT, 'dist/apps/api/src/main.js')];
  const dev = [join(REPO_ROOT, 'apps/api/bin/run.cjs'), 'main'];
  const scratch = mkdtempSync(join(tmpdir(), 'complaints-bench-startup-'));
  const reused = { DATA_DIR: join(scratch, 'reused'), KEYS_DIR: join(scratch, 'keys') };
  const devReused = { DATA_DIR: join(scratch, 'dev-reused'), KEYS_DIR: join(scratch, 'keys') };
  let freshCount = 0;
  let freshDir = '';
  const notes: string[] = [];
  try {
    const sides: Side[] = [
      {
        name: 'bare Fastify (anchor)',
        start: () => startTimed([join(REPO_ROOT, 'test/bench/fixtures/bare-fastify.cjs')], {}),
      },
      { name: 'start:prod, reused DATA_DIR', start: () => startTimed(prod, reused) },
      // After the untimed round, so that the reused DATA_DIR exists (the first side to start creates it).
      {
        name: 'bare PGlite + node:http, reused data dir',
        start: () =>
          startTimed([join(REPO_ROOT, 'test/bench/fixtures/bare-pglite.cjs')], {
            PGDATA: join(reused.DATA_DIR, 'pgdata'),
          }),
      },
      {
        name: 'start:prod, fresh DATA_DIR',
        start: () => {
          freshDir = join(scratch, `fresh-${++freshCount}`);
          return startTimed(prod, { DATA_DIR: freshDir, KEYS_DIR: join(scratch, 'keys') });
        },
        after: () => rmSync(freshDir, { recursive: true, force: true }),
      },
      { name: 'npm start (swc-node), reused DATA_DIR', start: () => startTimed(dev, devReused) },
    ];
    const results = sides.map((side) => ({ name: side.name, ms: [] as number[] }));
    // The untimed start of each side creates the reused DATA_DIRs and warms the disk cache; the
    // API's first, so that the bare PGlite side finds its data directory.
    for (const side of [sides[1]!, ...sides.filter((_, i) => i !== 1)]) {
      await stop(await side.start());
      side.after?.();
    }
    for (let r = 0; r < rounds; r++) {
      for (const [s, side] of sides.entries()) {
        const started = await side.start();
        await stop(started);
        side.after?.();
        results[s]!.ms.push(started.ms);
        console.error(`  startup round ${r + 1}: ${side.name} ${started.ms.toFixed(0)} ms`);
      }
    }

    const rss: { name: string; mb: number[] }[] = [{ name: 'start:prod, embedded (reused DATA_DIR)', mb: [] }];
    const database = await provisionTestDatabase();
    if ('skip' in database) notes.push(`idle RSS on PostgreSQL not measured: ${database.skip}`);
    else await database.dispose();
    const postgres =
      'skip' in database ? undefined : { name: 'start:prod, PostgreSQL (fresh database)', mb: [] as number[] };
    if (postgres) rss.push(postgres);
    for (let r = 0; r < rounds; r++) {
      const embedded = await startTimed(prod, reused);
      await new Promise((done) => setTimeout(done, SETTLE_MS));
      rss[0]!.mb.push(rssMb(embedded.child.pid!));
      await stop(embedded);
      if (postgres) {
        const fresh = await provisionTestDatabase();
        if ('skip' in fresh) throw new Error(fresh.skip);
        try {
          const onPostgres = await startTimed(prod, {
            DATABASE_URL: fresh.connectionString,
            KEYS_DIR: join(scratch, 'keys'),
          });
          await new Promise((done) => setTimeout(done, SETTLE_MS));
          postgres.mb.push(rssMb(onPostgres.child.pid!));
          await stop(onPostgres);
        } finally {
          await fresh.dispose();
        }
      }
      console.error(
        `  idle RSS round ${r + 1}: ${rss.map((each) => `${each.name} ${each.mb[r]?.toFixed(0)} MB`).join(', ')}`,
      );
    }
    return { rounds, sides: results, rss, notes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function printStartup(result: StartupResult): void {
  console.log(
    `\nStart-up to the first 200 on /health (${result.rounds} rounds A B C D E after an untimed start of each; min = the fastest start; x anchor = this side's time over bare Fastify's)`,
  );
  const anchor = result.sides[0]!;
  const rows = result.sides.map((side) => [
    side.name,
    median(side.ms).toFixed(0),
    Math.min(...side.ms).toFixed(0),
    (median(side.ms) / median(anchor.ms)).toFixed(2),
    (Math.min(...side.ms) / Math.min(...anchor.ms)).toFixed(2),
  ]);
  printRows(['side', 'median ms', 'min ms', 'x anchor median', 'x anchor min'], rows);
  console.log(
    `\nIdle memory (VmRSS ${SETTLE_MS / 1000} s after the first 200 on /health; ${result.rounds} starts each)`,
  );
  printRows(
    ['service', 'median MB', 'min MB', 'max MB'],
    result.rss.map((each) => [
      each.name,
      median(each.mb).toFixed(0),
      Math.min(...each.mb).toFixed(0),
      Math.max(...each.mb).toFixed(0),
    ]),
  );
  const reused = result.sides.find((side) => side.name === 'start:prod, reused DATA_DIR');
  const targets: string[] = [];
  if (reused) {
    const ratio = median(reused.ms) / median(anchor.ms);
    targets.push(
      `start:prod on a reused DATA_DIR within ${STARTUP_TARGET_RATIO}x bare Fastify (median): ${ratio.toFixed(2)}x, ${ratio <= STARTUP_TARGET_RATIO ? 'met' : 'MISSED'}`,
    );
  }
  const postgres = result.rss.find((each) => each.name.includes('PostgreSQL'));
  if (postgres) {
    const mb = median(postgres.mb);
    targets.push(
      `idle RSS on PostgreSQL within ${IDLE_RSS_TARGET_MB} MB (median): ${mb.toFixed(0)} MB, ${mb <= IDLE_RSS_TARGET_MB ? 'met' : 'MISSED'}`,
    );
  }
  console.log('\nStart-up targets (issue 17):');
  for (const line of [...targets, ...result.notes]) console.log(`  ${line}`);
}

function printRows(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of body) console.log(line(row));
}
