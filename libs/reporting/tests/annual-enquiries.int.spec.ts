import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Actor, ComplaintEvent } from '@complaints/contracts';
import { reportingYear } from '@complaints/domain';
import { caseFilesProjection, ProjectionEngine, queryCaseFiles } from '@complaints/projections';
import { describeOnBothBackends, type Backend } from '@complaints/projections/testing';
import { annualReport, annualReportFromFacts, median } from '../src';
import { calendar } from './support/generated-caseload';

const officer: Actor = { id: 'u-officer', name: 'Olu Officer', role: 'complaints_officer' };
const at = (date: string) => `${date}T10:00:00Z`;
const received = (complaintId: string, date: string): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: {
    occurredAt: at(date),
    complaintId,
    reference: `CMP-${complaintId}`,
    dataSubjectId: `ds-${complaintId}`,
    channel: 'email',
    complainant: { name: 'Margaret Ellis', email: 'margaret.ellis@example.org' },
    serviceArea: 'Repairs',
    description: 'Black mould keeps coming back on the bedroom wall',
  },
});
const enquiry = (
  enquiryId: string,
  date: string,
  from: 'mp' | 'councillor' | 'other_representative_body',
): ComplaintEvent => ({
  type: 'EnquiryReceived',
  data: {
    occurredAt: at(date),
    enquiryId,
    from,
    who: 'Jane Smith MP',
    summary: 'Asks why the damp has not been treated',
  },
});
const answered = (enquiryId: string, date: string): ComplaintEvent => ({
  type: 'EnquiryAnswered',
  data: { occurredAt: at(date), enquiryId, channel: 'letter' },
});

/**
 * Reporting year 2026 (1 April 2026 to 31 March 2027):
 * - c-1: an MP's enquiry Mon 1 June, answered Fri 5 June (4 working days); a councillor's Mon 1 June, answered Mon 15 June (10).
 * - c-2: an MP's enquiry Wed 1 July, answered Fri 3 July (2); a representative body's 3 August, not answered.
 * - c-3: an MP's enquiry on Easter Monday, 29 March 2027, answered Fri 2 April 2027 (4 working days: the bank holiday
 *   is not one): received in 2026's year, answered in 2027's.
 * - c-4: an MP's enquiry in March 2026: the year before.
 */
const histories = new Map<string, ComplaintEvent[]>([
  [
    'c-1',
    [
      received('c-1', '2026-05-20'),
      enquiry('E1', '2026-06-01', 'mp'),
      enquiry('E2', '2026-06-01', 'councillor'),
      answered('E1', '2026-06-05'),
      answered('E2', '2026-06-15'),
    ],
  ],
  [
    'c-2',
    [
      received('c-2', '2026-06-20'),
      enquiry('E1', '2026-07-01', 'mp'),
      answered('E1', '2026-07-03'),
      enquiry('E2', '2026-08-03', 'other_representative_body'),
    ],
  ],
  ['c-3', [received('c-3', '2027-03-01'), enquiry('E1', '2027-03-29', 'mp'), answered('E1', '2027-04-02')]],
  ['c-4', [received('c-4', '2026-03-02'), enquiry('E1', '2026-03-10', 'mp')]],
]);

describeOnBothBackends('the annual report counts enquiries from MPs, councillors and representative bodies', (open) => {
  let backend: Backend | undefined;
  const engines: ProjectionEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
    backend = undefined;
  });

  it('received and answered in the year, by kind, with the median working days to answer; the SQL report equals the fold', async () => {
    const b = (backend = await open());
    for (const [id, history] of histories) {
      await b.complaints.append(id, history, {
        expectedRevision: 0,
        actor: officer,
        correlationId: randomUUID(),
        dataSubjectId: `ds-${id}`,
      });
    }
    const engine = new ProjectionEngine({
      sql: b.sql,
      source: b.source,
      projections: [caseFilesProjection({ calendar, localProfile: null })],
      batchSize: 5,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    await engine.catchUp();

    const report = await annualReportFromFacts(b.sql, 2026);
    expect(report.enquiries).toEqual({
      received: 5,
      answered: 3,
      byKind: {
        mp: { received: 3, answered: 2 },
        councillor: { received: 1, answered: 1 },
        other_representative_body: { received: 1, answered: 0 },
      },
      medianWorkingDaysToAnswer: 4,
    });
    const next = await annualReportFromFacts(b.sql, 2027);
    expect(next.enquiries).toMatchObject({
      received: 0,
      answered: 1,
      byKind: { mp: { received: 0, answered: 1 } },
      medianWorkingDaysToAnswer: 4,
    });
    expect((await annualReportFromFacts(b.sql, 2024)).enquiries).toMatchObject({
      received: 0,
      answered: 0,
      medianWorkingDaysToAnswer: null,
    });

    for (const year of [2025, 2026, 2027]) {
      const period = reportingYear(year);
      const files = await queryCaseFiles(b.sql, { receivedOnOrBefore: period.to, activeOnOrAfter: period.from });
      expect((await annualReportFromFacts(b.sql, year)).enquiries, `${year}`).toEqual(
        annualReport(
          files.map((f) => f.events),
          calendar,
          year,
        ).enquiries,
      );
    }
  }, 120_000);
});

it('takes the median as the middle value, or the mean of the two middle ones', () => {
  expect(median([])).toBeNull();
  expect(median([10, 2, 4])).toBe(4);
  expect(median([1, 2, 3, 30])).toBe(2.5);
});
