import type { EventOfType, FeedbackKind } from '@complaints/contracts';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { describeEvent } from '@complaints/projections';

/**
 * One feedback item as staff read it (GET /api/v1/feedback/{id}): what was received, with its
 * personal fields (the summary, who gave it, the staff member praised), each step, and its
 * history in plain words. For officers and managers only; panels see counts
 * (screenedFeedbackFigures). Folded from the item's own stream.
 */
export interface FeedbackView {
  id: string;
  revision: number;
  kind: FeedbackKind;
  receivedAt: string;
  channel: string;
  serviceArea: string;
  summary: string;
  staffMember: string | null;
  team: string | null;
  from: { name: string; contact: string | null } | null;
  tenure: string | null;
  shared: { sharedAt: string; sharedWith: string; sharedBy: string }[];
  passedToManager: { passedAt: string; manager: string; note: string | null; passedBy: string }[];
  completed: { completedAt: string; outcome: string | null; completedBy: string } | null;
  /** The formal complaint it became (that complaint's history says where it came from). */
  complaint: { id: string; reference: string; convertedAt: string } | null;
  history: {
    type: string;
    occurredAt: string;
    recordedAt: string;
    by: { id: string; role: string };
    description: string;
  }[];
}

/** The view of an item's stream, or null when the stream holds no receipt. */
export function feedbackView(envelopes: readonly ComplaintEnvelope[]): FeedbackView | null {
  const receipt = envelopes.find((e) => e.event.type === 'FeedbackReceived')?.event as
    EventOfType<'FeedbackReceived'> | undefined;
  if (!receipt) return null;
  const d = receipt.data;
  // A person held whole as one personal field reads as the ERASED string once shredded.
  const from =
    d.from === undefined
      ? null
      : typeof d.from === 'object'
        ? { name: d.from.name, contact: d.from.contact ?? null }
        : { name: String(d.from), contact: null };
  const view: FeedbackView = {
    id: d.feedbackId,
    revision: envelopes.at(-1)?.revision ?? 0,
    kind: d.kind,
    receivedAt: d.occurredAt,
    channel: d.channel,
    serviceArea: d.serviceArea,
    summary: d.summary,
    staffMember: d.staffMember ?? null,
    team: d.team ?? null,
    from,
    tenure: d.tenure ?? null,
    shared: [],
    passedToManager: [],
    completed: null,
    complaint: null,
    history: [],
  };
  for (const envelope of envelopes) {
    const { event } = envelope;
    switch (event.type) {
      case 'FeedbackShared':
        view.shared.push({
          sharedAt: event.data.occurredAt,
          sharedWith: event.data.sharedWith,
          sharedBy: event.data.sharedBy,
        });
        break;
      case 'FeedbackPassedToManager':
        view.passedToManager.push({
          passedAt: event.data.occurredAt,
          manager: event.data.manager,
          note: event.data.note ?? null,
          passedBy: event.data.passedBy,
        });
        break;
      case 'ServiceRequestCompleted':
        view.completed = {
          completedAt: event.data.occurredAt,
          outcome: event.data.outcome ?? null,
          completedBy: event.data.completedBy,
        };
        break;
      case 'FeedbackConvertedToComplaint':
        view.complaint = {
          id: event.data.complaintId,
          reference: event.data.reference,
          convertedAt: event.data.occurredAt,
        };
        break;
      default:
        break;
    }
    view.history.push({
      type: event.type,
      occurredAt: envelope.occurredAt,
      recordedAt: envelope.recordedAt,
      by: { id: envelope.metadata.actor.id, role: envelope.metadata.actor.role },
      description: describeEvent(event),
    });
  }
  return view;
}
