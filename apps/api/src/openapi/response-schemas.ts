import { z } from 'zod';

/** Response shapes, for the OpenAPI document only (responses are built by code, not parsed). */
export const WriteResultSchema = z.object({
  id: z.string(),
  reference: z.string(),
  revision: z.number().int().describe('The stream revision after the write; also the ETag'),
  position: z.string().nullable().describe('Global position of the last event written (64-bit integer as a string)'),
  events: z.array(z.string()).describe('Types of the events appended'),
});

const nullableDate = z.iso.date().nullable();

export const SlaStageSchema = z.object({
  stage: z.union([z.literal(1), z.literal(2)]),
  acknowledgementDue: z.iso.date(),
  acknowledgedOn: nullableDate,
  responseDue: z.iso.date(),
  respondedOn: nullableDate,
  extensionWorkingDays: z.number().int(),
  withinCodeTimescales: z.boolean().nullable(),
  startedOn: z.iso.date(),
  codeResponseDue: z.iso.date(),
  responseDueIsProvisional: z.boolean(),
  acknowledgementLateByWorkingDays: z.number().int().nullable(),
  responseLateByWorkingDays: z.number().int().nullable(),
  extensionsBeyondLimit: z.boolean(),
});

export const ComplaintViewSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(['open', 'closed', 'withdrawn', 'refused']),
    stage: z.union([z.literal(1), z.literal(2)]),
    revision: z.number().int(),
    sla: z.object({ profile: z.string(), stages: z.array(SlaStageSchema) }),
    localSla: z.object({ profile: z.string(), stages: z.array(SlaStageSchema) }).nullable(),
  })
  .loose()
  .describe('The complaint as it stands, with its Code SLA (and the local policy beside it); more fields than listed.');

export const HistorySchema = z.object({
  complaintId: z.string(),
  asAt: z.string().nullable(),
  events: z.array(
    z.object({
      type: z.string(),
      revision: z.number().int(),
      occurredAt: z.string(),
      recordedAt: z.string(),
      actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  state: ComplaintViewSchema.nullable(),
});

export const TsmSchema = z.object({
  year: z.number().int(),
  ch01: z.object({
    stage1: z.object({ count: z.number().int(), perThousandHomes: z.number().nullable() }),
    stage2: z.object({ count: z.number().int(), perThousandHomes: z.number().nullable() }),
  }).loose(),
  ch02: z.object({
    stage1: z.object({ responded: z.number().int(), withinTimescales: z.number().int(), percent: z.number().nullable() }),
    stage2: z.object({ responded: z.number().int(), withinTimescales: z.number().int(), percent: z.number().nullable() }),
  }),
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    correlationId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('400 only: every invalid field'),
    rule: z.string().optional().describe('409 only: the id of the rule that forbids the command'),
  })
  .loose();
