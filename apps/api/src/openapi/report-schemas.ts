import { z } from 'zod';
import { named } from './zod-openapi';

/**
 * Response shapes of the reports, panel views, governance and admin routes, for the OpenAPI
 * document only. These answers are large tables whose rows docs/api.md describes; the schemas
 * give their top-level fields and leave the rows open, so they can never say less than is sent.
 */
const int = z.number().int();
const date = z.iso.date();
const row = z.object({}).loose();
const rows = z.array(row);
const figures = (description: string) => z.object({}).loose().describe(description);

export const LessonsSchema = named(
  'Lessons',
  z.object({
    asOf: date,
    lessons: z.array(
      z
        .object({
          lessonId: z.string(),
          recordedOn: date,
          serviceArea: z.string(),
          category: z.string().nullable(),
          lesson: z.string(),
          rootCause: z.string().nullable(),
          improvementAction: z.string().nullable(),
          dueBy: date.nullable(),
          status: z.string().nullable(),
          madeOn: date.nullable(),
          whatChanged: z.string().nullable(),
        })
        .loose(),
    ),
  }),
);

export const PanelCasesSchema = named(
  'PanelCases',
  z.object({
    year: int.nullable(),
    count: int,
    cases: z.array(row.describe('One anonymised case: no names, references or free text')),
  }),
);

export const PanelSampleSchema = named(
  'PanelSample',
  z.object({
    period: z.string(),
    from: date,
    to: date,
    seed: z.string().describe('Give it back to draw the same sample'),
    closedInPeriod: int,
    size: int,
    cases: z.array(
      z
        .object({ caseKey: z.string(), closedMonth: z.string(), timeline: rows })
        .loose()
        .describe('One anonymised case with its timeline'),
    ),
  }),
);

export const PanelMonthlyReportSchema = named(
  'PanelMonthlyReport',
  z
    .object({
      month: z.string(),
      from: date,
      to: date,
      openAtMonthEnd: z.object({ total: int, stage1: int, stage2: int }),
      overdueAtMonthEnd: z.object({ complaints: int, acknowledgements: int, responses: int }),
      volumes: z.object({ received: int, escalated: int, closed: int, withdrawn: int, refused: int }),
      outcomes: figures('Decisions per stage'),
      timeliness: figures('Acknowledgements and responses per stage, against the Code'),
      extensions: figures('Extensions agreed'),
      escalation: figures('Stage 1 responses escalated'),
      compensation: figures('Offered and paid, in pence'),
      lessons: z.object({ recorded: int, withImprovementAction: int }),
      lessonsRecorded: rows,
      satisfaction: figures('Satisfaction recorded, per stage'),
    })
    .loose(),
);

export const FeedbackPanelSchema = named(
  'FeedbackPanel',
  z.object({
    year: int,
    period: figures('The reporting year'),
    byKind: figures('Counts per kind of feedback (small counts suppressed)'),
    byServiceArea: z.array(z.object({ serviceArea: z.string(), byKind: row })),
  }),
);

export const AnnualReportSchema = named(
  'AnnualReport',
  figures(
    'The figures of the reporting year: period, volumes, outcomes, by service area and category, timeliness, extensions, enquiries…',
  ),
);

export const EqualityReportSchema = named('EqualityReport', figures('Complaints by equality characteristic'));

export const ActionPlansSchema = named(
  'ActionPlans',
  z
    .object({
      quarter: z.string(),
      from: date,
      to: date,
      asOf: date,
      serviceAreas: z.array(z.object({ serviceArea: z.string(), lessons: rows, carriedOver: rows }).loose()),
    })
    .loose(),
);

const drillDown = (name: string, fields: z.ZodRawShape) =>
  named(
    name,
    z.object({
      year: int,
      ...fields,
      count: int,
      complaints: rows,
      next: z.string().nullable().describe('The cursor of the next page, null on the last'),
    }),
  );

export const TsmComplaintsSchema = drillDown('TsmComplaints', {
  measure: z.enum(['ch01-stage1', 'ch01-stage2', 'ch02-stage1', 'ch02-stage2', 'refused']),
  tenure: z.enum(['LCRA', 'LCHO']).nullable(),
  withinTimescales: z.boolean().nullable(),
});

export const SelfAssessmentComplaintsSchema = drillDown('SelfAssessmentComplaints', {
  provision: z.string(),
  met: z.boolean().nullable(),
});

export const SelfAssessmentSchema = named('SelfAssessment', figures('The self-assessment against the Code'));

const eventTypes = z.array(z.string()).describe('Types of the events appended');

export const SelfAssessmentStatementResultSchema = named(
  'SelfAssessmentStatementResult',
  z.object({
    id: z.string(),
    year: int,
    provision: z.string(),
    version: int.nullable(),
    revision: int,
    events: eventTypes,
  }),
);

export const GovernanceWriteResultSchema = named(
  'GovernanceWriteResult',
  z.object({
    year: int,
    revision: int,
    position: z.string().nullable(),
    events: eventTypes,
    published: z.boolean(),
  }),
);

export const AnnualReportDocumentSchema = named('AnnualReportDocument', figures('The annual complaints report'));
export const MemberResponsibleReportSchema = named(
  'MemberResponsibleReport',
  figures("The quarter's report to the member responsible for complaints"),
);

export const PublicPerformanceSchema = named(
  'PublicPerformance',
  z
    .object({
      year: int,
      period: z.object({ from: date, to: date }),
      tsm: z.object({ ch01: row, ch02: row }),
      complaintsByServiceArea: z.object({ cells: rows, total: z.unknown() }).loose(),
      whatChanged: rows,
      annualReport: z
        .object({ published: z.boolean(), publishedAt: z.string().nullable(), url: z.string().nullable() })
        .loose(),
      selfAssessment: z.object({ url: z.string() }).nullable(),
    })
    .loose(),
);

export const ReadModelsSchema = named(
  'ReadModels',
  z.object({
    readModels: z.array(
      z
        .object({
          name: z.string(),
          state: z.enum(['live', 'stale']),
          version: z.string(),
          activeVersion: z.string(),
          activeTableSet: z.string(),
          checkpoint: z.string(),
          head: z.string(),
          lagEvents: z.string(),
          eventsApplied: z.string(),
          rebuild: row.nullable(),
          lastError: z.string().nullable(),
          errors: int,
          failing: z.boolean(),
          deadLetters: int,
        })
        .loose(),
    ),
  }),
);

export const DeadLettersSchema = named(
  'DeadLetters',
  z.object({
    readModel: z.string(),
    count: int,
    deadLetters: z.array(
      z
        .object({
          parkedAt: z.string().optional(),
          tableSet: z.string(),
          position: z.string(),
          eventId: z.string(),
          eventType: z.string(),
          complaintId: z.string(),
          error: z.string(),
        })
        .loose(),
    ),
  }),
);

export const RebuildStartedSchema = named('RebuildStarted', z.object({ readModel: z.string(), rebuild: z.string() }));

export const RetentionDueSchema = named(
  'RetentionDue',
  z.object({
    asOf: date,
    retentionYears: int,
    cases: z.array(
      z
        .object({
          id: z.string(),
          reference: z.string(),
          status: z.enum(['due', 'held']),
          retentionFrom: date,
          dueOn: date,
          holds: rows,
        })
        .loose(),
    ),
  }),
);

export const ErasureApprovalsSchema = named(
  'ErasureApprovals',
  z.object({ approvedBy: z.string(), retentionYears: int, results: rows }),
);

export const SubjectAccessExportsSchema = named('SubjectAccessExports', z.object({ exports: rows }));
export const SubjectAccessExportSchema = named(
  'SubjectAccessExport',
  figures("Everything held about the person: each complaint's personal data, in one JSON document"),
);

export const FeedbackPageSchema = named('FeedbackPage', figures('A page of feedback items'));
export const FeedbackViewSchema = named('FeedbackView', figures('The feedback item as it stands'));
