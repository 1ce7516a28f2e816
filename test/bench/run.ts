/**
 * `npm run bench`: how fast the event store is, beside the raw speed of the same database on the
 * same machine in the same run. Prints tables; asserts nothing (timing belongs here, never in
 * tests). Backends: the embedded store (PGlite in a temp directory, durable: fsync) and PostgreSQL
 * (a throwaway database on DATABASE_URL's server or 127.0.0.1:5432; skipped with a reason when
 * neither answers).
 *
 * First the write path (write-path.ts), each on a store of its own: store append and handleCommand,
 * at one writer and at 8, interleaved A B A B with the raw single-row INSERT+COMMIT of the same
 * events (same columns and unique indexes, prepared) and, on PostgreSQL, with Emmett's
 * appendToStream (emmett.ts says where it is loaded from); round trips per command on
 * PostgreSQL; issue 17's targets, met or missed (BENCH_ONLY=write: that alone). Then the reads
 * and the read side per backend, the embedded store's durability fsync versus off, interleaved
 * (BENCH_ONLY=durability: that alone), and the read side at scale (scale.ts; BENCH_ONLY=scale:
 * that alone): a seeded landlord receiving 10,000 complaints a year (times BENCH_SCALE) with one
 * and with five reporting years of history (10,000 and 50,000 complaints) on PostgreSQL, the
 * reports through a running API beside raw SQL aggregates, the rebuild beside the raw scan, the
 * server's memory. Last, the start-up (startup.ts; BENCH_ONLY=startup: that alone): the compiled API
 * (`npm run start:prod`) to its first 200 beside a bare Fastify server, and its idle memory; and the
 * HTTP layer (http.ts; BENCH_ONLY=http: that alone): requests per second of GET /health and of an
 * authenticated read of one complaint, beside a bare Fastify server doing the same on the same database.
 *
 * Sizes can be scaled with BENCH_SCALE (default 1): BENCH_SCALE=0.1 for a quick look.
 * BENCH_ROUNDS (default 5, at least 3) rounds per comparison and per report, BENCH_SEED
 * (default 2026) picks the landlord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKeyEncryption } from '../support/src/test-key-encryption';
import { openEmbeddedStore, openPostgresStore, type SqlStoreHandle } from '@complaints/adapter-postgres';
// Direct paths: the package index also exports the vitest contract suite, which only loads under vitest.
import { testEvent } from '../support/src/event-factory';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { compareEmbeddedDurability, printDurabilityComparison } from './embedded-durability';
import { loadEmmett } from './emmett';
import { benchHttp, httpTargets, printHttp } from './http';
import { printComparisons } from './interleave';
import { countRoundTrips } from './round-trips';
import {
  benchWritePath,
  payload,
  printCommandRoundTrips,
  printTargets,
  writeTargets,
  type TargetResult,
} from './write-path';
import {
  benchProjections,
  listQueries,
  rawLogScan,
  REBUILD_BATCH,
  rebuildReadModels,
  reportQueries,
  seedCaseload,
  storeQuery,
} from './read-side';
import { figures, timed, type Figures } from './stats';
import { benchAtScale, printScale } from './scale';
import { benchStartup, printStartup } from './startup';

const scale = Number(process.env['BENCH_SCALE'] ?? '1');
const n = (count: number) => Math.max(10, Math.round(count * scale));

const SEQUENTIAL_APPENDS = n(2000);
const CONCURRENT_WRITERS = 8;
const APPENDS_PER_WRITER = n(250);
const LONG_STREAM = n(10_000);
const CASELOAD = n(1000);
const QUERIES = n(200);
/** 10,000 complaints a year (times BENCH_SCALE): one reporting year of history, then five. */
const SCALE_TIERS = [1, 5].map((years) => ({ years, perYear: n(10_000) }));
const ROUNDS = Math.max(3, Number(process.env['BENCH_ROUNDS'] ?? '5'));
const SEED = Number(process.env['BENCH_SEED'] ?? '2026');

interface Row {
  backend: string;
  operation: string;
  figures: Figures;
}

async function readLongStream(store: SqlStoreHandle): Promise<Figures> {
  const streamId = 'bench-long';
  for (let written = 0; written < LONG_STREAM; written += 500) {
    const batch = Array.from({ length: Math.min(500, LONG_STREAM - written) }, (_, i) =>
      testEvent({ data: payload(written + i) }),
    );
    await store.eventStore.append(streamId, batch, { expectedRevision: written });
  }
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let run = 0; run < 5; run++) {
    const [events, ms] = await timed(() => store.eventStore.readStream(streamId));
    if (events.length !== LONG_STREAM) throw new Error(`read ${events.length} events, expected ${LONG_STREAM}`);
    latencies.push(ms);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(latencies, LONG_STREAM * 5, seconds);
}

async function scanLog(store: SqlStoreHandle): Promise<Figures> {
  const latencies: number[] = [];
  let after = 0n;
  let total = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const [batch, ms] = await timed(() => store.eventStore.readAll({ after, limit: 1000 }));
    if (batch.length === 0) break;
    latencies.push(ms);
    total += batch.length;
    after = batch[batch.length - 1]!.globalPosition;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(latencies, total, seconds);
}

async function benchBackend(backend: string, store: SqlStoreHandle, rows: Row[]): Promise<void> {
  const add = (operation: string, f: Figures) => {
    rows.push({ backend, operation, figures: f });
    console.error(`  ${backend}: ${operation} done (${f.eventsPerSecond.toFixed(0)} events/s)`);
  };
  add(`read a ${LONG_STREAM}-event stream (x5)`, await readLongStream(store));
  add('scan the global log (batches of 1000)', await scanLog(store));
  const seeded = await seedCaseload(store, CASELOAD);
  console.error(`  ${backend}: ${CASELOAD} complaints (${seeded} events) recorded for the read side`);
  // The rebuild's anchor, before and after it, the faster of the two: a scan that happened to meet a busier moment does not flatter the rebuild.
  const scanBefore = await rawLogScan(storeQuery(store));
  const rebuild = await rebuildReadModels(store, benchProjections(store));
  const scanAfter = await rawLogScan(storeQuery(store));
  add(
    `raw scan of the events table (per query of ${REBUILD_BATCH}, the faster of before and after the rebuild)`,
    scanBefore.eventsPerSecond > scanAfter.eventsPerSecond ? scanBefore : scanAfter,
  );
  add(`rebuild every read model from the log (per batch of ${REBUILD_BATCH}; events: the log's, once)`, rebuild);
  add('complaint list query, page of 100 (events = queries)', await listQueries(store, QUERIES));
  const reports = await reportQueries(store, Math.max(10, Math.round(QUERIES / 10)));
  add(`SLA dashboard on a date, ~${reports.cases} open cases (events = queries)`, reports.dashboard);
  add('TSM for a reporting year (events = queries)', reports.tsm);
}

function printTable(rows: Row[]): void {
  const header = ['backend', 'operation', 'ops', 'events', 'events/s', 'p50 ms', 'p99 ms'];
  const body = rows.map((r) => [
    r.backend,
    r.operation,
    String(r.figures.operations),
    String(r.figures.events),
    r.figures.eventsPerSecond.toFixed(0),
    r.figures.p50?.toFixed(2) ?? '-',
    r.figures.p99?.toFixed(2) ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  console.error(`bench: scale ${scale}, node ${process.version}${only ? `, only ${only}` : ''}`);
  if (only === 'durability') {
    printDurabilityComparison(await compareEmbeddedDurability(n(500), 3));
    return;
  }
  if (only === 'scale') {
    await runAtScale();
    return;
  }
  if (only === 'startup') {
    printStartup(await benchStartup(ROUNDS));
    return;
  }
  if (only === 'http') {
    const http = await benchHttp(ROUNDS);
    printHttp(http);
    if (!('skip' in http)) printTargets(httpTargets(http), [], 'Issue 18 targets');
    return;
  }

  const targets = await runWritePath();
  if (only === 'write') {
    printTargets(targets.results, targets.notes);
    return;
  }

  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'complaints-bench-'));
  const embedded = await openEmbeddedStore({ dataDir: dir, ...testKeyEncryption() });
  try {
    await benchBackend('embedded (PGlite)', embedded, rows);
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const database = await provisionTestDatabase();
  if ('skip' in database) {
    console.error(`PostgreSQL SKIPPED: ${database.skip}`);
  } else {
    const postgres = await openPostgresStore({
      connectionString: database.connectionString,
      pool: { max: CONCURRENT_WRITERS + 2 },
      ...testKeyEncryption(),
    });
    try {
      await benchBackend(`PostgreSQL (${database.source})`, postgres, rows);
    } finally {
      await postgres.close();
      await database.dispose();
    }
  }
  const durability = await compareEmbeddedDurability(n(500), 3);
  console.log('');
  printTable(rows);
  console.log('');
  printDurabilityComparison(durability);
  await runAtScale();
  printStartup(await benchStartup(ROUNDS));
  const http = await benchHttp(ROUNDS);
  printHttp(http);
  printTargets(targets.results, targets.notes);
  if (!('skip' in http)) printTargets(httpTargets(http), [], 'Issue 18 targets');
}

/** The write path on a store of its own per backend (nothing it writes reaches the read-side rows); its tables printed, its targets returned. */
async function runWritePath(): Promise<{ results: TargetResult[]; notes: string[] }> {
  const results: TargetResult[] = [];
  const notes: string[] = [];
  const sizes = {
    sequential: SEQUENTIAL_APPENDS,
    perWriter: APPENDS_PER_WRITER,
    writers: CONCURRENT_WRITERS,
    rounds: ROUNDS,
  };
  const emmett = loadEmmett();
  countRoundTrips('skip' in emmett ? [] : [emmett.pgClient]);
  // Other work on the machine weighs on the rounds it meets: said beside the figures, not hidden in them.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  console.log(`\nThe write path: ${cpus().length} cores, load average (1 / 5 / 15 min) ${load()} at the start`);
  let busiest = loadavg()[0]!;

  const dir = mkdtempSync(join(tmpdir(), 'complaints-bench-write-'));
  const embedded = await openEmbeddedStore({ dataDir: dir, ...testKeyEncryption() });
  try {
    const backend = 'embedded (PGlite, fsync)';
    const written = await benchWritePath(embedded, { backend, ...sizes });
    printComparisons('The write path beside the raw speed of the same durable PGlite', written.comparisons);
    results.push(...writeTargets(written, CONCURRENT_WRITERS, true));
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const database = await provisionTestDatabase();
  if ('skip' in database) {
    console.error(`PostgreSQL SKIPPED: ${database.skip}`);
    notes.push(`PostgreSQL not measured: ${database.skip}`);
    return { results, notes };
  }
  const postgres = await openPostgresStore({
    connectionString: database.connectionString,
    pool: { max: CONCURRENT_WRITERS + 2 },
    ...testKeyEncryption(),
  });
  try {
    const backend = `PostgreSQL (${database.source})`;
    const written = await benchWritePath(postgres, {
      backend,
      ...sizes,
      postgres: { connectionString: database.connectionString, emmett },
    });
    printComparisons(
      `The write path beside the raw speed of the same PostgreSQL${'skip' in emmett ? '' : ` and Emmett (loaded from ${emmett.from})`}`,
      written.comparisons,
    );
    printCommandRoundTrips(
      backend,
      written.commandRoundTrips,
      'back to back: each decides on the state the one before left in memory',
    );
    printCommandRoundTrips(backend, written.coldCommandRoundTrips, 'each reading its stream first');
    results.push(...writeTargets(written, CONCURRENT_WRITERS, false));
    if (written.emmettSkipped) notes.push(`Emmett not measured: ${written.emmettSkipped}`);
  } finally {
    await postgres.close();
    await database.dispose();
  }
  notes.push(`load average (1 / 5 / 15 min) at the end of the write path: ${load()} on ${cpus().length} cores`);
  busiest = Math.max(busiest, loadavg()[0]!);
  if (busiest > cpus().length) {
    notes.push(
      `the machine was busy (load ${busiest.toFixed(1)} on ${cpus().length} cores): with other work syncing to the same disk, each commit waits longer for it on every side, ` +
        'which narrows the gaps at one writer most; compare those ratios again on a quiet machine',
    );
  }
  return { results, notes };
}

async function runAtScale(): Promise<void> {
  console.error(
    `bench at scale: ${SCALE_TIERS.map((t) => `${t.years * t.perYear} complaints (${t.years} reporting year(s) of ${t.perYear})`).join(' and ')}, ${ROUNDS} rounds per report`,
  );
  const results = await benchAtScale(SCALE_TIERS, ROUNDS, SEED);
  if ('skip' in results) console.error(`bench at scale SKIPPED: ${results.skip}`);
  else printScale(results, ROUNDS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
