/**
 * `npm run bench`: how fast the event store is, beside the raw speed of the same database on the
 * same machine in the same run. Prints one table; asserts nothing (timing belongs here, never in
 * tests). Backends: the embedded store (PGlite in a temp directory) and PostgreSQL (a throwaway
 * database on DATABASE_URL's server or 127.0.0.1:5432; skipped with a reason when neither answers).
 *
 * Sizes can be scaled with BENCH_SCALE (default 1): BENCH_SCALE=0.1 for a quick look.
 * Then the embedded store's durability fsync versus off, interleaved (BENCH_ONLY=durability: that alone),
 * and the read side at scale (scale.ts; BENCH_ONLY=scale: that alone): a seeded landlord receiving
 * 10,000 complaints a year (times BENCH_SCALE) with one and with five reporting years of history
 * (10,000 and 50,000 complaints) on PostgreSQL, the reports through a running API beside
 * raw SQL aggregates, the rebuild beside the raw scan, the server's memory. BENCH_ROUNDS (default 5)
 * rounds per report, BENCH_SEED (default 2026) picks the landlord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKeyEncryption } from '../support/src/test-key-encryption';
import { openEmbeddedStore, openPostgresStore, type SqlStoreHandle } from '@complaints/adapter-postgres';
// Direct paths: the package index also exports the vitest contract suite, which only loads under vitest.
import { testEvent } from '../support/src/event-factory';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { compareEmbeddedDurability, printDurabilityComparison } from './embedded-durability';
import { benchProjections, listQueries, rebuildReadModels, reportQueries, seedCaseload } from './read-side';
import { figures, timed, type Figures } from './stats';
import { benchAtScale, printScale } from './scale';

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

/** A realistic payload: about the size of a ComplaintAcknowledged with encrypted fields. */
function payload(i: number) {
  return {
    occurredAt: '2026-03-02T09:30:00.000Z',
    stage: 1,
    handler: { id: 'officer-17', name: 'Sam Patel' },
    headsOfComplaint: [{ $enc: 1, iv: 'q1w2e3r4t5y6u7i8', tag: 'a'.repeat(24), ct: 'b'.repeat(120) }],
    n: i,
  };
}

/** The database's own speed: single-row INSERT, each its own transaction (autocommit). */
async function rawInserts(store: SqlStoreHandle, count: number, writers: number): Promise<Figures> {
  await store.sql.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)');
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < count; i++) {
        const [, ms] = await timed(() =>
          store.sql.query('INSERT INTO bench_raw (stream, data) VALUES ($1, $2::text::jsonb)', [`raw-${w}`, JSON.stringify(payload(i))]),
        );
        latencies.push(ms);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(latencies, count * writers, seconds);
}

/** One event per command, each append checking the exact expected revision, like the command path. */
async function appends(store: SqlStoreHandle, label: string, count: number, writers: number): Promise<Figures> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      // Ten commands per complaint, as a case's life has roughly that many steps.
      const revisions = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        const streamId = `bench-${label}-${w}-${Math.floor(i / 10)}`;
        const revision = revisions.get(streamId) ?? 0;
        const [, ms] = await timed(() =>
          store.eventStore.append(streamId, [testEvent({ type: 'ComplaintAcknowledged', data: payload(i) })], {
            expectedRevision: revision,
          }),
        );
        revisions.set(streamId, revision + 1);
        latencies.push(ms);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(latencies, count * writers, seconds);
}

async function readLongStream(store: SqlStoreHandle): Promise<Figures> {
  const streamId = 'bench-long';
  for (let written = 0; written < LONG_STREAM; written += 500) {
    const batch = Array.from({ length: Math.min(500, LONG_STREAM - written) }, (_, i) => testEvent({ data: payload(written + i) }));
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
  add('raw INSERT+COMMIT, 1 writer', await rawInserts(store, SEQUENTIAL_APPENDS, 1));
  add('append 1 event/command, 1 writer', await appends(store, 'seq', SEQUENTIAL_APPENDS, 1));
  add(`raw INSERT+COMMIT, ${CONCURRENT_WRITERS} writers`, await rawInserts(store, APPENDS_PER_WRITER, CONCURRENT_WRITERS));
  add(`append 1 event/command, ${CONCURRENT_WRITERS} writers`, await appends(store, 'conc', APPENDS_PER_WRITER, CONCURRENT_WRITERS));
  add(`read a ${LONG_STREAM}-event stream (x5)`, await readLongStream(store));
  add('scan the global log (batches of 1000)', await scanLog(store));
  const seeded = await seedCaseload(store, CASELOAD);
  console.error(`  ${backend}: ${CASELOAD} complaints (${seeded} events) recorded for the read side`);
  add('rebuild the read models from the log (per batch of 500)', await rebuildReadModels(store, benchProjections(store)));
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
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.error(`bench: scale ${scale}, node ${process.version}`);
  if (process.env['BENCH_ONLY'] === 'durability') {
    printDurabilityComparison(await compareEmbeddedDurability(n(500), 3));
    return;
  }
  if (process.env['BENCH_ONLY'] === 'scale') {
    await runAtScale();
    return;
  }

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
    const postgres = await openPostgresStore({ connectionString: database.connectionString, pool: { max: CONCURRENT_WRITERS + 2 }, ...testKeyEncryption() });
    try {
      await benchBackend(`PostgreSQL (${database.source})`, postgres, rows);
    } finally {
      await postgres.close();
      await database.dispose();
    }
  }
  const durability = await compareEmbeddedDurability(n(500), 3);
  printTable(rows);
  console.log('');
  printDurabilityComparison(durability);
  await runAtScale();
}

async function runAtScale(): Promise<void> {
  console.error(`bench at scale: ${SCALE_TIERS.map((t) => `${t.years * t.perYear} complaints (${t.years} reporting year(s) of ${t.perYear})`).join(' and ')}, ${ROUNDS} rounds per report`);
  const results = await benchAtScale(SCALE_TIERS, ROUNDS, SEED);
  if ('skip' in results) console.error(`bench at scale SKIPPED: ${results.skip}`);
  else printScale(results, ROUNDS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
