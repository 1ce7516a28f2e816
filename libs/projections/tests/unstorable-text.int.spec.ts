import { createWorkingDayCalendar } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import {
  caseFilesProjection,
  chronologyProjection,
  complaintSummariesProjection,
  lessonsProjection,
  ProjectionEngine,
  queryCaseFiles,
  queryChronology,
  REPLACEMENT_CHARACTER,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, record } from './support/complaint-history';

const calendar = createWorkingDayCalendar();

describeOnBothBackends('text PostgreSQL cannot hold (U+0000, lone surrogates) in an event', (open) => {
  let backend: Backend | undefined;
  let engine: ProjectionEngine | undefined;

  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    await backend?.close();
    backend = undefined;
  });

  it('every read model applies it, storing U+FFFD in its place; nothing is parked and nothing fails', async () => {
    const opened = await open();
    backend = opened;
    const received = event.received('c-nul', '2026-03-02');
    const data = received.data as Record<string, unknown>;
    // Personal fields are encrypted in the store, so the store takes them; the read models get them back in the clear.
    data['description'] = 'Mould \u0000 again \uD800 and \uDC00 here';
    data['complainant'] = { name: 'Nul\u0000Name', email: 'n@example.org', address: '1 Example Street' };
    const head = await record(opened.complaints, 'c-nul', [received, event.acknowledged(1, '2026-03-04')]);
    engine = new ProjectionEngine({
      sql: opened.sql,
      source: opened.source,
      projections: [
        complaintSummariesProjection({ calendar }),
        caseFilesProjection({ calendar, localProfile: null }),
        lessonsProjection({ seal: opened.seal }),
        chronologyProjection({ calendar, seal: opened.seal }),
      ],
      pollIntervalMs: 60_000,
    });

    await engine.catchUp();

    for (const status of await engine.status()) {
      expect(status, status.projection).toMatchObject({
        checkpoint: head,
        lagEvents: 0n,
        deadLetters: 0,
        failing: false,
        errors: 0,
      });
    }
    const [first] = await queryChronology(opened.sql, opened.seal, 'c-nul');
    expect(first!.description).toContain(`Nul${REPLACEMENT_CHARACTER}Name`);
    expect(first!.description).toContain(
      `Mould ${REPLACEMENT_CHARACTER} again ${REPLACEMENT_CHARACTER} and ${REPLACEMENT_CHARACTER} here`,
    );
    expect(first!.description.includes('\u0000')).toBe(false);
    const files = await queryCaseFiles(opened.sql, {});
    expect(files.map((f) => f.complaintId)).toContain('c-nul');
  });
});
