import type { CalendarDate } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Organisation } from '../organisation';
import { complaintView } from './complaint-view';

/**
 * The audit trail of one complaint: every event as recorded, with when it happened, when it was
 * recorded and by whom (GET /complaints/{id}/history, and the subject-access export's `history`).
 */
export function auditTrail(envelopes: readonly ComplaintEnvelope[]) {
  return envelopes.map((e) => ({
    type: e.type,
    revision: e.revision,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.metadata.actor,
    data: e.event.data,
    eventId: e.eventId,
    correlationId: e.metadata.correlationId,
    schemaVersion: e.storedSchemaVersion,
    personalDataErased: e.personalDataErased,
  }));
}

export type AuditTrailEntry = ReturnType<typeof auditTrail>[number];

/**
 * GET /complaints/{id}/history: the events recorded by `asAt` (the caller read the stream up to
 * it) and the case as it stood then, its SLA statuses judged on that date, not today; without
 * `asAt`, every event and the case today.
 */
export function caseHistory(
  complaintId: string,
  envelopes: readonly ComplaintEnvelope[],
  organisation: Organisation,
  asAt: Date | undefined,
  today: CalendarDate,
) {
  return {
    complaintId,
    asAt: asAt?.toISOString() ?? null,
    events: auditTrail(envelopes),
    state: complaintView(envelopes, organisation, asAt ? toLondonDate(asAt) : today),
  };
}
