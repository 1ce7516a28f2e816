import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import type { ComplaintEvent, Tenure } from '@complaints/contracts';
import {
  computeTsm,
  reportingYear,
  TSM_MEASURES,
  tsmComplaints,
  type TsmComplaint,
  type TsmComplaintsQuery,
  type TsmHomes,
} from '@complaints/domain';
import {
  caseFilesProjection,
  CASE_FILES,
  CASE_MEASURES_TABLE,
  ProjectionEngine,
  queryCaseFiles,
  withActiveTables,
} from '@complaints/projections';
import { describeOnBothBackends, type Backend } from '@complaints/projections/testing';
import {
  annualReport,
  annualReportFromFacts,
  decodeTsmCursor,
  periodFigures,
  periodFiguresFromFacts,
  tsmComplaintsFromFacts,
  tsmReportFromFacts,
  type Period,
} from '../src';
import { calendar, decideHistory, generatedCase, recordInterleaved } from './support/generated-caseload';

/**
 * Property (issue 13, "Done means"): for generated landlords, the reports the API serves from
 * the case_measures rows — the period figures of any month or reporting year, the annual report,
 * TSM CH01/CH02 and every drill-down list, page by page — deep-equal today's folds over the
 * same case files (periodFigures, annualReport, computeTsm, tsmComplaints: the reference), after
 * the log was projected in two goes (so back-dated steps and stage 2 arrive in later batches),
 * and a rebuild gives the same rows.
 */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 8);
const YEARS = [2023, 2024, 2025, 2026, 2027];

const landlord = fc.record({
  cases: fc.array(fc.record({ scenario: generatedCase, held: fc.integer({ min: 0, max: 4 }) }), {
    minLength: 1,
    maxLength: 9,
  }),
  months: fc.array(fc.integer({ min: 0, max: 44 }), { minLength: 1, maxLength: 3 }),
  homes: fc.constantFrom<TsmHomes>(
    { total: 1000 },
    { total: 1000, lcra: 700, lcho: 300 },
    {},
    { total: 3000, lcra: 0 },
  ),
  tenure: fc.option(fc.constantFrom<Tenure>('LCRA', 'LCHO'), { nil: undefined }),
  withinTimescales: fc.option(fc.boolean(), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 4 }),
});

/** The month `offset` months after February 2024, as period bounds. */
function month(offset: number): Period {
  const first = new Date(Date.UTC(2024, 1 + offset, 1));
  const last = new Date(Date.UTC(2024, 2 + offset, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

describeOnBothBackends('reports from case_measures equal the folds', (open) => {
  let backend: Backend | undefined;
  const engines: ProjectionEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
    backend = undefined;
  });

  it('period figures, annual report, TSM and its drill-downs, for every year and some months', async () => {
    await fc.assert(
      fc.asyncProperty(landlord, async (l) => {
        for (const engine of engines.splice(0)) await engine.stop();
        await backend?.close();
        const b = (backend = await open());
        const histories = new Map<string, ComplaintEvent[]>();
        l.cases.forEach(({ scenario }, i) =>
          histories.set(`c-${i}`, decideHistory(scenario, `c-${i}`, `CMP-${String(i).padStart(5, '0')}`)),
        );
        const engine = new ProjectionEngine({
          sql: b.sql,
          source: b.source,
          projections: [caseFilesProjection({ calendar, localProfile: null })],
          batchSize: 5,
          pollIntervalMs: 60_000,
        });
        engines.push(engine);

        // In two goes: the later steps (often back-dated ones) rewrite facts already projected.
        const firstPart = new Map(
          [...histories].map(([id, h], i) => [id, h.slice(0, Math.max(1, h.length - l.cases[i]!.held))]),
        );
        await recordInterleaved(b.complaints, firstPart);
        await engine.catchUp();
        await recordInterleaved(b.complaints, histories, new Map([...firstPart].map(([id, h]) => [id, h.length])));
        await engine.catchUp();

        // Today's input: the case files the API pre-selects for a period, folded.
        const folded = async (period: Period) =>
          (await queryCaseFiles(b.sql, { receivedOnOrBefore: period.to, activeOnOrAfter: period.from })).map(
            (f) => f.events,
          );
        for (const period of l.months.map(month)) {
          expect(await periodFiguresFromFacts(b.sql, period), `${period.from}`).toEqual(
            periodFigures(await folded(period), calendar, period),
          );
        }
        for (const year of YEARS) {
          const histories = await folded(reportingYear(year));
          expect(await annualReportFromFacts(b.sql, year), `annual ${year}`).toEqual(
            annualReport(histories, calendar, year),
          );
          expect(await tsmReportFromFacts(b.sql, { year, homes: l.homes }), `tsm ${year}`).toEqual(
            computeTsm(histories, { year, calendar, homes: l.homes }),
          );
          for (const measure of TSM_MEASURES) {
            const query: TsmComplaintsQuery = {
              measure,
              ...(l.tenure ? { tenure: l.tenure } : {}),
              ...(l.withinTimescales !== undefined && measure.startsWith('ch02')
                ? { withinTimescales: l.withinTimescales }
                : {}),
            };
            const expected = tsmComplaints(histories, { year, calendar }, query);
            const listed: TsmComplaint[] = [];
            let after: string | null = null;
            do {
              const page = await tsmComplaintsFromFacts(b.sql, year, query, {
                limit: l.pageSize,
                ...(after ? { after: decodeTsmCursor(after)! } : {}),
              });
              expect(page.count, `${measure} ${year}`).toBe(expected.length);
              expect(page.complaints.length).toBeLessThanOrEqual(l.pageSize);
              listed.push(...page.complaints);
              after = page.next;
            } while (after !== null);
            expect(listed, `${measure} ${year}`).toEqual(expected);
          }
        }

        // The rows of the live batches are the rows a rebuild writes.
        const dump = () =>
          withActiveTables(b.sql, CASE_FILES, (tables) =>
            b.sql.query(
              `SELECT to_jsonb(t)::text AS row FROM ${tables.table(CASE_MEASURES_TABLE)} AS t ORDER BY complaint_id COLLATE "C", seq`,
            ),
          );
        const live = await dump();
        expect((await engine.rebuild(CASE_FILES)).outcome).toBe('swapped');
        expect(await dump()).toEqual(live);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
