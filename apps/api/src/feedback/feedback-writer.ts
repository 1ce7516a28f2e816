import { Inject, Injectable } from '@nestjs/common';
import {
  feedbackCommandSchemas,
  type ComplaintEvent,
  type FeedbackCommand,
  type FeedbackCommandType,
} from '@complaints/contracts';
import { feedbackDecider, fold, isFeedbackReceived, type FeedbackState } from '@complaints/domain';
import { ConcurrencyError, handleCommand, type Clock, type ComplaintEventStore } from '@complaints/event-store';
import { CLOCK, INFRASTRUCTURE } from '../app/tokens';
import { ProblemException, problems } from '../http/problem';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { CONCURRENT_CHANGE_RETRY_AFTER_SECONDS } from '../complaints/write/complaint-writer';
import { PerComplaintQueue } from '../complaints/write/per-complaint-queue';
import type { WriteContext } from '../complaints/write/write-context';

/** Which field of each feedback command is its business time (now when the client leaves it out). */
export const FEEDBACK_TIME_FIELDS: Record<FeedbackCommandType, string> = {
  ReceiveFeedback: 'receivedAt',
  ShareFeedback: 'sharedAt',
  PassFeedbackToManager: 'passedAt',
  CompleteServiceRequest: 'completedAt',
  RecordFeedbackConversion: 'convertedAt',
};

/** What a feedback write answers with: its id and revision (the ETag), and where the read side can wait for it. */
export interface FeedbackWriteResult {
  id: string;
  revision: number;
  position: string | null;
  events: string[];
}

/**
 * The write pipeline of feedback items: the same as a complaint's (handleCommand: load, decide,
 * append, retry a lost race; If-Match for one revision exactly), on the store's feedback streams
 * with the feedback decider. Writes to one item take turns within the process.
 */
@Injectable()
export class FeedbackWriter {
  private readonly queue = new PerComplaintQueue();
  readonly events: ComplaintEventStore;

  constructor(
    @Inject(INFRASTRUCTURE) infrastructure: Infrastructure,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.events = infrastructure.complaints.inCategory('feedback');
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** The item as its decider sees it now, and its stream. */
  async current(feedbackId: string): Promise<{
    state: FeedbackState;
    revision: number;
    envelopes: Awaited<ReturnType<ComplaintEventStore['load']>>['envelopes'];
  }> {
    const { envelopes, revision } = await this.events.load(feedbackId);
    return {
      state: fold(
        feedbackDecider,
        envelopes.map((e) => e.event),
      ),
      revision,
      envelopes,
    };
  }

  /** The command as the decider receives it, its time defaulted to now. */
  command<K extends FeedbackCommandType>(
    type: K,
    feedbackId: string,
    fields: Readonly<Record<string, unknown>>,
    context: WriteContext,
    now: string = this.now(),
  ): FeedbackCommand {
    const at = FEEDBACK_TIME_FIELDS[type];
    const data = feedbackCommandSchemas[type].parse({ ...fields, [at]: fields[at] ?? now });
    return { type, data, feedbackId, now, actor: context.actor } as FeedbackCommand;
  }

  async write<K extends FeedbackCommandType>(
    feedbackId: string,
    type: K,
    fields: Readonly<Record<string, unknown>>,
    context: WriteContext,
    now: string = this.now(),
  ): Promise<FeedbackWriteResult> {
    const command = this.command(type, feedbackId, fields, context, now);
    const handled = this.queue.run(feedbackId, () =>
      handleCommand({ events: this.events, decider: feedbackDecider }, feedbackId, command, {
        ...(context.ifMatch !== undefined ? { ifMatch: context.ifMatch } : {}),
        actor: context.actor,
        correlationId: context.correlationId,
        dataSubjectId: dataSubjectOf,
      }),
    );
    const result = await handled.catch((error: unknown) => {
      if (!(error instanceof ConcurrencyError)) throw error;
      throw new ProblemException(
        problems.concurrentChange(
          'Other changes to this feedback kept arriving while this one was decided; nothing was recorded. Retry.',
        ),
        { 'Retry-After': String(CONCURRENT_CHANGE_RETRY_AFTER_SECONDS) },
      );
    });
    return {
      id: feedbackId,
      revision: result.revision,
      position: result.lastPosition === null ? null : result.lastPosition.toString(),
      events: result.newEvents.map((e) => e.type),
    };
  }
}

/** Whose key encrypts new personal data: the item's own subject, or the one its receipt names. */
function dataSubjectOf(state: FeedbackState, events: readonly ComplaintEvent[]): string | undefined {
  if (isFeedbackReceived(state)) return state.dataSubjectId;
  const received = events.find((e) => e.type === 'FeedbackReceived');
  return received?.type === 'FeedbackReceived' ? received.data.dataSubjectId : undefined;
}
