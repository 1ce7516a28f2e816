import type { ComplaintEvent, Instant, LegalHoldCategory } from '@complaints/contracts';
import { latest } from '../instants';

/** An explicit legal hold in place (placed, not yet lifted). */
export interface LegalHoldRecord {
  readonly holdId: string;
  readonly category: LegalHoldCategory;
  readonly placedAt: Instant;
  /** Staff id. */
  readonly placedBy: string;
}

/** The Ombudsman case as far as retention cares: open until determined and every order complied with. */
export interface OmbudsmanCaseRecord {
  readonly reference: string;
  readonly determinedAt: Instant | null;
  readonly outstandingOrders: readonly string[];
  /** When it closed: the determination (no orders) or the last compliance; null while open. */
  readonly closedAt: Instant | null;
}

/**
 * What the retention schedule and legal holds need from a complaint, and nothing personal: the
 * decider keeps it on the state (`ReceivedComplaint.retention`) and the retention read model
 * folds the same events with the same function, so the listing and the rule can never disagree.
 */
export interface RetentionRecord {
  /** When the complaint was closed, withdrawn or refused; null while open (a stage 2 request after a closure reopens it). */
  readonly endedAt: Instant | null;
  readonly ombudsman: OmbudsmanCaseRecord | null;
  readonly holds: readonly LegalHoldRecord[];
  /** How many holds were ever placed: the next one is numbered after them. */
  readonly holdsPlaced: number;
  readonly erasedAt: Instant | null;
}

export const NEW_RETENTION_RECORD: RetentionRecord = {
  endedAt: null,
  ombudsman: null,
  holds: [],
  holdsPlaced: 0,
  erasedAt: null,
};

/** Apply one event. Total and pure, like `evolve`: events that do not concern retention pass by. */
export function evolveRetention(record: RetentionRecord, event: ComplaintEvent): RetentionRecord {
  switch (event.type) {
    case 'ComplaintClosed':
    case 'ComplaintWithdrawn':
    case 'ComplaintRefused':
      return { ...record, endedAt: event.data.occurredAt };
    case 'ComplaintEscalated':
      return { ...record, endedAt: null };
    case 'OmbudsmanReferralRecorded':
      return {
        ...record,
        ombudsman: {
          reference: event.data.ombudsmanReference,
          determinedAt: null,
          outstandingOrders: [],
          closedAt: null,
        },
      };
    case 'OmbudsmanDeterminationRecorded': {
      const orders = event.data.orders.map((order) => order.orderId);
      const reference = record.ombudsman?.reference ?? event.data.ombudsmanReference;
      const closedAt = orders.length === 0 ? event.data.occurredAt : null;
      return {
        ...record,
        ombudsman: { reference, determinedAt: event.data.occurredAt, outstandingOrders: orders, closedAt },
      };
    }
    case 'OmbudsmanOrderComplied': {
      const ombudsman = record.ombudsman;
      if (ombudsman?.determinedAt == null || !ombudsman.outstandingOrders.includes(event.data.orderId)) return record;
      const outstandingOrders = ombudsman.outstandingOrders.filter((id) => id !== event.data.orderId);
      // Compliance may be recorded out of date order: the case closed with the latest of them.
      const closedAt =
        outstandingOrders.length === 0
          ? latest(ombudsman.closedAt ?? event.data.occurredAt, event.data.occurredAt)
          : null;
      return { ...record, ombudsman: { ...ombudsman, outstandingOrders, closedAt } };
    }
    case 'LegalHoldPlaced': {
      const { holdId, category, placedBy, occurredAt } = event.data;
      return {
        ...record,
        holds: [...record.holds, { holdId, category, placedAt: occurredAt, placedBy }],
        holdsPlaced: record.holdsPlaced + 1,
      };
    }
    case 'LegalHoldLifted':
      return { ...record, holds: record.holds.filter((hold) => hold.holdId !== event.data.holdId) };
    case 'PersonalDataErased':
      return { ...record, erasedAt: event.data.occurredAt };
    default:
      return record;
  }
}
