import { z } from 'zod';
import type { CalendarDate, Stage } from '@complaints/contracts';
import { queryComplaintSummaries } from '@complaints/projections';
import type { ReadModels } from '../../read-models/read-models.service';

export const ListQuery = z.object({
  status: z.enum(['open', 'closed', 'withdrawn', 'refused']).optional(),
  stage: z.enum(['1', '2']).transform(Number).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  serviceArea: z.string().trim().min(1).max(200).optional(),
  limit: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(1).max(500)).default(100),
  offset: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).default(0),
});
export type ListQuery = z.output<typeof ListQuery>;

/**
 * The searchable list: one line per complaint, newest first, without personal data (names and
 * contact details stay on the complaint itself, where reading them is a deliberate act).
 * "Overdue" means open with the current stage's acknowledgement or response past its date on
 * `today`. Answered from the complaint summaries read model, once it has caught up with every
 * write made so far (bounded wait), so a caller always finds what it has just written.
 */
export async function listComplaints(readModels: ReadModels, today: CalendarDate, query: ListQuery) {
  await readModels.caughtUp();
  const page = await queryComplaintSummaries(readModels.sql, {
    asOf: today,
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.stage !== undefined ? { stage: query.stage as Stage } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    ...(query.serviceArea !== undefined ? { serviceArea: query.serviceArea } : {}),
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
      acknowledgementDue: item.acknowledgementDue,
      responseDue: item.responseDue,
      lastActivityAt: item.lastActivityAt,
    })),
  };
}
