import type { SqlQueryable } from '@complaints/adapter-postgres';
import { ERASED } from '@complaints/contracts';
import { createWorkingDayCalendar } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { afterEach, expect, it } from 'vitest';
import {
  caseFilesProjection,
  complaintSummariesProjection,
  ProjectionEngine,
  type Projection,
  type ProjectionSource,
  type TableSet,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, PERSONAL_TEXT, recordCaseload } from './support/complaint-history';
import { summaryTableDump } from './support/summary-tables';

const calendar = createWorkingDayCalendar();

/** A projection that keeps what it was handed, in memory (its table only makes it a projection). */
function capturing(name: string, needsClearText?: boolean): Projection & { seen: ComplaintEnvelope[] } {
  const seen: ComplaintEnvelope[] = [];
  return {
    name,
    version: 'v1',
    tables: [name],
    ...(needsClearText === undefined ? {} : { needsClearText }),
    seen,
    async createTables(tx: SqlQueryable, tables: TableSet) {
      await tx.execScript(`CREATE TABLE ${tables.table(name)} (position bigint NOT NULL)`);
    },
    async apply(_tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[]) {
      seen.push(...envelopes);
    },
  };
}

/** The backend's source, counting the reads of the log. */
function countingSource(source: ProjectionSource): ProjectionSource & { reads: number } {
  const counting = {
    reads: 0,
    readBatch: (after: bigint, limit: number) => {
      counting.reads++;
      return source.readBatch(after, limit);
    },
    readAll: (after: bigint, limit: number) => source.readAll(after, limit),
    headPosition: () => source.headPosition(),
  };
  return counting;
}

describeOnBothBackends('projections fed together: one read of the log per batch', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineOf = (source: ProjectionSource, projections: Projection[], batchSize: number) => {
    const engine = new ProjectionEngine({ sql: backend.sql, source, projections, batchSize, pollIntervalMs: 60_000 });
    engines.push(engine);
    return engine;
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('a rebuild of several read models reads each batch of the log once for all of them, and writes the rows each would write alone', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const alone = engineOf(backend.source, [complaintSummariesProjection({ calendar })], 4);
    await alone.catchUp();
    const expected = await summaryTableDump(backend.sql);
    await alone.stop();

    const source = countingSource(backend.source);
    const projections = [
      complaintSummariesProjection({ calendar }),
      caseFilesProjection({ calendar, localProfile: null }),
      capturing('clear_reader', true),
    ];
    const engine = engineOf(source, projections, 4);
    await engine.catchUp();
    source.reads = 0;
    const shown: (number | null)[][] = [];
    const reports = await engine.rebuildAll(undefined, {
      onProgress: async (progress) => {
        if (progress.projection !== projections[0]!.name || shown.length > 0) return;
        // Mid-rebuild, the status (read from the database, as another instance would) has a rate and a time left.
        const rebuild = (await engine.status()).find((status) => status.projection === progress.projection)?.rebuild;
        shown.push([rebuild?.eventsPerSecond ?? null, rebuild?.etaSeconds ?? null]);
      },
    });
    expect(shown).toHaveLength(1);
    expect(shown[0]![0]).toBeGreaterThan(0);
    expect(shown[0]![1]).toBeGreaterThan(0);
    expect(reports.map((report) => [report.projection, report.outcome])).toEqual(
      projections.map((p) => [p.name, 'swapped']),
    );
    // 23 events in batches of 4: 6 reads (the last one short), whatever the number of read models — not 6 each.
    expect(source.reads).toBe(Math.ceil(CASELOAD.length / 4));
    expect(await summaryTableDump(backend.sql)).toEqual(expected);
    const progress = reports[0]!;
    expect(progress.eventsPerSecond).toBeGreaterThan(0);
    expect(progress.etaSeconds).toBe(0);
  });

  it('catching up reads each batch once for all of them too', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const source = countingSource(backend.source);
    const engine = engineOf(source, [capturing('first'), capturing('second', true), capturing('third')], 5);
    await engine.catchUp();
    expect(source.reads).toBe(Math.ceil(CASELOAD.length / 5));
  });

  it('a projection that needs no clear text gets every personal field ERASED, never decrypted; one that needs it gets the values', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const redacted = capturing('redacted_reader');
    const clear = capturing('clear_reader', true);
    await engineOf(backend.source, [redacted, clear], 50).catchUp();

    const receiptOf = (seen: ComplaintEnvelope[]) =>
      seen.find((e) => e.complaintId === 'c-acked' && e.type === 'ComplaintReceived')!.event;
    const redactedText = JSON.stringify(redacted.seen.map((envelope) => envelope.event));
    for (const text of PERSONAL_TEXT) expect(redactedText).not.toContain(text);
    expect(receiptOf(redacted.seen).data).toMatchObject({
      complainant: ERASED,
      description: ERASED,
      reference: expect.any(String),
    });
    expect(redacted.seen.every((envelope) => envelope.personalDataErased)).toBe(true);

    expect(receiptOf(clear.seen).data).toMatchObject({ complainant: { name: PERSONAL_TEXT[0] } });
    expect(clear.seen.some((envelope) => envelope.personalDataErased)).toBe(false);
    // The same events, in the same order, either way.
    expect(redacted.seen.map((e) => e.globalPosition)).toEqual(clear.seen.map((e) => e.globalPosition));
  });
});
