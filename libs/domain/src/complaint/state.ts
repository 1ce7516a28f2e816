import type {
  CalendarDate,
  CompensationKind,
  ContactParty,
  ContactChannel,
  DecisionOutcome,
  ErasureBasis,
  Instant,
  LetterName,
  LetterRecipient,
  OmbudsmanFinding,
  Person,
  RefusalGround,
  ReviewRequestWindow,
  Satisfaction,
  Stage,
  Tenure,
} from '@complaints/contracts';
import type { CaseworkRecord } from './casework/casework-record';
import type { RetentionRecord } from './retention/retention-record';
import type { EnquiryRecord, RestrictionRecord } from './restrictions/restriction-record';
import type { CircumstancesRecord } from './circumstances/circumstances-record';
import type { KeepingInformedRecord } from './circumstances/keeping-informed';
import type { DocumentRecord } from './documents/document-record';

/**
 * The state of one complaint, folded from its events: what an officer sees on the case, what
 * GET /complaints/{id} returns, and what the rules of `decide` consult. Absent facts are `null`
 * (not missing keys) so the JSON shape is the same at every point of the lifecycle.
 *
 * Free-text fields that are personal data in the events (heads of complaint, reasons, remedy
 * descriptions, evidence, comments) are held here too; `PersonalDataErased` replaces them with
 * the ERASED marker, just as the store does for the events themselves.
 */
export type ComplaintStatus = 'not_received' | 'open' | 'closed' | 'withdrawn' | 'refused';

export interface NotReceivedComplaint {
  readonly status: 'not_received';
}

export interface StageExtension {
  readonly workingDays: number;
  readonly reason: string;
  readonly at: Instant;
  readonly residentInformed: boolean;
  readonly ombudsmanDetailsGiven: boolean;
  /** Why an extension beyond the Code's limit was needed (Code 6.4, 6.15); null within the limit. */
  readonly goodReason: string | null;
}

export interface StageDecision {
  readonly head: string;
  readonly outcome: DecisionOutcome;
  readonly reasons: string;
}

export interface CompensationOffer {
  readonly amountPence: number;
  readonly kind: CompensationKind;
}

export interface EscalationRequest {
  readonly requestedAt: Instant;
  readonly reason: string | null;
  /** The organisation's review-request window when the request was recorded (null: none configured). */
  readonly reviewRequestWindow: ReviewRequestWindow | null;
  /** The stage 1 closure this request reopened (Code 6.10-6.11), kept as it was; null if it was still open. */
  readonly reopenedClosure: ClosureRecord | null;
}

export interface EscalationRefusalRecord {
  readonly refusedAt: Instant;
  readonly requestedAt: Instant;
  readonly ground: RefusalGround;
  readonly explanation: string;
  readonly ombudsmanReferralRightGiven: boolean;
  readonly issueKnownSince: CalendarDate | null;
}

export interface StageRecord {
  readonly stage: Stage;
  /** When this stage's clock started: receipt for stage 1, the escalation request for stage 2. */
  readonly startedAt: Instant;
  /** Stage 2 only: the resident's request to escalate. */
  readonly escalation: EscalationRequest | null;
  readonly acknowledgedAt: Instant | null;
  readonly handler: Person | null;
  /** Everyone who has held this stage, in order: Code 6.13 is about people, not the latest one. */
  readonly handlers: readonly Person[];
  /**
   * The staff ids of everyone who acted on this stage: its handlers and whoever recorded its
   * acknowledgement, reassignments and response (known from v2 events; v1 name the handler only).
   */
  readonly participants: readonly string[];
  readonly method: string | null;
  readonly headsOfComplaint: readonly string[];
  readonly outcomesSought: readonly string[];
  /** Stage 1 of a complaint older than 12 months: why the landlord accepted it (discretion). */
  readonly discretionExercised: string | null;
  readonly extensions: readonly StageExtension[];
  readonly respondedAt: Instant | null;
  readonly decisions: readonly StageDecision[];
  readonly apology: boolean | null;
  readonly apologyNotGivenReason: string | null;
  readonly compensationOffered: readonly CompensationOffer[];
  /** The resident's satisfaction with this stage: one record per stage. */
  readonly satisfaction: SatisfactionRecord | null;
}

export interface RemedyActionRecord {
  readonly actionId: string;
  readonly stage: Stage;
  readonly description: string;
  readonly dueBy: CalendarDate;
  readonly completedAt: Instant | null;
  readonly evidence: string | null;
}

export interface CompensationPayment {
  readonly paidAt: Instant;
  readonly amountPence: number;
  readonly kind: CompensationKind | null;
  readonly method: string;
}

export interface CompensationRecord {
  /** Sum of every offer made in stage responses (stage 2 offers add to stage 1's). */
  readonly offeredPence: number;
  readonly paidPence: number;
  readonly payments: readonly CompensationPayment[];
}

export interface LessonRecord {
  readonly lessonId: string;
  readonly recordedAt: Instant;
  readonly lesson: string;
  readonly serviceArea: string | null;
  readonly rootCause: string | null;
  readonly improvementAction: string | null;
  /** The action's owner and due date: as recorded with the lesson, or as last planned (ImprovementActionPlanned). */
  readonly owner: string | null;
  readonly dueBy: CalendarDate | null;
  /** When the action was last planned (owner and due date given after the lesson); null when never. */
  readonly plannedAt: Instant | null;
  /** The improvement action made (ImprovementActionCompleted); null while it is not. */
  readonly completion: ImprovementActionCompletion | null;
}

export interface ImprovementActionCompletion {
  readonly completedAt: Instant;
  readonly whatChanged: string;
  readonly evidence: string;
  readonly documentId: string | null;
}

export interface ContactRecord {
  readonly at: Instant;
  readonly direction: 'inbound' | 'outbound';
  readonly channel: string;
  readonly reached: boolean;
  readonly summary: string | null;
  /** Who the contact was with (v1-v2 contacts: the resident). */
  readonly with: ContactParty;
}

export interface ClosureRecord {
  readonly closedAt: Instant;
  readonly outcome: string;
  readonly closedBy: Person;
  readonly lessonsRecorded: number;
  readonly lessonsNotApplicableReason: string | null;
}

export interface WithdrawalRecord {
  readonly withdrawnAt: Instant;
  readonly reason: string | null;
}

export interface RefusalRecord {
  readonly refusedAt: Instant;
  readonly ground: RefusalGround;
  readonly explanation: string;
  readonly ombudsmanReferralRightGiven: boolean;
  /** The date a refusal as more than 12 months old relied on, when it stated one. */
  readonly issueKnownSince: CalendarDate | null;
}

export interface SatisfactionRecord {
  readonly recordedAt: Instant;
  readonly withHandling: Satisfaction;
  readonly withOutcome: Satisfaction;
  readonly comment: string | null;
}

export interface OmbudsmanOrderRecord {
  readonly orderId: string;
  readonly description: string;
  readonly dueBy: CalendarDate;
  readonly compliedAt: Instant | null;
  readonly evidence: string | null;
}

export interface OmbudsmanDeterminationRecord {
  readonly determinedAt: Instant;
  readonly findings: readonly { readonly element: string; readonly finding: OmbudsmanFinding }[];
  readonly orders: readonly OmbudsmanOrderRecord[];
}

export interface OmbudsmanRecord {
  readonly reference: string;
  readonly referredAt: Instant;
  readonly determination: OmbudsmanDeterminationRecord | null;
}

export interface ErasureRecord {
  readonly erasedAt: Instant;
  /** Absent on erasures recorded as v1 events (unknown). */
  readonly basis: ErasureBasis | null;
  /** Personal: erased with the key the erasure destroys, so ERASED once recorded (or null: none given). */
  readonly reason: string | null;
}

/** A letter drafted from the record that was sent (docs/letters.md): outbound contact with the resident. */
export interface LetterSentRecord {
  readonly letter: LetterName;
  readonly sentAt: Instant;
  readonly channel: ContactChannel;
  readonly recipient: LetterRecipient;
  readonly sentBy: Person;
}

export interface ReceivedComplaint {
  readonly status: Exclude<ComplaintStatus, 'not_received'>;
  readonly complaintId: string;
  readonly reference: string;
  readonly dataSubjectId: string;
  readonly receivedAt: Instant;
  readonly channel: string;
  readonly serviceArea: string;
  readonly category: string | null;
  readonly tenure: Tenure | null;
  /** When the issue became known, as recorded at receipt: the 12-month exclusion counts from it. */
  readonly issueKnownSince: CalendarDate | null;
  readonly stage: Stage;
  /** The handler of the current stage; null between escalation and the stage 2 acknowledgement. */
  readonly handler: Person | null;
  readonly stage1: StageRecord;
  readonly stage2: StageRecord | null;
  readonly remedyActions: readonly RemedyActionRecord[];
  readonly compensation: CompensationRecord;
  readonly lessons: readonly LessonRecord[];
  readonly contacts: readonly ContactRecord[];
  readonly closure: ClosureRecord | null;
  readonly withdrawal: WithdrawalRecord | null;
  readonly refusal: RefusalRecord | null;
  /** Requests for stage 2 the landlord refused (Code 5.11), in order. */
  readonly escalationRefusals: readonly EscalationRefusalRecord[];
  /** When the complaint was closed, withdrawn or refused. */
  readonly endedAt: Instant | null;
  readonly ombudsman: OmbudsmanRecord | null;
  readonly personalDataErased: ErasureRecord | null;
  /** Legal holds and what the retention schedule counts from (docs/domain.md, "Retention and legal hold"). */
  readonly retention: RetentionRecord;
  /** Restrictions on contact, lifted ones too (docs/domain.md, "Restrictions"): restrictionsOf gives their status on a date. */
  readonly restrictions: readonly RestrictionRecord[];
  /** Enquiries from MPs, councillors and other representative bodies (docs/domain.md, "Enquiries"). */
  readonly enquiries: readonly EnquiryRecord[];
  /** Vulnerabilities and reasonable adjustments (docs/domain.md, "Circumstances"). */
  readonly circumstances: CircumstancesRecord;
  /** The agreed update interval and the last update that reached the resident. */
  readonly keepingInformed: KeepingInformedRecord;
  /** Stage 2 panel participation, linked complaints and the representative's authority (casework/casework-record.ts). */
  readonly casework: CaseworkRecord;
  /** Documents attached, in order (docs/documents.md). */
  readonly documents: readonly DocumentRecord[];
  /** Letters sent, in the order recorded: each is an outbound contact (sentAt). */
  readonly lettersSent: readonly LetterSentRecord[];
  /** The latest `occurredAt` of any event (events may be back-dated, so not simply the last). */
  readonly lastActivityAt: Instant;
}

export type ComplaintState = NotReceivedComplaint | ReceivedComplaint;

export function initialState(): ComplaintState {
  return { status: 'not_received' };
}

export function isReceived(state: ComplaintState): state is ReceivedComplaint {
  return state.status !== 'not_received';
}

export function hasEnded(complaint: ReceivedComplaint): boolean {
  return complaint.status !== 'open';
}

/** The record of the stage the complaint is in now. */
export function currentStage(complaint: ReceivedComplaint): StageRecord {
  return stageRecord(complaint, complaint.stage) ?? complaint.stage1;
}

export function stageRecord(complaint: ReceivedComplaint, stage: Stage): StageRecord | null {
  return stage === 1 ? complaint.stage1 : complaint.stage2;
}

/** The latest stage with a response, if any: what a satisfaction survey is about by default. */
export function latestAnsweredStage(complaint: ReceivedComplaint): StageRecord | null {
  if (complaint.stage2?.respondedAt) return complaint.stage2;
  return complaint.stage1.respondedAt ? complaint.stage1 : null;
}

/** The first stage response issued, if any: later steps (payments, satisfaction) follow it. */
export function firstResponseAt(complaint: ReceivedComplaint): Instant | null {
  return complaint.stage1.respondedAt ?? complaint.stage2?.respondedAt ?? null;
}

export function newStageRecord(stage: Stage, startedAt: Instant, escalation: EscalationRequest | null): StageRecord {
  return {
    stage,
    startedAt,
    escalation,
    acknowledgedAt: null,
    handler: null,
    handlers: [],
    participants: [],
    method: null,
    headsOfComplaint: [],
    outcomesSought: [],
    discretionExercised: null,
    extensions: [],
    respondedAt: null,
    decisions: [],
    apology: null,
    apologyNotGivenReason: null,
    compensationOffered: [],
    satisfaction: null,
  };
}
