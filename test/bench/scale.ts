/**
 * The bench at scale (issue 13's targets): a seeded landlord of 10,000 and 50,000 complaints
 * (times BENCH_SCALE) on a fresh PostgreSQL database each, the reports timed through a running
 * API server beside one raw SQL aggregate each over a plain per-case dates table in the same
 * database, the rebuild of every read model beside a raw scan of the events table, and the
 * server's memory while it serves. Asserts nothing: it prints the figures beside the targets.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { openPostgresStore } from '@complaints/adapter-postgres';
import { createWorkingDayCalendar, reportingYear, SALIX_HOMES_2021 } from '@complaints/domain';
import { ComplaintEventStore } from '@complaints/event-store';
import { complaintLogSource, ProjectionEngine } from '@complaints/projections';
// Direct paths: the one list of read models and the KEYS_DIR blind index key, without the runtime package's wiring.
import { readModelProjections } from '../../libs/runtime/src/read-models/read-model-projections';
import { loadSubjectIndexKey } from '../../libs/runtime/src/keys/subject-index-key';
import { freePort } from '../support/src/free-port';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { testKeyEncryption } from '../support/src/test-key-encryption';
import { ANCHOR_QUERIES, createAnchorTable, workingDaysBack, type ReportDates } from './anchor';
import { startApiServer, waitForReadModels, type ApiServer } from './api-server';
import { generateLandlord, recordLandlord } from './landlord';
import { median } from './stats';

const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });

/** The dates the reports are asked for: the last reporting year of the landlord, a day near its end. */
const AS_OF = '2026-03-16';
const YEAR = 2025;
const MONTH = '2026-02';
const DATES: ReportDates = {
  asOf: AS_OF,
  dueSoonBy: calendar.addWorkingDays(AS_OF, 2),
  inactiveOnOrBefore: workingDaysBack(calendar, AS_OF, 20),
  year: YEAR,
  yearFrom: reportingYear(YEAR).from,
  yearTo: reportingYear(YEAR).to,
  month: MONTH,
  monthFrom: `${MONTH}-01`,
  monthTo: '2026-02-28',
};

/** Each report as users ask the API for it, keyed as its raw aggregate in anchor.ts. */
const REPORTS: { key: keyof typeof ANCHOR_QUERIES; label: string; path: string }[] = [
  { key: 'dashboard', label: 'SLA dashboard asOf', path: `/api/v1/dashboards/sla?asOf=${AS_OF}` },
  { key: 'tsm', label: 'TSM for a year', path: `/api/v1/reports/tsm?year=${YEAR}` },
  // limit: the first page once the drill-down is keyset-paginated (ignored while it lists every case).
  { key: 'tsmDrillDown', label: 'TSM drill-down page', path: `/api/v1/reports/tsm/${YEAR}/complaints?measure=ch01-stage1&limit=100` },
  { key: 'annual', label: 'annual report', path: `/api/v1/reports/annual?year=${YEAR}` },
  { key: 'monthly', label: 'panel monthly report', path: `/api/v1/panel/reports/monthly?month=${MONTH}` },
  { key: 'attention', label: 'attention queue', path: `/api/v1/attention?asOf=${AS_OF}` },
];

export interface ReportTiming {
  label: string;
  apiMs: number[];
  rawMs: number[];
  apiBytes: number;
  rawRows: number;
}

export interface TierResult {
  cases: number;
  events: number;
  seedSeconds: number;
  rebuild: { events: number; seconds: number };
  rawScan: { events: number; seconds: number };
  reports: ReportTiming[];
  rss: { idleMb: number; peakMb: number };
}

const log = (message: string) => console.error(`  scale: ${message}`);

export async function benchAtScale(tiers: readonly number[], rounds: number, seed: number): Promise<TierResult[] | { skip: string }> {
  const results: TierResult[] = [];
  for (const cases of tiers) {
    const result = await benchTier(cases, rounds, seed);
    if ('skip' in result) return result;
    results.push(result);
  }
  return results;
}

async function benchTier(cases: number, rounds: number, seed: number): Promise<TierResult | { skip: string }> {
  const database = await provisionTestDatabase();
  if ('skip' in database) return database;
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-bench-scale-'));
  const keysDir = `${dataDir}-keys`;
  mkdirSync(keysDir);
  const pool = new Pool({ connectionString: database.connectionString, max: 2 });
  let api: ApiServer | undefined;
  try {
    // The landlord, recorded as the API would store it, with the KEKs the server will read (same KEYS_DIR).
    const store = await openPostgresStore({ connectionString: database.connectionString, pool: { max: 10 }, ...testKeyEncryption(keysDir) });
    const seeded = process.hrtime.bigint();
    const lives = generateLandlord(cases, calendar, seed);
    const events = await recordLandlord(store, lives, 8, (done) => log(`${cases} cases: ${done} recorded`));
    const seedSeconds = seconds(seeded);
    log(`${cases} cases: ${events} events recorded in ${seedSeconds.toFixed(1)} s`);

    const scanBefore = await rawScan(pool);
    const rebuild = await rebuildAll(store, keysDir, events);
    const scanAfter = await rawScan(pool);
    const rawScanFigures = scanBefore.seconds < scanAfter.seconds ? scanBefore : scanAfter;
    await store.close();
    const anchorRows = await createAnchorTable(pool, lives);
    log(`${cases} cases: raw anchor table of ${anchorRows} case-stage rows`);

    const env = {
      DATABASE_URL: database.connectionString,
      DATA_DIR: dataDir,
      KEYS_DIR: keysDir,
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: String(await freePort()),
      ORG_HOMES: String(cases * 2),
      LOCAL_SLA_PROFILE: SALIX_HOMES_2021.id,
    };
    api = await startApiServer(env);
    await waitForReadModels(api, (behind) => log(`waiting for the server's read models: ${behind}`));
    const idleMb = api.rssMb();
    log(`${cases} cases: server ${api.pid} ready, ${idleMb.toFixed(0)} MB resident`);

    let peakMb = idleMb;
    const server = api;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.rssMb())), 25);
    const reports: ReportTiming[] = [];
    try {
      for (const report of REPORTS) reports.push(await timeReport(server, pool, report, rounds, cases));
    } finally {
      clearInterval(sampler);
    }
    return { cases, events, seedSeconds, rebuild, rawScan: rawScanFigures, reports, rss: { idleMb, peakMb: Math.max(peakMb, server.rssMb()) } };
  } finally {
    await api?.stop();
    await pool.end();
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keysDir, { recursive: true, force: true });
  }
}

/**
 * API then raw, A B A B, after one untimed call of each (the first request compiles and warms
 * caches): a machine getting busier or quieter weighs on both alike.
 */
async function timeReport(api: ApiServer, pool: Pool, report: (typeof REPORTS)[number], rounds: number, cases: number): Promise<ReportTiming> {
  const anchor = ANCHOR_QUERIES[report.key]!;
  const raw = () => pool.query(anchor.sql, anchor.params(DATES));
  const apiBytes = (await api.get(report.path)).length;
  const rawRows = (await raw()).rowCount ?? 0;
  const timing: ReportTiming = { label: report.label, apiMs: [], rawMs: [], apiBytes, rawRows };
  for (let round = 0; round < rounds; round++) {
    timing.apiMs.push(await ms(() => api.get(report.path)));
    timing.rawMs.push(await ms(raw));
  }
  log(`${cases} cases: ${report.label}: API median ${median(timing.apiMs).toFixed(1)} ms, raw ${median(timing.rawMs).toFixed(1)} ms`);
  return timing;
}

/**
 * Every read model rebuilt from the log, all asked at once (so an engine that reads a batch once
 * for every projection rebuilding together can), as POST /admin/read-models/:name/rebuild would.
 * The events/s figure is the log's events over the wall time: comparable with the raw scan.
 */
async function rebuildAll(store: Awaited<ReturnType<typeof openPostgresStore>>, keysDir: string, events: number): Promise<{ events: number; seconds: number }> {
  const complaints = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  const projections = readModelProjections({ calendar, localProfile: SALIX_HOMES_2021, subjectIndexKey: loadSubjectIndexKey(keysDir), keys: store.keyStore });
  const engine = new ProjectionEngine({ sql: store.sql, source: complaintLogSource(complaints, store.eventStore), projections, batchSize: 500 });
  const started = process.hrtime.bigint();
  const applied = new Map<string, bigint>();
  let lastNote = Date.now();
  try {
    const reports = await Promise.all(
      projections.map((projection) =>
        engine.rebuild(projection.name, {
          onProgress: (progress) => {
            applied.set(progress.projection, progress.eventsApplied);
            if (Date.now() - lastNote < 10_000) return;
            lastNote = Date.now();
            const least = Math.min(...projections.map((p) => Number(applied.get(p.name) ?? 0n)));
            log(`rebuilding ${projections.length} read models: every one past ${least} of ${events} events (${seconds(started).toFixed(0)} s)`);
          },
        }),
      ),
    );
    const failed = reports.filter((report) => report.outcome !== 'swapped');
    if (failed.length > 0) throw new Error(`rebuild ended ${failed.map((r) => `${r.projection}: ${r.outcome}`).join(', ')}`);
  } finally {
    await engine.stop();
  }
  const figures = { events, seconds: seconds(started) };
  log(`rebuilt ${projections.length} read models over ${events} events in ${figures.seconds.toFixed(1)} s`);
  return figures;
}

/** The database's own speed at reading the log: every column of every event, in position order, 1000 a query. */
async function rawScan(pool: Pool): Promise<{ events: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let after = '0';
  let events = 0;
  for (;;) {
    const { rows } = await pool.query<{ global_position: string }>('SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 1000', [after]);
    if (rows.length === 0) break;
    events += rows.length;
    after = rows[rows.length - 1]!.global_position;
  }
  return { events, seconds: seconds(started) };
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function ms(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The tables: each report beside its raw aggregate per tier, growth between tiers, rebuild, memory; each beside its target. */
export function printScale(results: TierResult[], rounds: number): void {
  const largest = results.at(-1)!;
  const smallest = results[0]!;
  const table = (header: string[], rows: string[][], left = 1) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const row of rows) console.log(line(row));
  };
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

  console.log(`\nReports through the API (HTTP, bearer token) beside a raw SQL aggregate over per-case dates, PostgreSQL, ${rounds} rounds A B A B (ms)`);
  const rows: string[][] = [];
  for (const tier of results) {
    for (const r of tier.reports) {
      const ratio = median(r.apiMs) / median(r.rawMs);
      const target = tier === largest ? `<= 3x: ${verdict(ratio <= 3)}` : '';
      rows.push([r.label, String(tier.cases), (r.apiBytes / 1024).toFixed(1), String(r.rawRows), f(median(r.apiMs)), f(Math.min(...r.apiMs)), f(median(r.rawMs)), f(Math.min(...r.rawMs)), `${f(ratio)}x`, `${f(Math.min(...r.apiMs) / Math.min(...r.rawMs))}x`, target]);
    }
  }
  table(['report', 'cases', 'API KB', 'raw rows', 'API median', 'API min', 'raw median', 'raw min', 'API/raw median', 'API/raw min', `target at ${largest.cases}`], rows);

  if (results.length > 1) {
    console.log(`\nGrowth with the caseload, ${smallest.cases} -> ${largest.cases} cases (median API time; the answer's size grows too for lists)`);
    table(
      ['report', `${smallest.cases} ms`, `${largest.cases} ms`, 'growth', 'raw growth', 'target <= 2x'],
      largest.reports.map((r, i) => {
        const small = smallest.reports[i]!;
        const growth = median(r.apiMs) / median(small.apiMs);
        return [r.label, f(median(small.apiMs)), f(median(r.apiMs)), `${f(growth)}x`, `${f(median(r.rawMs) / median(small.rawMs))}x`, verdict(growth <= 2)];
      }),
    );
  }

  console.log('\nRebuild of every read model beside the raw scan of the events table (events/s of the log)');
  table(
    ['cases', 'events', 'seeded in s', 'rebuild s', 'rebuild ev/s', 'raw scan ev/s', 'rebuild/raw', 'target >= 0.5x'],
    results.map((t) => {
      const rebuildRate = t.rebuild.events / t.rebuild.seconds;
      const scanRate = t.rawScan.events / t.rawScan.seconds;
      return [String(t.cases), String(t.events), f(t.seedSeconds), f(t.rebuild.seconds), rebuildRate.toFixed(0), scanRate.toFixed(0), `${(rebuildRate / scanRate).toFixed(3)}x`, verdict(rebuildRate / scanRate >= 0.5)];
    }),
    0,
  );

  console.log('\nServer memory (VmRSS of the API process), ready and at its peak while serving the reports');
  table(
    ['cases', 'ready MB', 'peak MB', 'target < 400 MB'],
    results.map((t) => [String(t.cases), f(t.rss.idleMb), f(t.rss.peakMb), t === largest ? verdict(t.rss.peakMb < 400) : '']),
    0,
  );
}
