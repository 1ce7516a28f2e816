import type {
  CalendarDate,
  CompensationKind,
  DecisionOutcome,
  Instant,
  LetterName,
  Person,
  RefusalGround,
  Stage,
} from '@complaints/contracts';

/**
 * What a letter is drafted from: the parts of the complaint's view (GET /complaints/{id}) a
 * letter reads, so the API hands over the view it already built and a test or the examples
 * script can write a case by hand. Nothing here is computed twice: due dates are the view's SLA.
 */
export interface LetterCase {
  reference: string;
  receivedOn: CalendarDate;
  complainant: LetterPerson | string | null;
  representative: { name: string; relationship?: string | undefined; authorityConfirmed: boolean } | string | null;
  stages: readonly LetterStage[];
  sla: { stages: readonly { stage: Stage; responseDue: CalendarDate }[] };
  remedyActions: readonly {
    actionId: string;
    stage: Stage;
    description: string;
    dueBy: CalendarDate;
    completedAt: Instant | null;
  }[];
  refusal: LetterRefusal | null;
  escalationRefusals: readonly (LetterRefusal & { requestedAt: Instant })[];
  /** Restrictions on contact, with where each stands today (only those that apply are written about). */
  restrictions?: readonly LetterRestriction[];
  /** The resident's request for a panel member at stage 2 and what came of it; null if none. */
  panelParticipation?: LetterPanelParticipation | null;
  /** The representative's authority current today (null: none); absent: only the receipt's `authorityConfirmed` is known. */
  representativeAuthority?: { readonly basis: string } | null;
}

export interface LetterRestriction {
  kind: string;
  terms: string | null;
  reviewDue: CalendarDate;
  status: string;
}

export type LetterPanelParticipation =
  { status: 'requested' } | { status: 'held'; heldOn: CalendarDate } | { status: 'declined'; reason: string };

export interface LetterPerson {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  preferredContact?: string | undefined;
}

export interface LetterStage {
  stage: Stage;
  startedAt: Instant;
  acknowledgedAt: Instant | null;
  handler: Person | null;
  headsOfComplaint: readonly string[];
  outcomesSought: readonly string[];
  extensions: readonly { workingDays: number; reason: string; at: Instant }[];
  respondedAt: Instant | null;
  decisions: readonly { head: string; outcome: DecisionOutcome; reasons: string }[];
  apology: boolean | null;
  apologyNotGivenReason: string | null;
  compensationOffered: readonly { amountPence: number; kind: CompensationKind }[];
}

export interface LetterRefusal {
  refusedAt: Instant;
  ground: RefusalGround;
  explanation: string;
}

/** The landlord as its letters name it: ORG_NAME, ORG_ADDRESS and ORG_CONTACT (docs/letters.md). */
export interface Landlord {
  name: string;
  addressLines: readonly string[];
  /** How to contact the complaints team ("0161 555 0100, complaints@example.org"); null: by letter to the address. */
  contact: string | null;
}

/** How a resident reads their letters (reasonable adjustments): large print, or plain text for a screen reader. */
export interface LetterPresentation {
  /** Large print: the PDF and the printable page at 16pt and above. */
  largePrint: boolean;
  /** Plain text first: a screen reader reads it best; the case page and a request without a preference get text/plain. */
  plainText: boolean;
}

export const STANDARD_PRESENTATION: LetterPresentation = { largePrint: false, plainText: false };

export interface LetterSetting {
  landlord: Landlord;
  /** The date the letter bears (today, London). */
  date: CalendarDate;
  /** ORG_REVIEW_REQUEST_WINDOW_DAYS: how long after the stage 1 response the resident may ask for stage 2, if the landlord sets one. */
  reviewRequestWindowDays: number | undefined;
}

export type { LetterName };
