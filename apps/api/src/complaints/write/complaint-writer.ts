import { Inject, Injectable } from '@nestjs/common';
import { commandSchemas, type ComplaintCommand } from '@complaints/contracts';
import { complaintDecider, isReceived, type ComplaintState } from '@complaints/domain';
import { ConcurrencyError, handleCommand, type Clock } from '@complaints/event-store';
import { CLOCK, INFRASTRUCTURE } from '../../app/tokens';
import { ProblemException } from '../../http/problem';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import type { WriteResult } from './commands';
import { PerComplaintQueue } from './per-complaint-queue';
import { translateWriteError } from './error-translation';
import type { WriteContext } from './write-context';
import type { WriteDefinition } from './write-definitions';

/**
 * After handleCommand's own retries have all lost the race: how long the client should wait
 * before its own retry. The stream was busy for a couple of seconds; a second is enough to let it settle.
 */
export const CONCURRENT_CHANGE_RETRY_AFTER_SECONDS = 1;

/**
 * Turns a validated request into a domain command (business time defaulted to now, server
 * fields added) and runs it through handleCommand: load, decide, append, retry on a race
 * (with jitter, bounded; never with If-Match, which asks for one revision exactly).
 */
@Injectable()
export class ComplaintWriter {
  private readonly queue = new PerComplaintQueue();

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  async write(
    complaintId: string,
    definition: WriteDefinition,
    fields: Readonly<Record<string, unknown>>,
    context: WriteContext,
    now: string = this.now(),
    /** newStream: the id is one no stream can have (handleCommand decides without reading). */
    options: { newStream?: boolean } = {},
  ): Promise<WriteResult> {
    const data = { ...fields, [definition.at]: fields[definition.at] ?? now };
    // The request schema already accepted these fields; parsing with the command's own schema
    // gives the typed payload the decider expects (defaults applied), and would catch any drift.
    const payload = commandSchemas[definition.command].parse(data);
    const command = {
      type: definition.command,
      data: payload,
      complaintId,
      now,
      actor: context.actor,
    } as ComplaintCommand;

    const handled = this.queue.run(complaintId, () =>
      handleCommand({ events: this.infrastructure.complaints, decider: complaintDecider }, complaintId, command, {
        ...(context.ifMatch !== undefined ? { ifMatch: context.ifMatch } : {}),
        ...(options.newStream ? { newStream: true } : {}),
        actor: context.actor,
        correlationId: context.correlationId,
        dataSubjectId: dataSubjectOf,
      }),
    );
    const result = await handled.catch((error: unknown) => {
      const problem = error instanceof ConcurrencyError ? translateWriteError(error) : undefined;
      if (!problem) throw error;
      // The final 409 says when to come back: a client (or proxy) that honours Retry-After spreads its retry out.
      throw new ProblemException(problem, { 'Retry-After': String(CONCURRENT_CHANGE_RETRY_AFTER_SECONDS) });
    });
    const reference = isReceived(result.state) ? result.state.reference : '';
    return {
      id: complaintId,
      reference,
      revision: result.revision,
      position: result.lastPosition === null ? null : result.lastPosition.toString(),
      events: result.newEvents.map((e) => e.type),
    };
  }
}

/** Whose key encrypts new personal data: the complaint's subject, or the one a new complaint names. */
function dataSubjectOf(state: ComplaintState, events: readonly { type: string; data: unknown }[]): string | undefined {
  if (isReceived(state)) return state.dataSubjectId;
  const received = events.find((e) => e.type === 'ComplaintReceived');
  const subject = (received?.data as { dataSubjectId?: unknown } | undefined)?.dataSubjectId;
  return typeof subject === 'string' ? subject : undefined;
}
