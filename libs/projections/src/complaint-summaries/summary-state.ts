import type { ComplaintEvent, Instant, Person, Stage, Tenure } from '@complaints/contracts';
import { nextStageFacts, type StageFacts } from '@complaints/domain';

export type SummaryStatus = 'open' | 'closed' | 'withdrawn' | 'refused';

/**
 * What the summary row of one complaint remembers between events: kept as jsonb beside the row,
 * so applying an event never replays the stream. Only facts without personal data: the store
 * holds names, addresses and the resident's words encrypted, and a read model must not keep a
 * clear copy that erasing the key could not reach. (Handlers are staff, not data subjects.)
 */
export interface ComplaintSummaryState {
  complaintId: string;
  reference: string;
  status: SummaryStatus;
  stage: Stage;
  serviceArea: string;
  category: string | null;
  tenure: Tenure | null;
  /** Handler of the current stage; null between escalation and the stage 2 acknowledgement. */
  handler: Person | null;
  receivedAt: Instant;
  closedAt: Instant | null;
  withdrawnAt: Instant | null;
  refusedAt: Instant | null;
  /** The latest occurredAt of any event (events can be back-dated). */
  lastActivityAt: Instant;
  /** Revision of the last event applied. */
  revision: number;
  /** Per stage entered: started, acknowledged, extended, responded (London dates). */
  stageFacts: StageFacts[];
  /**
   * The ids of the vulnerabilities recorded and not ended (ids only: their categories and details
   * are special-category data, redacted before this fold). Absent on rows written before any.
   */
  activeVulnerabilityIds?: string[];
}

/**
 * One event applied to a complaint's summary: the same transitions as the complaint's own
 * `evolve` (status, stage, handler, last activity), reduced to the summary's fields. Events
 * before a ComplaintReceived are ignored, as `evolve` ignores them.
 */
export function evolveSummary(
  state: ComplaintSummaryState | null,
  event: ComplaintEvent,
  revision: number,
): ComplaintSummaryState | null {
  if (event.type === 'ComplaintReceived') {
    const { data } = event;
    return {
      complaintId: data.complaintId,
      reference: data.reference,
      status: 'open',
      stage: 1,
      serviceArea: data.serviceArea,
      category: data.category ?? null,
      tenure: data.tenure ?? null,
      handler: null,
      receivedAt: data.occurredAt,
      closedAt: null,
      withdrawnAt: null,
      refusedAt: null,
      lastActivityAt: data.occurredAt,
      revision,
      stageFacts: nextStageFacts([], event),
    };
  }
  if (state === null) return null;

  const next: ComplaintSummaryState = {
    ...transition(state, event),
    lastActivityAt: later(state.lastActivityAt, event.data.occurredAt),
    revision,
    stageFacts: nextStageFacts(state.stageFacts, event),
  };
  return next;
}

function transition(
  state: ComplaintSummaryState,
  event: Exclude<ComplaintEvent, { type: 'ComplaintReceived' }>,
): ComplaintSummaryState {
  switch (event.type) {
    case 'ComplaintAcknowledged':
    case 'ComplaintAssigned':
      // A handler named for the other stage does not handle the current one.
      return event.data.stage === state.stage ? { ...state, handler: event.data.handler } : state;
    case 'ComplaintEscalated':
      // Nobody handles stage 2 until its acknowledgement names the (different) reviewer. An
      // escalation after a stage 1 closure reopens the complaint (docs/domain.md): it is open,
      // and so can be overdue, again.
      return { ...state, stage: 2, handler: null, status: 'open', closedAt: null };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', closedAt: event.data.occurredAt };
    case 'ComplaintWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnAt: event.data.occurredAt };
    case 'ComplaintRefused':
      return { ...state, status: 'refused', refusedAt: event.data.occurredAt };
    case 'VulnerabilityRecorded':
      return {
        ...state,
        activeVulnerabilityIds: [...(state.activeVulnerabilityIds ?? []), event.data.vulnerabilityId],
      };
    case 'VulnerabilityEnded':
      return {
        ...state,
        activeVulnerabilityIds: (state.activeVulnerabilityIds ?? []).filter((id) => id !== event.data.vulnerabilityId),
      };
    default:
      return state;
  }
}

/** Instants carry offsets, so they are compared on the time line, not as strings. */
function later(a: Instant, b: Instant): Instant {
  return new Date(b).getTime() > new Date(a).getTime() ? b : a;
}
