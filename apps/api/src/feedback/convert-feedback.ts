import { createHash } from 'node:crypto';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventOfType } from '@complaints/contracts';
import { feedbackDecider, feedbackRules, isConvertible, isFeedbackReceived, isRuleViolation } from '@complaints/domain';
import { DomainRuleError } from '@complaints/event-store';
import { Inject } from '@nestjs/common';
import { INFRASTRUCTURE } from '../app/tokens';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { ReceiveComplaintCommand, type WriteResult } from '../complaints/write/commands';
import type { WriteContext } from '../complaints/write/write-context';
import { requestSchemaOf, writes } from '../complaints/write/write-definitions';
import { FeedbackWriter } from './feedback-writer';

/** POST /api/v1/feedback/{id}/complaint: the feedback item becomes a formal complaint, linked both ways. */
export class ConvertFeedbackCommand {
  constructor(
    readonly feedbackId: string,
    /** The validated body: the complaint as POST /api/v1/complaints takes it, every field optional (the feedback fills the rest). */
    readonly body: Readonly<Record<string, unknown>>,
    readonly context: WriteContext,
  ) {}
}

export interface ConversionResult extends WriteResult {
  /** true: this request received the complaint; false: it had been received already (a retry finishing the link, or a repeat). */
  created: boolean;
  feedback: { id: string; revision: number };
}

/**
 * The complaint raised from a feedback item has an id derived from the item's: there is one such
 * complaint per item whatever happens, so a retry after a crash between the two writes finds
 * the complaint received and only records the link on the feedback.
 */
export function complaintIdForFeedback(feedbackId: string): string {
  const hex = createHash('sha256').update('complaints/feedback-conversion/v1/').update(feedbackId).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A concern resolved at first contact, or a service request, that the resident is still unhappy
 * about becomes a formal complaint (docs/feedback.md, "Turning feedback into a complaint").
 * Two streams cannot be written at once, so, as for related complaints: the feedback's link is
 * decided first on its current state (nothing is written if it would be refused); the complaint
 * is received through the normal receipt (its own rules; its stream records
 * ComplaintRaisedFromFeedback) under the id derived from the feedback's; then the feedback
 * records FeedbackConvertedToComplaint. A crash between the two leaves a complaint that already
 * names its feedback item; the retry finds it under the same id and finishes the link, so the
 * resident is never lost between the two and never gets a second complaint.
 */
@CommandHandler(ConvertFeedbackCommand)
export class ConvertFeedbackHandler implements ICommandHandler<ConvertFeedbackCommand, ConversionResult> {
  constructor(
    private readonly feedback: FeedbackWriter,
    private readonly commands: CommandBus,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  async execute({ feedbackId, body, context: given }: ConvertFeedbackCommand): Promise<ConversionResult> {
    // Two streams, two revisions: one If-Match cannot speak for both, so none applies here.
    const context = { ...given, ifMatch: undefined };
    const now = this.feedback.now();
    const { state, envelopes } = await this.feedback.current(feedbackId);
    if (!isFeedbackReceived(state))
      throw new ProblemException(problems.notFound(`There is no feedback ${feedbackId}.`));
    const complaintId = state.conversion?.complaintId ?? complaintIdForFeedback(feedbackId);
    const existing = await this.receivedComplaint(complaintId);
    // A retry after a crash between the two writes links the complaint as it was received, not as of the retry.
    const receivedAt =
      typeof body['receivedAt'] === 'string'
        ? body['receivedAt']
        : (state.conversion?.convertedAt ?? existing?.receivedAt ?? now);

    // The reference is not known until the receipt; the rules of the link do not read it.
    const trial = this.feedback.command(
      'RecordFeedbackConversion',
      feedbackId,
      { convertedAt: receivedAt, complaintId, reference: 'pending' },
      context,
      now,
    );
    const refused = feedbackDecider.decide(trial, state);
    if (isRuleViolation(refused)) throw new DomainRuleError(refused.rule, refused.message);
    // The trial has refused any other kind already; this narrows the kind for the receipt's link.
    if (!isConvertible(state.kind))
      throw new DomainRuleError(feedbackRules.convertOnlyConcerns.id, feedbackRules.convertOnlyConcerns.message);

    let created = false;
    let complaint: WriteResult;
    if (existing) {
      complaint = existing;
    } else {
      const receipt = envelopes.find((e) => e.type === 'FeedbackReceived')?.event as EventOfType<'FeedbackReceived'>;
      const fields = parseOr400(requestSchemaOf(writes.receive), withFeedback(fromFeedback(receipt), body, receivedAt));
      try {
        complaint = await this.commands.execute<ReceiveComplaintCommand, WriteResult>(
          new ReceiveComplaintCommand(complaintId, fields, context, undefined, { feedbackId, kind: state.kind }),
        );
        created = true;
      } catch (error) {
        // Another request converting the same item got in first: finish its link.
        const raced =
          error instanceof DomainRuleError && error.rule === 'complaint-already-received'
            ? await this.receivedComplaint(complaintId)
            : undefined;
        if (!raced) throw error;
        complaint = raced;
      }
    }

    const linked = await this.feedback.write(
      feedbackId,
      'RecordFeedbackConversion',
      { convertedAt: receivedAt, complaintId, reference: complaint.reference },
      context,
      now,
    );
    return { ...complaint, created, feedback: { id: feedbackId, revision: linked.revision } };
  }

  /** The complaint already received under this id, as a write result with when it was received, or undefined. */
  private async receivedComplaint(complaintId: string): Promise<(WriteResult & { receivedAt: string }) | undefined> {
    const { envelopes, revision } = await this.infrastructure.complaints.load(complaintId);
    const first = envelopes[0];
    if (first?.event.type !== 'ComplaintReceived') return undefined;
    return {
      id: complaintId,
      reference: first.event.data.reference,
      revision,
      position: envelopes.at(-1)?.globalPosition.toString() ?? null,
      events: [],
      receivedAt: first.event.data.occurredAt,
    };
  }
}

/** What the complaint can take from the feedback: how and about what it came in, its words, and who gave it. */
function fromFeedback(receipt: EventOfType<'FeedbackReceived'> | undefined): Record<string, unknown> {
  if (!receipt) return {};
  const d = receipt.data;
  return {
    channel: d.channel,
    serviceArea: d.serviceArea,
    description: d.summary,
    ...(d.from ? { complainant: { name: d.from.name, ...contactOf(d.from.contact) } } : {}),
    ...(d.tenure ? { tenure: d.tenure } : {}),
  };
}

/**
 * How to reach the resident, as the feedback recorded it: an email address or a phone number
 * where it reads as one, otherwise their words as the preferred contact. Never lost on the way.
 */
function contactOf(contact: string | undefined): Record<string, string> {
  const text = contact?.trim();
  if (!text) return {};
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 320) return { email: text };
  if (/^\+?[\d\s().-]{3,40}$/.test(text) && /\d{3}/.test(text.replace(/\D/g, ''))) return { phone: text };
  return { preferredContact: text.slice(0, 200) };
}

/** The body over what the feedback gives, the complainant merged field by field (an email added keeps the name taken from the feedback). */
function withFeedback(
  taken: Record<string, unknown>,
  body: Record<string, unknown>,
  receivedAt: string,
): Record<string, unknown> {
  const fromItem = taken['complainant'];
  const given = body['complainant'];
  const complainant =
    isObject(fromItem) && isObject(given)
      ? { complainant: { ...fromItem, ...given } }
      : given !== undefined
        ? { complainant: given }
        : fromItem !== undefined
          ? { complainant: fromItem }
          : {};
  return { ...taken, ...body, ...complainant, receivedAt };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
