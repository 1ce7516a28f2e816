/**
 * The bench at scale (issue 13's targets): a seeded landlord receiving 10,000 complaints a year
 * (times BENCH_SCALE), with one reporting year of history (10,000 complaints) and with five
 * (50,000), both ending in March 2026, on a fresh PostgreSQL database each. The reports are asked
 * for the last year, month and date, so their answers are about the same size at both tiers and
 * only the caseload grows: "growing with the answer, not the caseload" is what the growth shows.
 * Each is timed through a running API server beside one raw SQL aggregate over a plain per-case
 * dates table in the same database, with the size of its answer (rows counted) printed; then the
 * rebuild of every read model beside a raw scan of the events table, and the server's memory
 * while it serves. Asserts nothing: it prints the figures beside the targets.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { openPostgresStore } from '@complaints/adapter-postgres';
import { createWorkingDayCalendar, reportingYear, SALIX_HOMES_2021, toLondonDate } from '@complaints/domain';
import { ComplaintEventStore } from '@complaints/event-store';
import { complaintLogSource, ProjectionEngine } from '@complaints/projections';
// Direct paths: the one list of read models and the KEYS_DIR blind index key, without the runtime package's wiring.
import { FilesystemBlobStore } from '../../libs/adapters/blob-store/src';
import { readModelProjections } from '../../libs/runtime/src/read-models/read-model-projections';
import { loadSubjectIndexKey } from '../../libs/runtime/src/keys/subject-index-key';
import { freePort } from '../support/src/free-port';
import { provisionTestDatabase } from '../support/src/postgres-test-database';
import { testKeyEncryption } from '../support/src/test-key-encryption';
import {
  ANCHOR_QUERIES,
  createAnchorTable,
  workingDaysBack,
  type AnchorQuery,
  type PageCursor,
  type ReportDates,
} from './anchor';
import { startApiServer, waitForReadModels, type ApiServer } from './api-server';
import { generateLandlord, LAST_YEAR, recordLandlord, type CaseLife, type HistoryLength } from './landlord';
import { pagesToTime, printPages, timePages, type CaseToShow, type PageTiming } from './pages';
import { rawLogScan, REBUILD_BATCH } from './read-side';
import { median } from './stats';

const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });

/** The dates the reports are asked for: the last reporting year of the landlord, a day near its end. */
const AS_OF = '2026-03-16';
const YEAR = LAST_YEAR;
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

const DRILL_DOWN = `/api/v1/reports/tsm/${YEAR}/complaints?measure=ch01-stage1&limit=100`;

/** Each report as users ask the API for it, keyed as its raw aggregate in anchor.ts. */
const REPORTS: { key: keyof typeof ANCHOR_QUERIES; label: string; path: string }[] = [
  { key: 'dashboard', label: 'SLA dashboard asOf', path: `/api/v1/dashboards/sla?asOf=${AS_OF}` },
  { key: 'tsm', label: 'TSM for a year', path: `/api/v1/reports/tsm?year=${YEAR}` },
  // Keyset pages of 100: the first, then the one its `next` cursor asks for (`after`).
  { key: 'tsmDrillDown', label: 'TSM drill-down page 1', path: DRILL_DOWN },
  { key: 'tsmDrillDownNext', label: 'TSM drill-down page 2', path: DRILL_DOWN },
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
  /** The size of the answer: the case-stage rows the report counts or lists (anchor.ts `counted`). */
  answerRows: number;
  /** Why the report's API row is missing (e.g. the API gave no next page); undefined when timed. */
  skipped?: string;
}

export interface TierResult {
  years: number;
  cases: number;
  events: number;
  seedSeconds: number;
  rebuild: { events: number; seconds: number };
  rawScan: { events: number; seconds: number };
  reports: ReportTiming[];
  /** The pages, at the largest tier only (pages.ts). */
  pages?: PageTiming[];
  rss: { idleMb: number; peakMb: number };
}

const log = (message: string) => console.error(`  scale: ${message}`);

/** Appends in flight while seeding (each a whole history, so each its own stream and subject key). */
const SEED_WRITERS = 16;

export async function benchAtScale(
  tiers: readonly HistoryLength[],
  rounds: number,
  seed: number,
): Promise<TierResult[] | { skip: string }> {
  const results: TierResult[] = [];
  for (const [i, tier] of tiers.entries()) {
    const result = await benchTier(tier, rounds, seed, i === tiers.length - 1);
    if ('skip' in result) return result;
    results.push(result);
  }
  return results;
}

async function benchTier(
  length: HistoryLength,
  rounds: number,
  seed: number,
  withPages: boolean,
): Promise<TierResult | { skip: string }> {
  const cases = length.years * length.perYear;
  const database = await provisionTestDatabase();
  if ('skip' in database) return database;
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-bench-scale-'));
  const keysDir = `${dataDir}-keys`;
  mkdirSync(keysDir);
  const pool = new Pool({ connectionString: database.connectionString, max: 2 });
  let api: ApiServer | undefined;
  try {
    // The landlord, recorded as the API would store it, with the KEKs the server will read (same KEYS_DIR).
    // Seeding is not measured: its connections commit without waiting for the WAL flush (the
    // appends, their statements and locks are the product's; only the wait for the disk goes,
    // which every append would otherwise spend holding the log's head). The rebuild, the scan and
    // the server below use connections with the database's defaults.
    const seeding = await openPostgresStore({
      connectionString: database.connectionString,
      pool: { max: SEED_WRITERS + 2, options: '-c synchronous_commit=off' },
      ...testKeyEncryption(keysDir),
    });
    const seeded = process.hrtime.bigint();
    const lives = generateLandlord(length, calendar, seed);
    let events: number;
    try {
      events = await recordLandlord(seeding, lives, SEED_WRITERS, (done) =>
        log(`${cases} cases: ${done} recorded (${seconds(seeded).toFixed(0)} s)`),
      );
    } finally {
      await seeding.close();
    }
    const seedSeconds = seconds(seeded);
    log(`${length.years} reporting year(s), ${cases} cases: ${events} events recorded in ${seedSeconds.toFixed(1)} s`);

    const store = await openPostgresStore({
      connectionString: database.connectionString,
      pool: { max: 10 },
      ...testKeyEncryption(keysDir),
    });
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
      // The same landlord at both tiers: about ten homes per complaint received a year.
      ORG_HOMES: String(length.perYear * 10),
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
    let pages: PageTiming[] | undefined;
    try {
      for (const report of REPORTS) reports.push(await timeReport(server, pool, report, rounds, cases));
      if (withPages)
        pages = await timePages(
          server,
          pagesToTime({ asOf: AS_OF, year: YEAR, month: MONTH }, caseForThePage(lives)),
          rounds,
          (message) => log(`${cases} cases: ${message}`),
        );
    } finally {
      clearInterval(sampler);
    }
    return {
      years: length.years,
      cases,
      events,
      seedSeconds,
      rebuild,
      rawScan: rawScanFigures,
      reports,
      ...(pages ? { pages } : {}),
      rss: { idleMb, peakMb: Math.max(peakMb, server.rssMb()) },
    };
  } finally {
    await api?.stop();
    await pool.end();
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keysDir, { recursive: true, force: true });
  }
}

/** The case page's case: one with a long life (two stages, closed), as an auditor or manager would open. */
/**
 * A case that went to stage 2 and closed. Its "as at" page is asked for today: the view goes by
 * when events were recorded, and the bench records the landlord's years of history on the day it
 * runs, so any earlier day would show a case not yet recorded; today every event is read, folded
 * and timed as it stood at the end of the day.
 */
function caseForThePage(lives: readonly CaseLife[]): CaseToShow {
  const life = lives.find((l) => l.stages.length === 2 && l.end?.kind === 'closed') ?? lives[0]!;
  return { complaintId: life.complaintId, asAtDate: toLondonDate(new Date()) };
}

/**
 * API then raw, A B A B, after one untimed call of each (the first request compiles and warms
 * caches): a machine getting busier or quieter weighs on both alike.
 */
async function timeReport(
  api: ApiServer,
  pool: Pool,
  report: (typeof REPORTS)[number],
  rounds: number,
  cases: number,
): Promise<ReportTiming> {
  const anchor = ANCHOR_QUERIES[report.key]!;
  const nextPage = report.key === 'tsmDrillDownNext';
  // The second page: the API's from the first page's `next`, the anchor's after its own first page's last row.
  const path = nextPage ? await nextPagePath(api, report.path) : report.path;
  const cursor = nextPage ? await anchorCursor(pool) : undefined;
  const raw = () => pool.query(anchor.sql, anchor.params(DATES, cursor));
  const rawRows = (await raw()).rowCount ?? 0;
  const answerRows = await countedRows(pool, anchor);
  const timing: ReportTiming = { label: report.label, apiMs: [], rawMs: [], apiBytes: 0, rawRows, answerRows };
  if (path === undefined) timing.skipped = 'the first page gave no next cursor';
  else timing.apiBytes = (await api.get(path)).length;
  for (let round = 0; round < rounds; round++) {
    if (path !== undefined) timing.apiMs.push(await ms(() => api.get(path)));
    timing.rawMs.push(await ms(raw));
  }
  if (timing.skipped) {
    log(
      `${cases} cases: ${report.label}: API not timed (${timing.skipped}), raw ${median(timing.rawMs).toFixed(1)} ms`,
    );
    return timing;
  }
  log(
    `${cases} cases: ${report.label}: API median ${median(timing.apiMs).toFixed(1)} ms, raw ${median(timing.rawMs).toFixed(1)} ms, ${answerRows} rows counted`,
  );
  return timing;
}

/** The drill-down's second page as a client asks for it: the first page's `next` as `after` (undefined when there is none). */
async function nextPagePath(api: ApiServer, firstPage: string): Promise<string | undefined> {
  const { next } = JSON.parse((await api.get(firstPage)).toString('utf8')) as { next?: string | null };
  return typeof next === 'string' ? `${firstPage}&after=${encodeURIComponent(next)}` : undefined;
}

async function anchorCursor(pool: Pool): Promise<PageCursor> {
  const first = ANCHOR_QUERIES['tsmDrillDown']!;
  const { rows } = await pool.query<{ received_on: string; complaint_id: string }>(first.sql, first.params(DATES));
  const last = rows.at(-1);
  return { receivedOn: last?.received_on ?? DATES.yearTo, complaintId: last?.complaint_id ?? '' };
}

/** The anchor's `counted` with as many of the report's parameters as it uses. */
async function countedRows(pool: Pool, anchor: AnchorQuery): Promise<number> {
  const used = Math.max(0, ...[...anchor.counted.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const { rows } = await pool.query<{ rows: number }>(anchor.counted, anchor.params(DATES).slice(0, used));
  return rows[0]?.rows ?? 0;
}

/**
 * Every read model rebuilt from the log in one rebuildAll (the engine reads and decrypts a batch
 * once for every projection rebuilding together), as a version change of all of them would.
 * The events/s figure is the log's events over the wall time: comparable with the raw scan.
 */
async function rebuildAll(
  store: Awaited<ReturnType<typeof openPostgresStore>>,
  keysDir: string,
  events: number,
): Promise<{ events: number; seconds: number }> {
  const complaints = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  const projections = readModelProjections({
    calendar,
    localProfile: SALIX_HOMES_2021,
    subjectIndexKey: loadSubjectIndexKey(keysDir),
    keys: store.keyStore,
    documentBlobs: new FilesystemBlobStore(join(keysDir, 'documents')),
  });
  const engine = new ProjectionEngine({
    sql: store.sql,
    source: complaintLogSource(complaints, store.eventStore),
    projections,
    batchSize: REBUILD_BATCH,
  });
  // Counted once, as the log is (every position the rebuild passes, the rows the raw scan reads), whatever the number of read models.
  const head = Number(await store.eventStore.headPosition());
  if (head !== events) throw new Error(`the log holds ${head} events, the landlord recorded ${events}`);
  const started = process.hrtime.bigint();
  const applied = new Map<string, bigint>();
  let lastNote = Date.now();
  try {
    // One call for all of them: the engine reads and decrypts each batch once for every read model.
    const reports = await engine.rebuildAll(undefined, {
      onProgress: (progress) => {
        applied.set(progress.projection, progress.eventsApplied);
        if (Date.now() - lastNote < 10_000) return;
        lastNote = Date.now();
        const least = Math.min(...projections.map((p) => Number(applied.get(p.name) ?? 0n)));
        log(
          `rebuilding ${projections.length} read models: every one past ${least} of ${events} events (${seconds(started).toFixed(0)} s)`,
        );
      },
    });
    const failed = reports.filter((report) => report.outcome !== 'swapped');
    if (failed.length > 0)
      throw new Error(`rebuild ended ${failed.map((r) => `${r.projection}: ${r.outcome}`).join(', ')}`);
  } finally {
    await engine.stop();
  }
  const figures = { events, seconds: seconds(started) };
  log(`rebuilt ${projections.length} read models over ${events} events in ${figures.seconds.toFixed(1)} s`);
  return figures;
}

/** The rebuild's anchor (read-side.ts rawLogScan) on the bench's own pool: a named statement, prepared once per connection. */
async function rawScan(pool: Pool): Promise<{ events: number; seconds: number }> {
  const scan = await rawLogScan(
    async (name, text, params) => (await pool.query<{ position_text: string }>({ name, text, values: params })).rows,
  );
  return { events: scan.events, seconds: scan.seconds };
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
    const line = (cells: string[]) =>
      cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const row of rows) console.log(line(row));
  };
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

  const years = (t: TierResult) => `${t.years} year${t.years === 1 ? '' : 's'}`;
  console.log(
    `\nReports through the API (HTTP, bearer token) beside a raw SQL aggregate over per-case dates, PostgreSQL, ${rounds} rounds A B A B (ms)`,
  );
  console.log(
    `Every tier's history ends in March 2026; the reports ask for its last year (${YEAR}), month (${MONTH}) and a date (${AS_OF}). Rows counted: the case-stage rows the report counts or lists.`,
  );
  const rows: string[][] = [];
  for (const tier of results) {
    for (const r of tier.reports) {
      const counted = String(r.answerRows);
      if (r.skipped) {
        rows.push([
          r.label,
          String(tier.cases),
          years(tier),
          counted,
          '-',
          String(r.rawRows),
          '-',
          '-',
          f(median(r.rawMs)),
          f(Math.min(...r.rawMs)),
          '-',
          '-',
          `not timed: ${r.skipped}`,
        ]);
        continue;
      }
      const ratio = median(r.apiMs) / median(r.rawMs);
      const target = tier === largest ? `<= 3x: ${verdict(ratio <= 3)}` : '';
      rows.push([
        r.label,
        String(tier.cases),
        years(tier),
        counted,
        (r.apiBytes / 1024).toFixed(1),
        String(r.rawRows),
        f(median(r.apiMs)),
        f(Math.min(...r.apiMs)),
        f(median(r.rawMs)),
        f(Math.min(...r.rawMs)),
        `${f(ratio)}x`,
        `${f(Math.min(...r.apiMs) / Math.min(...r.rawMs))}x`,
        target,
      ]);
    }
  }
  table(
    [
      'report',
      'cases',
      'history',
      'rows counted',
      'API KB',
      'raw rows',
      'API median',
      'API min',
      'raw median',
      'raw min',
      'API/raw median',
      'API/raw min',
      `target at ${largest.cases}`,
    ],
    rows,
  );

  if (results.length > 1) {
    console.log(
      `\nGrowth with the caseload, ${smallest.cases} -> ${largest.cases} cases (${years(smallest)} -> ${years(largest)} of history; median API time) beside the answer's size`,
    );
    table(
      [
        'report',
        `rows counted ${smallest.cases}`,
        `rows counted ${largest.cases}`,
        `${smallest.cases} ms`,
        `${largest.cases} ms`,
        'growth',
        'raw growth',
        'target <= 2x',
      ],
      largest.reports.map((r, i) => {
        const small = smallest.reports[i]!;
        const rawGrowth = `${f(median(r.rawMs) / median(small.rawMs))}x`;
        if (r.skipped || small.skipped)
          return [r.label, String(small.answerRows), String(r.answerRows), '-', '-', '-', rawGrowth, 'not timed'];
        const growth = median(r.apiMs) / median(small.apiMs);
        return [
          r.label,
          String(small.answerRows),
          String(r.answerRows),
          f(median(small.apiMs)),
          f(median(r.apiMs)),
          `${f(growth)}x`,
          rawGrowth,
          verdict(growth <= 2),
        ];
      }),
    );
  }

  if (largest.pages) printPages(largest.pages, rounds, largest.cases);

  console.log('\nRebuild of every read model beside the raw scan of the events table (events/s of the log)');
  table(
    ['cases', 'events', 'seeded in s', 'rebuild s', 'rebuild ev/s', 'raw scan ev/s', 'rebuild/raw', 'target >= 0.5x'],
    results.map((t) => {
      const rebuildRate = t.rebuild.events / t.rebuild.seconds;
      const scanRate = t.rawScan.events / t.rawScan.seconds;
      return [
        String(t.cases),
        String(t.events),
        f(t.seedSeconds),
        f(t.rebuild.seconds),
        rebuildRate.toFixed(0),
        scanRate.toFixed(0),
        `${(rebuildRate / scanRate).toFixed(3)}x`,
        verdict(rebuildRate / scanRate >= 0.5),
      ];
    }),
    0,
  );

  console.log('\nServer memory (VmRSS of the API process), ready and at its peak while serving the reports');
  table(
    ['cases', 'ready MB', 'peak MB', 'target < 400 MB'],
    results.map((t) => [
      String(t.cases),
      f(t.rss.idleMb),
      f(t.rss.peakMb),
      t === largest ? verdict(t.rss.peakMb < 400) : '',
    ]),
    0,
  );
}
