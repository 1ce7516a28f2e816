/**
 * The read side in the bench: build a caseload through the complaint store, rebuild the read
 * models from the log (the cost of a version change or a new read model), and time the queries
 * the API answers from them. The log scan row of the same backend is the raw figure to compare
 * a rebuild with: a rebuild cannot go faster than reading the log.
 */
import { randomUUID } from 'node:crypto';
import type { SqlStoreHandle } from '@complaints/adapter-postgres';
import { createWorkingDayCalendar, SALIX_HOMES_2021 } from '@complaints/domain';
import { ComplaintEventStore } from '@complaints/event-store';
import { blindIndexKey, complaintLogSource, ProjectionEngine, queryComplaintSummaries, type Projection } from '@complaints/projections';
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
  for (const life of generateLandlord({ years: 3, perYear: Math.ceil(complaints / 3) }, calendar, 1).slice(0, complaints)) {
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
  return readModelProjections({ calendar, localProfile: null, subjectIndexKey: TEST_SUBJECT_INDEX_KEY, keys: store.keyStore, documentBlobs });
}

/** Rebuild every read model from position 0; the latency figures are per batch (of 500 events, for one of the read models). */
export async function rebuildReadModels(store: SqlStoreHandle, projections: Projection[]): Promise<Figures> {
  const complaintStore = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  const engine = new ProjectionEngine({ sql: store.sql, source: complaintLogSource(complaintStore, store.eventStore), projections, batchSize: 500 });
  await engine.catchUp();
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  let last = started;
  // One call for all of them, as a version change of every read model starts it: each batch is
  // read once for all. The figure is the log's events over the wall time (comparable with a scan).
  const reports = await engine.rebuildAll(
    projections.map((p) => p.name),
    {
      onProgress: () => {
        const now = process.hrtime.bigint();
        latencies.push(Number(now - last) / 1e6);
        last = now;
      },
    },
  );
  const failed = reports.filter((report) => report.outcome !== 'swapped');
  if (failed.length > 0) throw new Error(`rebuild ended ${failed.map((r) => `${r.projection}: ${r.outcome}`).join(', ')}`);
  const events = reports.reduce((most, report) => (report.eventsApplied > most ? report.eventsApplied : most), 0n);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await engine.stop();
  return figures(latencies, Number(events), seconds);
}

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
export async function reportQueries(store: SqlStoreHandle, count: number): Promise<{ dashboard: Figures; tsm: Figures; cases: number }> {
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
  return { dashboard: figures(dashboard, count, dashboardSeconds), tsm: figures(tsm, count, tsmSeconds), cases: Math.round(cases / count) };
}
