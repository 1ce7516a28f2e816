import {
  ERASED,
  type AuthorityBasis,
  type CalendarDate,
  type ComplaintEvent,
  type ComplaintLinkRelation,
  type EventOfType,
  type Instant,
  type PanelRequester,
  type Stage,
} from '@complaints/contracts';
import { erased } from '../erased';

/** The meeting with the panel member(s). Names and notes are personal (ERASED after erasure). */
export interface PanelMeetingRecord {
  readonly recordedAt: Instant;
  readonly heldOn: CalendarDate;
  readonly panelMembers: readonly string[];
  readonly outcomeNotes: string | null;
}

export interface PanelDeclinedRecord {
  readonly declinedAt: Instant;
  /** Personal. */
  readonly reason: string;
}

/** The resident's request for a panel member at stage 2, and what came of it. */
export interface PanelRecord {
  readonly requestedAt: Instant;
  readonly requestedBy: PanelRequester;
  readonly meeting: PanelMeetingRecord | null;
  readonly declined: PanelDeclinedRecord | null;
}

/** Another complaint linked to this one (Code 6.8): see ComplaintLinkRelation for which way. */
export interface ComplaintLinkRecord {
  readonly relation: ComplaintLinkRelation;
  readonly complaintId: string;
  readonly reference: string;
  /** The stage of the earlier complaint during which the issue was raised. */
  readonly stage: Stage;
  readonly linkedAt: Instant;
}

/** One grant of authority, from its confirmation until it expires or is withdrawn. */
export interface AuthorityGrant {
  readonly basis: AuthorityBasis;
  readonly confirmedAt: Instant;
  /** The last London date it holds; null: until withdrawn. */
  readonly expiresOn: CalendarDate | null;
  /** Staff id; null for authority confirmed at receipt (the v1-v3 receipt's boolean named nobody). */
  readonly confirmedBy: string | null;
  readonly withdrawnAt: Instant | null;
}

export interface RepresentativeRecord {
  /** A representative was named at receipt. */
  readonly namedAtReceipt: boolean;
  readonly grants: readonly AuthorityGrant[];
}

/** Issue 15's casework on one complaint, folded by `evolveCasework` alongside `evolve`. */
export interface CaseworkRecord {
  readonly panel: PanelRecord | null;
  readonly links: readonly ComplaintLinkRecord[];
  readonly representative: RepresentativeRecord;
  /** The feedback item (a concern resolved at first contact, a service request) the complaint was raised from; null otherwise. */
  readonly raisedFromFeedback: { readonly feedbackId: string; readonly kind: string } | null;
}

/**
 * What the receipt says: a representative, and whether their authority was confirmed. The old
 * boolean counts as written consent confirmed at receipt (docs/domain.md, "Representative authority").
 */
export function caseworkOnReceipt({ data }: EventOfType<'ComplaintReceived'>): CaseworkRecord {
  const confirmed = data.representative?.authorityConfirmed === true;
  return {
    panel: null,
    links: [],
    raisedFromFeedback: null,
    representative: {
      namedAtReceipt: data.representative !== undefined,
      grants: confirmed
        ? [
            {
              basis: 'written_consent',
              confirmedAt: data.occurredAt,
              expiresOn: null,
              confirmedBy: null,
              withdrawnAt: null,
            },
          ]
        : [],
    },
  };
}

/** Apply one event (after receipt). Total and pure, like `evolve`: other events pass by. */
export function evolveCasework(record: CaseworkRecord, event: ComplaintEvent): CaseworkRecord {
  switch (event.type) {
    case 'PanelParticipationRequested':
      return {
        ...record,
        panel: {
          requestedAt: event.data.occurredAt,
          requestedBy: event.data.requestedBy,
          meeting: null,
          declined: null,
        },
      };
    case 'PanelMeetingHeld': {
      const { data } = event;
      const meeting = {
        recordedAt: data.occurredAt,
        heldOn: data.heldOn,
        panelMembers: data.panelMembers,
        outcomeNotes: data.outcomeNotes ?? null,
      };
      return record.panel ? { ...record, panel: { ...record.panel, meeting } } : record;
    }
    case 'PanelParticipationDeclined':
      return record.panel
        ? {
            ...record,
            panel: { ...record.panel, declined: { declinedAt: event.data.occurredAt, reason: event.data.reason } },
          }
        : record;
    case 'ComplaintRaisedFromFeedback':
      return { ...record, raisedFromFeedback: { feedbackId: event.data.feedbackId, kind: event.data.kind } };
    case 'ComplaintLinked': {
      const { data } = event;
      const link = {
        relation: data.relation,
        complaintId: data.linkedComplaintId,
        reference: data.linkedReference,
        stage: data.stage,
        linkedAt: data.occurredAt,
      };
      return { ...record, links: [...record.links, link] };
    }
    case 'RepresentativeAuthorityRecorded': {
      const { data } = event;
      const grant = {
        basis: data.basis,
        confirmedAt: data.occurredAt,
        expiresOn: data.expiresOn ?? null,
        confirmedBy: data.confirmedBy,
        withdrawnAt: null,
      };
      return {
        ...record,
        representative: { ...record.representative, grants: [...record.representative.grants, grant] },
      };
    }
    case 'RepresentativeAuthorityWithdrawn': {
      // A withdrawal ends every grant confirmed by then: the representative no longer acts for the resident.
      const at = new Date(event.data.occurredAt).getTime();
      const grants = record.representative.grants.map((g) =>
        g.withdrawnAt === null && new Date(g.confirmedAt).getTime() <= at
          ? { ...g, withdrawnAt: event.data.occurredAt }
          : g,
      );
      return { ...record, representative: { ...record.representative, grants } };
    }
    case 'PersonalDataErased':
      return erasePersonal(record);
    default:
      return record;
  }
}

/** The names and notes go with the data subject's key: the state must not keep what the store no longer can. */
function erasePersonal(record: CaseworkRecord): CaseworkRecord {
  const panel = record.panel;
  if (!panel) return record;
  return {
    ...record,
    panel: {
      ...panel,
      meeting: panel.meeting && {
        ...panel.meeting,
        panelMembers: panel.meeting.panelMembers.map(() => ERASED),
        outcomeNotes: erased(panel.meeting.outcomeNotes),
      },
      declined: panel.declined && { ...panel.declined, reason: ERASED },
    },
  };
}
