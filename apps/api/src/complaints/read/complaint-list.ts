import { z } from 'zod';
import type { CalendarDate } from '@complaints/contracts';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Organisation } from '../../app/tokens';
import { complaintView } from './complaint-view';

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
 * "Overdue" means open with the current stage's acknowledgement or response past its Code date.
 */
export function listComplaints(streams: readonly ComplaintEnvelope[][], organisation: Organisation, today: CalendarDate, query: ListQuery) {
  const items = [];
  for (const stream of streams) {
    const view = complaintView(stream, organisation, today);
    if (!view) continue;
    const current = view.sla.stages.find((s) => s.stage === view.stage);
    const overdue = current !== undefined && (current.acknowledgementStatus === 'overdue' || current.responseStatus === 'overdue');
    if (query.status && view.status !== query.status) continue;
    if (query.stage && view.stage !== query.stage) continue;
    if (query.overdue !== undefined && overdue !== query.overdue) continue;
    if (query.serviceArea && view.serviceArea.toLowerCase() !== query.serviceArea.toLowerCase()) continue;
    items.push({
      id: view.id,
      reference: view.reference,
      status: view.status,
      stage: view.stage,
      revision: view.revision,
      receivedAt: view.receivedAt,
      receivedOn: view.receivedOn,
      serviceArea: view.serviceArea,
      category: view.category,
      handler: view.handler,
      overdue,
      acknowledgementDue: current?.acknowledgementDue ?? null,
      responseDue: current?.responseDue ?? null,
      lastActivityAt: view.lastActivityAt,
    });
  }
  items.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.reference.localeCompare(a.reference));
  return { total: items.length, limit: query.limit, offset: query.offset, items: items.slice(query.offset, query.offset + query.limit) };
}
