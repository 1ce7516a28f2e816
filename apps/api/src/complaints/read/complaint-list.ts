import { z } from 'zod';
import { InputShortText, QueryInteger, type CalendarDate, type Stage } from '@complaints/contracts';
import { queryComplaintSummaries } from '@complaints/projections';
import type { ReadModels } from '../../read-models/read-models.service';

export const MAX_LIST_OFFSET = 1_000_000;

export const ListQuery = z.object({
  status: z.enum(['open', 'closed', 'withdrawn', 'refused']).optional(),
  stage: z.enum(['1', '2']).transform(Number).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Triage: complaints with a current vulnerability recorded (true) or without (false). */
  vulnerable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  serviceArea: InputShortText.optional(),
  /** One reference, exactly (case and surrounding spaces aside): how an auditor finds a case. */
  reference: InputShortText.optional(),
  limit: QueryInteger(1, 500).default(100),
  // Bounded: paging a million complaints deep is a mistake, and beyond int8 SQL would fail.
  offset: QueryInteger(0, MAX_LIST_OFFSET).default(0),
});
export type ListQuery = z.output<typeof ListQuery>;

/**
 * The searchable list: one line per complaint, newest first, without personal data (names and
 * contact details stay on the complaint itself, where reading them is a deliberate act).
 * "Overdue" means overdue against the Code on `today`: the domain's caseSlaStatus, which the
 * read model's filter transcribes (query-complaint-summaries.ts), so the list, the complaint's
 * own `sla.overdueAgainstCode` and the resident page agree. Answered from the complaint summaries read model, once it has caught up with every
 * write made so far (bounded wait), so a caller always finds what it has just written.
 */
export async function listComplaints(readModels: ReadModels, today: CalendarDate, query: ListQuery) {
  await readModels.caughtUp();
  const page = await queryComplaintSummaries(readModels.sql, {
    asOf: today,
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.stage !== undefined ? { stage: query.stage as Stage } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    ...(query.vulnerable !== undefined ? { vulnerable: query.vulnerable } : {}),
    ...(query.serviceArea !== undefined ? { serviceArea: query.serviceArea } : {}),
    ...(query.reference !== undefined ? { reference: query.reference } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return {
    total: page.total,
    limit: page.limit,
    offset: page.offset,
    items: page.items.map((item) => ({
      id: item.id,
      reference: item.reference,
      status: item.status,
      stage: item.stage,
      revision: item.revision,
      receivedAt: item.receivedAt,
      receivedOn: item.receivedOn,
      serviceArea: item.serviceArea,
      category: item.category,
      handler: item.handler,
      overdue: item.overdue,
      vulnerable: item.vulnerable,
      acknowledgementDue: item.acknowledgementDue,
      codeResponseDue: item.codeResponseDue,
      responseDue: item.responseDue,
      lastActivityAt: item.lastActivityAt,
    })),
  };
}
