import { currentEvents, type ComplaintEventType, type PersonalPath } from '@complaints/contracts';
import type { StreamCategory } from '@complaints/contracts';
import { parseStreamId } from '@complaints/event-store';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { withoutPersonalFields } from './without-personal-fields';

/**
 * An event as subscribers receive it, on Kafka and on the HTTP feed alike. Personal fields
 * (names, contact details, the resident's words) are left out, never sent masked or encrypted:
 * a topic is copied into warehouses and logs that erasure could not reach. A subscriber
 * entitled to a case's personal details fetches them from the API with its own token;
 * `personalDataWithheld` lists the paths that were present and left out.
 */
export interface OutboundEvent {
  eventId: string;
  /** Global position in the log: the order of the whole log, and the resume point. */
  position: string;
  /**
   * The stream the event belongs to, and the Kafka record key: for a complaint's events the
   * complaint's id (as ever); for another record of the log (feedback, governance) its stream
   * id, `feedback-<id>` or `governance-<id>`, so that it can never be taken for a complaint's
   * id (recordOf reads the category and id back). The v1 envelope is unchanged.
   */
  complaintId: string;
  type: ComplaintEventType;
  /** Version of the `data` schema as delivered (events are upcast to the current version). */
  schemaVersion: number;
  /** Position in the complaint's own stream: 1 for its first event. */
  revision: number;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  /** Who recorded it: staff id and role (no name). */
  actor: { id: string; role: string };
  data: Record<string, unknown>;
  personalDataWithheld: PersonalPath[];
}

/** Kafka record headers (all strings): what a consumer routes and deduplicates on without parsing the value. */
export interface OutboundHeaders {
  'event-type': string;
  'event-id': string;
  'schema-version': string;
  'correlation-id': string;
  'occurred-at': string;
  'recorded-at': string;
  'complaint-id': string;
  position: string;
  revision: string;
  'content-type': 'application/json';
}

export function toOutboundEvent(envelope: ComplaintEnvelope): OutboundEvent {
  const definition = currentEvents[envelope.type];
  const { data, withheld } = withoutPersonalFields(envelope.event.data, definition.personal);
  return {
    eventId: envelope.eventId,
    position: envelope.globalPosition.toString(),
    complaintId: envelope.category === 'complaint' ? envelope.complaintId : envelope.streamId,
    type: envelope.type,
    schemaVersion: definition.schemaVersion,
    revision: envelope.revision,
    occurredAt: envelope.occurredAt,
    recordedAt: envelope.recordedAt,
    correlationId: envelope.metadata.correlationId,
    causationId: envelope.metadata.causationId ?? null,
    actor: { id: envelope.metadata.actor.id, role: envelope.metadata.actor.role },
    data: data as Record<string, unknown>,
    personalDataWithheld: withheld,
  };
}

export function outboundHeaders(event: OutboundEvent): OutboundHeaders {
  return {
    'event-type': event.type,
    'event-id': event.eventId,
    'schema-version': String(event.schemaVersion),
    'correlation-id': event.correlationId,
    'occurred-at': event.occurredAt,
    'recorded-at': event.recordedAt,
    'complaint-id': event.complaintId,
    position: event.position,
    revision: String(event.revision),
    'content-type': 'application/json',
  };
}

/**
 * Which record a delivered event belongs to: a complaint (its `complaintId` is the complaint's
 * id) or another record of the log, whose `complaintId` is its stream id (`feedback-<id>`).
 */
export function recordOf(event: Pick<OutboundEvent, 'complaintId'>): { category: StreamCategory; id: string } {
  return parseStreamId(event.complaintId) ?? { category: 'complaint', id: event.complaintId };
}
