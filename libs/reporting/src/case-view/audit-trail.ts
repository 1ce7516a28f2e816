import type { ComplaintEnvelope } from '@complaints/event-store';

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
