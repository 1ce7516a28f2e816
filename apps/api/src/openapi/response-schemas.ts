import { z } from 'zod';
import { named } from './zod-openapi';

/** Response shapes, for the OpenAPI document only (responses are built by code, not parsed). */
export const WriteResultSchema = named(
  'WriteResult',
  z.object({
    id: z.string(),
    reference: z.string(),
    revision: z.number().int().describe('The stream revision after the write; also the ETag'),
    position: z.string().nullable().describe('Global position of the last event written (64-bit integer as a string)'),
    events: z.array(z.string()).describe('Types of the events appended'),
  }),
);

const nullableDate = z.iso.date().nullable();

const MilestoneStateSchema = z.enum(['met', 'late', 'overdue', 'due_soon', 'pending']).nullable();

export const ExtensionSlaSchema = z.object({
  agreedOn: z.iso.date(),
  workingDays: z.number().int(),
  countedTowardsCodeWorkingDays: z
    .number()
    .int()
    .describe('Working days it added to the Code target: 0 when agreed after that target, or beyond the limit'),
  movedOrganisationTarget: z
    .boolean()
    .describe("Whether it moved the organisation's own target (only one agreed on or before that target does)"),
  agreedAfterCodeTarget: z.boolean().describe('Agreed after the Code target had passed: it cures nothing'),
  goodReason: z
    .boolean()
    .describe("A good reason was recorded for going beyond the Code's limit; it never moves the Code target"),
});

export const SlaStageSchema = z.object({
  stage: z.union([z.literal(1), z.literal(2)]),
  acknowledgementDue: z.iso.date(),
  acknowledgedOn: nullableDate,
  responseDue: z.iso
    .date()
    .describe("The organisation's own target: every extension agreed in time, beyond the Code's limit too"),
  respondedOn: nullableDate,
  extensionWorkingDays: z.number().int().describe('Every working day of extension agreed, whether or not it counted'),
  withinCodeTimescales: z.boolean().nullable().describe('Against codeResponseDue, once the response is issued'),
  startedOn: z.iso.date(),
  codeResponseDue: z.iso
    .date()
    .describe('The Code target: from the acknowledgement, moved only by extensions agreed in time and up to the limit'),
  responseDueIsProvisional: z.boolean(),
  acknowledgementLateByWorkingDays: z.number().int().nullable().describe('A late acknowledgement is its own breach'),
  responseLateByWorkingDays: z.number().int().nullable().describe('Against codeResponseDue'),
  codeExtensionWorkingDays: z.number().int().describe('The working days of extension that moved the Code target'),
  extensionsBeyondLimit: z.boolean(),
  extensions: z.array(ExtensionSlaSchema),
  acknowledgementStatus: MilestoneStateSchema,
  codeResponseStatus: MilestoneStateSchema.describe(
    'The response against codeResponseDue (as withinCodeTimescales judges it)',
  ),
  organisationResponseStatus: MilestoneStateSchema.describe(
    "The response against responseDue, the organisation's own target",
  ),
  codeResponseDatePassed: z
    .boolean()
    .describe('Open, unanswered, and the Code date has passed: the resident may go to the Housing Ombudsman now'),
});

const SlaSchema = z.object({
  profile: z.string(),
  asOf: z.iso.date().describe('The date the statuses are judged on'),
  overdueAgainstCode: z
    .boolean()
    .describe(
      "Open, and the current stage's acknowledgement or response is overdue against the Code: the one answer every view gives",
    ),
  overdueAgainstOrganisationTarget: z.boolean(),
  stages: z.array(SlaStageSchema),
});

export const ComplaintViewSchema = named(
  'ComplaintView',
  z
    .object({
      id: z.string(),
      reference: z.string(),
      status: z.enum(['open', 'closed', 'withdrawn', 'refused']),
      stage: z.union([z.literal(1), z.literal(2)]),
      revision: z.number().int(),
      sla: SlaSchema,
      localSla: SlaSchema.nullable().describe(
        'The same under the local policy, when one is configured: its "code" fields are that policy\'s counterparts',
      ),
      restrictions: z
        .array(
          z
            .object({
              restrictionId: z.string(),
              kind: z.string(),
              status: z.enum(['active', 'review_overdue', 'lifted']),
              reviewDue: z.string(),
              approvedBy: z.object({ id: z.string(), name: z.string() }),
            })
            .loose(),
        )
        .describe(
          'Restrictions on contact (docs/domain.md, "Restrictions"); status as of today: review_overdue means past its review date, so it no longer applies',
        ),
      enquiries: z
        .array(
          z
            .object({
              enquiryId: z.string(),
              from: z.enum(['mp', 'councillor', 'other_representative_body']),
              receivedAt: z.string(),
              answeredAt: z.string().nullable(),
            })
            .loose(),
        )
        .describe('Enquiries from MPs, councillors and other representative bodies'),
    })
    .loose()
    .describe(
      'The complaint as it stands, with its Code SLA (and the local policy beside it); more fields than listed.',
    ),
);

export const HistorySchema = named(
  'History',
  z.object({
    complaintId: z.string(),
    asAt: z.string().nullable(),
    events: z.array(
      z
        .object({
          type: z.string(),
          revision: z.number().int(),
          occurredAt: z.string(),
          recordedAt: z.string(),
          actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
          data: z.record(z.string(), z.unknown()),
        })
        // The stored envelope: more fields (ids, correlation, hashes) than listed.
        .loose(),
    ),
    state: ComplaintViewSchema.nullable(),
  }),
);

export const TsmSchema = named(
  'Tsm',
  z.object({
    year: z.number().int(),
    ch01: z
      .object({
        stage1: z.object({ count: z.number().int(), perThousandHomes: z.number().nullable() }),
        stage2: z.object({ count: z.number().int(), perThousandHomes: z.number().nullable() }),
      })
      .loose(),
    ch02: z.object({
      stage1: z.object({
        responded: z.number().int(),
        withinTimescales: z.number().int(),
        percent: z.number().nullable(),
      }),
      stage2: z.object({
        responded: z.number().int(),
        withinTimescales: z.number().int(),
        percent: z.number().nullable(),
      }),
    }),
  }),
);

export const ProblemSchema = named(
  'Problem',
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string(),
      correlationId: z.string().optional(),
      errors: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe('400 only: every invalid field'),
      rule: z.string().optional().describe('409 only: the id of the rule that forbids the command'),
    })
    .loose(),
);
