import { z } from 'zod';
import { OutboundEnvelopeV1 } from '@complaints/contracts';
import { named } from './zod-openapi';

/**
 * Response shapes of the reads, probes and the event feed, for the OpenAPI document only (the
 * answers are built by code, not parsed). Objects are open (more fields may come); the fields
 * listed are always there.
 */
const int = z.number().int();
const date = z.iso.date();
const handler = z.object({ id: z.string(), name: z.string() }).nullable();

export const HealthSchema = named('Health', z.object({ status: z.literal('ok') }));
export const ReadinessSchema = named('Readiness', z.object({ status: z.literal('ready') }));

export const ComplaintListSchema = named(
  'ComplaintList',
  z.object({
    total: int.describe('Matching complaints, all pages'),
    limit: int,
    offset: int,
    items: z.array(
      z
        .object({
          id: z.string(),
          reference: z.string(),
          status: z.enum(['open', 'closed', 'withdrawn', 'refused']),
          stage: z.union([z.literal(1), z.literal(2)]),
          revision: int,
          receivedAt: z.string(),
          receivedOn: date,
          serviceArea: z.string(),
          category: z.string().nullable(),
          handler,
          overdue: z.boolean().describe('Against the Code, as of today'),
          vulnerable: z.boolean(),
          acknowledgementDue: date,
          codeResponseDue: date,
          responseDue: date,
          lastActivityAt: z.string(),
        })
        .loose(),
    ),
  }),
);

export const ChronologySchema = named(
  'Chronology',
  z
    .object({
      complaintId: z.string(),
      reference: z.string(),
      status: z.string(),
      serviceArea: z.string(),
      receivedOn: date,
      sla: z.array(
        z
          .object({
            stage: z.union([z.literal(1), z.literal(2)]),
            acknowledgementDue: date,
            acknowledgedOn: date.nullable(),
            acknowledgementLateByWorkingDays: int.nullable(),
            responseDue: date,
            codeResponseDue: date,
            respondedOn: date.nullable(),
            extensionWorkingDays: int,
            codeExtensionWorkingDays: int,
            withinCodeTimescales: z.boolean().nullable(),
            responseLateByWorkingDays: int.nullable(),
          })
          .loose(),
      ),
      entries: z.array(
        z
          .object({
            date: z.string(),
            event: z.string(),
            description: z.string(),
            by: z.string(),
            slaNote: z.string().nullable(),
            occurredAt: z.string(),
            recordedAt: z.string(),
            revision: int,
          })
          .loose()
          .describe('One dated step in plain English (the CSV has one row per entry)'),
      ),
    })
    .loose(),
);

export const IntegrityReportSchema = named(
  'IntegrityReport',
  z
    .object({
      complaintId: z.string(),
      streamId: z.string(),
      valid: z.boolean(),
      eventsChecked: int,
      headHash: z.string().describe('The value to keep as evidence'),
      problem: z
        .object({ kind: z.string(), detail: z.string() })
        .loose()
        .optional()
        .describe(
          'Only when not valid. kind: hash-mismatch, broken-link, revision-gap, log-mismatch, missing-from-log, missing-event, log-incomplete, log-rolled-back',
        ),
      log: z.object({ treeSize: int, leavesChecked: int, eventsNotYetInLog: int }).loose(),
    })
    .loose(),
);

/** The published envelope itself (what Kafka carries), so the feed's schema cannot drift from it. */
const OutboundEventSchema = OutboundEnvelopeV1.describe(
  'The Kafka message value; its JSON Schema is /api/schemas/envelope/OutboundEvent/v1',
);

export const EventFeedPageSchema = named(
  'EventFeedPage',
  z.object({
    events: z.array(OutboundEventSchema),
    next: z.string().describe('The position to ask from next time'),
  }),
);

export const AttentionQueueSchema = named(
  'AttentionQueue',
  z.object({
    asOf: date,
    inactivityWorkingDays: int,
    dueSoonWorkingDays: int,
    count: int,
    items: z.array(
      z
        .object({
          reason: z.string(),
          complaintId: z.string(),
          reference: z.string(),
          status: z.string(),
          stage: z.union([z.literal(1), z.literal(2)]),
          serviceArea: z.string(),
          handler,
          due: date.nullable(),
          organisationDue: date.optional(),
          since: date.nullable(),
          workingDaysOverdue: int,
          workingDaysRemaining: int,
          workingDaysSince: int,
          actionId: z.string().optional(),
          ref: z.string().optional(),
          amountOutstandingPence: int.optional(),
        })
        .loose(),
    ),
  }),
);

const dueCounts = z.object({ overdue: int, dueWithin2WorkingDays: int });

export const SlaDashboardSchema = named(
  'SlaDashboard',
  z
    .object({
      asOf: date,
      dueSoonWorkingDays: int,
      open: z.object({ total: int, byStage: z.object({ stage1: int, stage2: int }) }),
      complaintsOverdue: z.object({ againstCode: int, againstOrganisationTarget: int }),
      acknowledgements: dueCounts,
      responses: dueCounts,
      organisationTarget: z.object({ responses: dueCounts }),
      codePolicy: z.object({ profile: z.string(), acknowledgements: dueCounts, responses: dueCounts }).loose(),
      localPolicy: z
        .object({ profile: z.string(), acknowledgements: dueCounts, responses: dueCounts })
        .loose()
        .nullable(),
      extensions: z.object({}).loose(),
      byServiceArea: z.array(z.object({ serviceArea: z.string() }).loose()),
    })
    .loose(),
);

export const ResidentStatusSchema = named(
  'ResidentStatus',
  z.object({
    reference: z.string(),
    status: z.string(),
    stage: z.union([z.literal(1), z.literal(2)]),
    receivedOn: date,
    acknowledgedOn: date.nullable(),
    codeResponseDue: date.nullable(),
    responseDue: date.nullable(),
    overdueAgainstCode: z.boolean(),
    codeResponseDatePassed: z.boolean(),
    respondedOn: date.nullable(),
    nextStep: z.string(),
    howToEscalate: z.string().nullable(),
    ombudsman: z
      .object({
        when: z.string(),
        name: z.string(),
        website: z.string(),
        telephone: z.string(),
        email: z.string(),
      })
      .nullable(),
  }),
);
