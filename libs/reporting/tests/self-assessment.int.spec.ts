import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Actor, ComplaintEvent, Stage } from '@complaints/contracts';
import { CODE_PROVISIONS } from '@complaints/domain';
import { caseFilesProjection, ProjectionEngine } from '@complaints/projections';
import { describeOnBothBackends, type Backend } from '@complaints/projections/testing';
import {
  decodeSelfAssessmentCursor,
  selfAssessmentComplaintsFromFacts,
  selfAssessmentEvidenceFromFacts,
  selfAssessmentOf,
  type RecordedStatement,
} from '../src';
import { calendar } from './support/generated-caseload';

const officer: Actor = { id: 'u-officer', name: 'Olu Officer', role: 'complaints_officer' };
const at = (date: string) => `${date}T10:00:00Z`;
const HEAD = 'Damp in the back bedroom not treated';

const received = (id: string, date: string): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: {
    occurredAt: at(date),
    complaintId: id,
    reference: `CMP-${id}`,
    dataSubjectId: `ds-${id}`,
    channel: 'email',
    complainant: { name: 'Margaret Ellis', email: 'margaret.ellis@example.org' },
    serviceArea: 'Repairs',
    description: 'Black mould keeps coming back',
  },
});
const acknowledged = (
  stage: Stage,
  date: string,
  options: { heads?: string[]; outcomes?: string[] } = {},
): ComplaintEvent => ({
  type: 'ComplaintAcknowledged',
  data: {
    occurredAt: at(date),
    stage,
    handler: stage === 1 ? { id: 'u-101', name: 'Priya Shah' } : { id: 'u-207', name: 'Daniel Okafor' },
    method: 'letter',
    headsOfComplaint: options.heads ?? [HEAD],
    outcomesSought: options.outcomes ?? ['A permanent repair'],
  },
});
const extended = (stage: Stage, date: string, days: number, goodReason?: string): ComplaintEvent => ({
  type: 'ExtensionAgreed',
  data: {
    occurredAt: at(date),
    stage,
    additionalWorkingDays: days,
    reason: 'Waiting for the surveyor',
    residentInformed: true,
    ombudsmanDetailsGiven: true,
    ...(goodReason ? { goodReason } : {}),
  },
});
const responded = (
  stage: Stage,
  date: string,
  outcome: 'upheld' | 'partially_upheld' | 'not_upheld',
  apology: boolean,
  pence = 0,
): ComplaintEvent => ({
  type: 'StageResponseIssued',
  data: {
    occurredAt: at(date),
    stage,
    decisions: [{ head: HEAD, outcome, reasons: 'Found on inspection' }],
    remedies: {
      apology,
      ...(!apology && outcome !== 'not_upheld' ? { apologyNotGivenReason: 'Apologised in person' } : {}),
      actions: [],
      compensation: pence > 0 ? [{ amountPence: pence, kind: 'time_and_trouble' }] : [],
    },
  },
});

/**
 * Reporting year 2025 (1 April 2025 to 31 March 2026), worked by hand (June 2025 has no bank holiday):
 * - A: received Mon 2 June, acknowledged Wed 4 June (on time, outcomes recorded), responded Tue 17 June (Code due
 *   18 June: within), partially upheld with an apology and £50 offered.
 * - B: received Mon 2 June, acknowledged Tue 10 June (due 9 June: late; no outcomes sought recorded), 5 days agreed
 *   Mon 23 June (target 24 June, moved to 1 July), responded Fri 4 July (late), upheld without an apology.
 * - C: received Mon 2 June, acknowledged Wed 4 June; 10 days agreed Mon 9 June, then 5 more Tue 10 June, beyond the
 *   Code's 10 with a good reason recorded; no response yet.
 * - D: received Mon 2 June, refused Tue 3 June (legal proceedings).
 * - E: received Mon 2 June, acknowledged Tue 3 June, responded Fri 6 June (within), not upheld; escalated Mon 9 June,
 *   stage 2 acknowledged Mon 16 June (due 16 June: on time; no heads given, so stage 1's; no outcomes), responded Fri
 *   4 July (due 14 July: within), upheld with an apology; a lesson with an improvement action Mon 7 July.
 * - F: received and acknowledged in March 2025: the year before, counted nowhere.
 */
const histories = new Map<string, ComplaintEvent[]>([
  [
    'a',
    [
      received('a', '2025-06-02'),
      acknowledged(1, '2025-06-04'),
      responded(1, '2025-06-17', 'partially_upheld', true, 5000),
    ],
  ],
  [
    'b',
    [
      received('b', '2025-06-02'),
      acknowledged(1, '2025-06-10', { outcomes: [] }),
      extended(1, '2025-06-23', 5),
      responded(1, '2025-07-04', 'upheld', false),
    ],
  ],
  [
    'c',
    [
      received('c', '2025-06-02'),
      acknowledged(1, '2025-06-04'),
      extended(1, '2025-06-09', 10),
      extended(1, '2025-06-10', 5, 'Specialist damp survey booked'),
    ],
  ],
  [
    'd',
    [
      received('d', '2025-06-02'),
      {
        type: 'ComplaintRefused',
        data: {
          occurredAt: at('2025-06-03'),
          ground: 'legal_proceedings',
          explanation: 'A disrepair claim is before the court',
          ombudsmanReferralRightGiven: true,
        },
      },
    ],
  ],
  [
    'e',
    [
      received('e', '2025-06-02'),
      acknowledged(1, '2025-06-03'),
      responded(1, '2025-06-06', 'not_upheld', false),
      { type: 'ComplaintEscalated', data: { occurredAt: at('2025-06-09'), reason: 'Still damp' } },
      acknowledged(2, '2025-06-16', { heads: [], outcomes: [] }),
      responded(2, '2025-07-04', 'upheld', true),
      {
        type: 'LessonRecorded',
        data: {
          occurredAt: at('2025-07-07'),
          lessonId: 'L1',
          lesson: 'Mould washes are not a fix',
          improvementAction: 'Damp survey on any second report',
        },
      },
    ],
  ],
  ['f', [received('f', '2025-03-03'), acknowledged(1, '2025-03-04')]],
]);

const statement = (provision: string, version: number, words: string, recordedAt: string): RecordedStatement => ({
  recordedAt,
  data: {
    occurredAt: recordedAt,
    year: 2025,
    provision,
    compliance: version === 1 ? 'partly_compliant' : 'compliant',
    statement: words,
    ...(version === 1 ? { actionsPlanned: 'Weekly check of open acknowledgements' } : {}),
    version,
    recordedBy: { id: 'u-207', name: 'Daniel Okafor' },
  },
});

describeOnBothBackends('the self-assessment against the Code', (open) => {
  let backend: Backend | undefined;
  const engines: ProjectionEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
    backend = undefined;
  });

  async function seeded(): Promise<Backend> {
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
    return b;
  }

  it('computes the evidence of the hand-worked year exactly, and lists the complaints behind each figure', async () => {
    const b = await seeded();
    const evidence = await selfAssessmentEvidenceFromFacts(b.sql, 2025);
    expect(evidence['6.2']?.figures).toEqual({ acknowledged: 4, withinFiveWorkingDays: 3, late: 1, percentWithin: 75 });
    expect(evidence['6.2']?.summary).toBe(
      'Stage 1 acknowledgements made in the year within five working days: 3 of 4 (75%). A complaint not acknowledged at all is not counted here; the SLA dashboard lists those overdue.',
    );
    expect(evidence['6.11']?.figures).toEqual({
      acknowledged: 1,
      withinFiveWorkingDays: 1,
      late: 0,
      percentWithin: 100,
    });
    expect(evidence['5.6']?.figures).toEqual({
      acknowledged: 5,
      withHeadsOfComplaint: 5,
      withOutcomesSought: 3,
      percentWithOutcomesSought: 60,
      stage1Acknowledged: 4,
      stage1WithOutcomesSought: 3,
      stage2Acknowledged: 1,
      stage2WithOutcomesSought: 0,
    });
    expect(evidence['6.3']?.figures).toEqual({
      responded: 3,
      withinCodeTimescales: 2,
      outside: 1,
      percentWithin: 66.7,
    });
    expect(evidence['6.14']?.figures).toEqual({
      responded: 1,
      withinCodeTimescales: 1,
      outside: 0,
      percentWithin: 100,
    });
    expect(evidence['6.4']?.figures).toEqual({
      extensionsAgreed: 3,
      beyondCodeLimit: 1,
      beyondCodeLimitWithGoodReason: 1,
      beyondCodeLimitWithoutGoodReason: 0,
      agreedAfterCodeTarget: 0,
    });
    expect(evidence['6.5']?.figures).toEqual({ extensionsAgreed: 3, withOmbudsmanDetails: 3 });
    expect(evidence['6.15']?.figures).toMatchObject({ extensionsAgreed: 0 });
    expect(evidence['6.15']?.summary).toBe('No stage 2 extension was agreed.');
    expect(evidence['2.4']?.figures).toMatchObject({
      refused: 1,
      byGround: { legal_proceedings: 1, older_than_12_months: 0 },
    });
    expect(evidence['7.1']?.figures).toEqual({
      responses: 4,
      upheldInWholeOrPart: 3,
      upheldWithApology: 2,
      percentWithApology: 66.7,
      compensationOffers: 1,
      compensationOfferedPence: 5000,
    });
    expect(evidence['9.1']?.figures).toEqual({ lessonsRecorded: 1, withImprovementAction: 1 });

    const list = async (
      provision: Parameters<typeof selfAssessmentComplaintsFromFacts>[2]['provision'],
      met?: boolean,
    ) =>
      selfAssessmentComplaintsFromFacts(
        b.sql,
        2025,
        { provision, ...(met === undefined ? {} : { met }) },
        { limit: 100 },
      );
    const late = await list('6.2', false);
    expect(late.count).toBe(1);
    expect(late.complaints).toEqual([
      {
        complaintId: 'b',
        reference: 'CMP-b',
        receivedOn: '2025-06-02',
        stage: 1,
        on: '2025-06-10',
        met: false,
        workingDays: 6,
      },
    ]);
    expect((await list('6.2')).count).toBe(4);
    expect((await list('6.2', true)).complaints.map((c) => c.complaintId)).toEqual(['a', 'c', 'e']);
    expect((await list('5.6', false)).complaints.map((c) => [c.complaintId, c.stage])).toEqual([
      ['b', 1],
      ['e', 2],
    ]);
    expect((await list('6.3', false)).complaints.map((c) => c.complaintId)).toEqual(['b']);
    expect(
      (await list('6.4')).complaints.map((c) => [
        c.complaintId,
        c.workingDays,
        c.beyondCodeLimit,
        c.goodReasonRecorded,
      ]),
    ).toEqual([
      ['b', 5, false, false],
      ['c', 10, false, false],
      ['c', 5, true, true],
    ]);
    expect((await list('7.1', false)).complaints.map((c) => [c.complaintId, c.stage])).toEqual([['b', 1]]);
    expect((await list('2.4')).complaints).toEqual([
      {
        complaintId: 'd',
        reference: 'CMP-d',
        receivedOn: '2025-06-02',
        stage: null,
        on: '2025-06-03',
        met: null,
        workingDays: null,
        ground: 'legal_proceedings',
      },
    ]);

    // Pages: two at a time, the cursor carries on where the last ended, nothing twice.
    const first = await selfAssessmentComplaintsFromFacts(b.sql, 2025, { provision: '6.2' }, { limit: 2 });
    expect(first.complaints.map((c) => c.complaintId)).toEqual(['a', 'b']);
    const cursor = decodeSelfAssessmentCursor(first.next ?? '');
    const second = await selfAssessmentComplaintsFromFacts(
      b.sql,
      2025,
      { provision: '6.2' },
      { limit: 2, ...(cursor ? { after: cursor } : {}) },
    );
    expect(second.complaints.map((c) => c.complaintId)).toEqual(['c', 'e']);
    expect(second.next).toBeNull();

    // The year before holds only F's receipt and acknowledgement.
    expect((await selfAssessmentEvidenceFromFacts(b.sql, 2024))['6.2']?.figures).toEqual({
      acknowledged: 1,
      withinFiveWorkingDays: 1,
      late: 0,
      percentWithin: 100,
    });
  }, 120_000);

  it('selfAssessmentOf: every provision keyed by number, the latest statement superseding the older, panels screened and without names or lists', async () => {
    const b = await seeded();
    const statements = [
      statement('6.2', 1, 'Acknowledged late in June; call 0161 496 0732 for the audit.', '2026-03-01T10:00:00Z'),
      statement(
        '6.2',
        2,
        'Acknowledgements are checked daily; contact complaints@example.org.',
        '2026-03-10T10:00:00Z',
      ),
      {
        ...statement('6.2', 1, 'Another year', '2025-03-10T10:00:00Z'),
        data: { ...statement('6.2', 1, 'Another year', '2025-03-10T10:00:00Z').data, year: 2024 },
      },
    ];
    const staff = await selfAssessmentOf(b.sql, 2025, statements);
    expect(Object.keys(staff.provisions)).toEqual(CODE_PROVISIONS.map((p) => p.provision));
    const entry = staff.provisions['6.2'];
    expect(entry).toMatchObject({ provision: '6.2', section: 6, sectionTitle: 'Complaint stages' });
    expect(entry?.statement).toEqual({
      version: 2,
      compliance: 'compliant',
      statement: 'Acknowledgements are checked daily; contact complaints@example.org.',
      commentary: null,
      actionsPlanned: null,
      statedAt: '2026-03-10T10:00:00Z',
      recordedAt: '2026-03-10T10:00:00Z',
      recordedBy: { id: 'u-207', name: 'Daniel Okafor' },
    });
    expect(entry?.superseded.map((s) => s.version)).toEqual([1]);
    expect(entry?.evidence?.complaints).toBe('/api/v1/reports/self-assessment/2025/complaints?provision=6.2&met=false');
    expect(staff.provisions['1.2']).toMatchObject({ statement: null, superseded: [], evidence: null });
    expect(staff.summary).toMatchObject({
      provisions: CODE_PROVISIONS.length,
      withStatement: 1,
      byCompliance: { compliant: 1, partly_compliant: 0 },
    });

    const panel = await selfAssessmentOf(b.sql, 2025, statements, 'panel');
    const seen = JSON.stringify(panel);
    expect(seen).not.toContain('Daniel Okafor');
    expect(seen).not.toContain('complaints@example.org');
    expect(seen).not.toContain('0161 496 0732');
    expect(seen).not.toContain('/complaints?provision');
    expect(panel.provisions['6.2']?.evidence?.figures).toEqual(entry?.evidence?.figures);
  }, 120_000);
});
