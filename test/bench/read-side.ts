/**
 * The read side in the bench: build a caseload through the complaint store, rebuild the read
 * models from the log (the cost of a version change or a new read model), and time the queries
 * the API answers from them. The raw scan of the same log is the figure to compare a rebuild
 * with: a rebuild cannot go faster than reading the log.
 */
import { randomUUID } from 'node:crypto';
import type { SqlParam, SqlStoreHandle } from '@complaints/adapter-postgres';
import { createWorkingDayCalendar, SALIX_HOMES_2021 } from '@complaints/domain';
import { ComplaintEventStore } from '@complaints/event-store';
import {
  blindIndexKey,
  complaintLogSource,
  ProjectionEngine,
  queryComplaintSummaries,
  type Projection,
} from '@complaints/projections';
// Direct paths: the API's pure report function and the one list of read models, without their packages' wiring.
import { querySlaDashboard, tsmReportFromFacts } from '@complaints/reporting';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from '../../libs/adapters/blob-store/src';
import { readModelProjections } from '../../libs/runtime/src/read-models/read-model-projections';
import { BENCH_ACTOR, generateLandlord, SERVICE_AREAS } from './landlord';
import { figures, timed, type Figures } from './stats';

/** Any 32 bytes: the bench measures indexing, not look-ups. */
const TEST_SUBJECT_INDEX_KEY = blindIndexKey(Buffer.alloc(32, 7));

const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });

/** The bench's landlord (landlord.ts), recorded one command per step as the API appends them. */
export async function seedCaseload(store: SqlStoreHandle, complaints: number): Promise<number> {
  const complaintStore = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  let events = 0;
  // Three reporting years, as the read-side rows have always measured (their dates are in 2025).
  for (const life of generateLandlord({ years: 3, perYear: Math.ceil(complaints / 3) }, calendar, 1).slice(
    0,
    complaints,
  )) {
    for (let revision = 0; revision < life.events.length; revision++) {
      await complaintStore.append(life.complaintId, [life.events[revision]!], {
        expectedRevision: revision,
        actor: BENCH_ACTOR,
        correlationId: randomUUID(),
        dataSubjectId: `ds-${life.complaintId}`,
      });
    }
    events += life.events.length;
  }
  return events;
}

/** Every read model the service maintains, sealing with the store's keys. */
export function benchProjections(store: SqlStoreHandle): Projection[] {
  // The bench erases nothing: the document store is an empty folder the erasure reaction never touches.
  const documentBlobs = new FilesystemBlobStore(mkdtempSync(join(tmpdir(), 'complaints-bench-documents-')));
  return readModelProjections({
    calendar,
    localProfile: null,
    subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
    keys: store.keyStore,
    documentBlobs,
  });
}

/** How many events of the log a rebuild reads per batch (and the raw scan beside it, per query). */
export const REBUILD_BATCH = 500;

/**
 * Rebuild every read model from position 0, all in one rebuildAll as a version change of every
 * read model starts it: each batch is read and decrypted once for all of them. Counted once, as
 * the log is: the events are the log's (every position the rebuild passes, the same rows the raw
 * scan reads), whatever the number of read models; the latency figures are one per batch (the
 * engine reports each read model's progress after every batch: the first report at a new
 * position ends the batch before it).
 */
export async function rebuildReadModels(store: SqlStoreHandle, projections: Projection[]): Promise<Figures> {
  const complaintStore = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  const engine = new ProjectionEngine({
    sql: store.sql,
    source: complaintLogSource(complaintStore, store.eventStore),
    projections,
    batchSize: REBUILD_BATCH,
  });
  await engine.catchUp();
  const head = await store.eventStore.headPosition();
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  let last = started;
  let batchEnd = 0n;
  const reports = await engine.rebuildAll(
    projections.map((p) => p.name),
    {
      onProgress: (progress) => {
        if (progress.position === batchEnd) return;
        batchEnd = progress.position;
        const now = process.hrtime.bigint();
        latencies.push(Number(now - last) / 1e6);
        last = now;
      },
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await engine.stop();
  const failed = reports.filter((report) => report.outcome !== 'swapped');
  if (failed.length > 0)
    throw new Error(`rebuild ended ${failed.map((r) => `${r.projection}: ${r.outcome}`).join(', ')}`);
  const behind = reports.filter((report) => report.position < head);
  if (behind.length > 0)
    throw new Error(
      `rebuild swapped in before the head ${head}: ${behind.map((r) => `${r.projection} at ${r.position}`).join(', ')}`,
    );
  return figures(latencies, Number(head), seconds);
}

/** A query as the raw scan needs it: the statement's name (prepared once per connection on PostgreSQL), its text, its parameters. */
export type RawQuery = (name: string, text: string, params: unknown[]) => Promise<{ position_text: string }[]>;

/** Every column; the position as text, as the store reads it (exact on both drivers). */
const RAW_SCAN_COLUMNS =
  'global_position::text AS position_text, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, previous_hash';

/**
 * The database's own speed at reading the log, the rebuild's anchor: every column of every event,
 * in position order, as many a query as the rebuild reads a batch (REBUILD_BATCH), one prepared
 * statement. The latency figures are per query.
 */
export async function rawLogScan(query: RawQuery): Promise<Figures> {
  const latencies: number[] = [];
  let after = '0';
  let events = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const [rows, ms] = await timed(() =>
      query(
        'bench_raw_log_scan',
        `SELECT ${RAW_SCAN_COLUMNS} FROM events WHERE global_position > $1::bigint ORDER BY events.global_position LIMIT $2`,
        [after, REBUILD_BATCH],
      ),
    );
    if (rows.length === 0) break;
    latencies.push(ms);
    events += rows.length;
    after = rows[rows.length - 1]!.position_text;
  }
  return figures(latencies, events, Number(process.hrtime.bigint() - started) / 1e9);
}

/** The raw scan on a store's own executor (its pool on PostgreSQL, its instance embedded). */
export const storeQuery =
  (store: SqlStoreHandle): RawQuery =>
  (name, text, params) =>
    store.sql.query<{ position_text: string }>(text, params as SqlParam[], { preparedAs: name });

/** A page of the complaint list with a filter, as the API asks for it. */
export async function listQueries(store: SqlStoreHandle, count: number): Promise<Figures> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const [, ms] = await timed(() =>
      queryComplaintSummaries(store.sql, {
        asOf: '2026-02-01',
        serviceArea: SERVICE_AREAS[i % SERVICE_AREAS.length]!,
        ...(i % 2 === 0 ? { status: 'open' as const } : { overdue: true }),
        limit: 100,
        offset: 0,
      }),
    );
    latencies.push(ms);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(latencies, count, seconds);
}

/**
 * The reports as the API answers them: SQL over the case facts read models (the SLA dashboard on
 * a date with the local policy beside the Code; TSM for a year). `cases` is the open caseload the
 * dashboard counted.
 */
export async function reportQueries(
  store: SqlStoreHandle,
  count: number,
): Promise<{ dashboard: Figures; tsm: Figures; cases: number }> {
  const organisation = { calendar, localProfile: SALIX_HOMES_2021, homes: { total: 5000 } };
  const dashboard: number[] = [];
  const tsm: number[] = [];
  let cases = 0;
  let started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const asOf = `2025-${String(5 + (i % 6)).padStart(2, '0')}-15`;
    const [answer, ms] = await timed(() => querySlaDashboard(store.sql, organisation, asOf));
    cases += answer.open.total;
    dashboard.push(ms);
  }
  const dashboardSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const [, ms] = await timed(() => tsmReportFromFacts(store.sql, { year: 2025, homes: organisation.homes }));
    tsm.push(ms);
  }
  const tsmSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    dashboard: figures(dashboard, count, dashboardSeconds),
    tsm: figures(tsm, count, tsmSeconds),
    cases: Math.round(cases / count),
  };
}
