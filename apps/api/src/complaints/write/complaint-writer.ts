import { Inject, Injectable } from '@nestjs/common';
import { commandSchemas, type ComplaintCommand } from '@complaints/contracts';
import { complaintDecider, isReceived, type ComplaintState } from '@complaints/domain';
import { handleCommand, type Clock } from '@complaints/event-store';
import { CLOCK, INFRASTRUCTURE } from '../../app/tokens';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import type { WriteResult } from './commands';
import type { WriteContext } from './write-context';
import type { WriteDefinition } from './write-definitions';

/**
 * Turns a validated request into a domain command (business time defaulted to now, server
 * fields added) and runs it through handleCommand: load, decide, append, retry on a race.
 */
@Injectable()
export class ComplaintWriter {
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
  ): Promise<WriteResult> {
    const data = { ...fields, [definition.at]: fields[definition.at] ?? now };
    // The request schema already accepted these fields; parsing with the command's own schema
    // gives the typed payload the decider expects (defaults applied), and would catch any drift.
    const payload = commandSchemas[definition.command].parse(data);
    const command = { type: definition.command, data: payload, complaintId, now, actor: context.actor } as ComplaintCommand;

    const result = await handleCommand({ events: this.infrastructure.complaints, decider: complaintDecider }, complaintId, command, {
      ...(context.ifMatch !== undefined ? { ifMatch: context.ifMatch } : {}),
      actor: context.actor,
      correlationId: context.correlationId,
      dataSubjectId: dataSubjectOf,
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
