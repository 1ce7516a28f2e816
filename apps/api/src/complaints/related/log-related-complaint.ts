import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandSchemas, type ComplaintCommand } from '@complaints/contracts';
import { complaintDecider, isRuleViolation } from '@complaints/domain';
import { DomainRuleError } from '@complaints/event-store';
import { ComplaintQueries } from '../read/complaint-queries.service';
import { currentCaseState } from '../read/current-case-state';
import { ReceiveComplaintCommand, type WriteResult } from '../write/commands';
import { ComplaintWriter } from '../write/complaint-writer';
import type { WriteContext } from '../write/write-context';
import { writes } from '../write/write-definitions';

/** POST /complaints/{id}/related-complaints: a new complaint for an unrelated issue raised during complaint `originalId`. */
export class LogRelatedComplaintCommand {
  constructor(
    readonly originalId: string,
    /** The validated body: the new complaint, as POST /complaints takes it. */
    readonly body: Readonly<Record<string, unknown>>,
    readonly context: WriteContext,
    /** The new complaint's id: a page form derives it from its key, so a second press finds the first (default: a new one). */
    readonly newId: string = randomUUID(),
  ) {}
}

/** The two writes' answers: the new complaint's, and the original's link. */
export interface RelatedComplaintResult extends WriteResult {
  relatedTo: { id: string; reference: string; revision: number };
}

/**
 * Code 6.8 (docs/domain.md, "Related issues"): the new complaint is received with its link to
 * the original in the same write (ComplaintReceived then ComplaintLinked), then the original
 * records its link. Two streams cannot be written at once, so the original's link is decided
 * first, on its current state (the domain is pure: the same rules its write will apply), and
 * nothing is written if it would be refused; the receipt may still be refused on its own rules,
 * again before anything is written. Only a change to the original between the two (it ends in
 * that instant) could leave the new complaint's link without its pair: the original's write
 * then fails with its rule and the new complaint still names where it came from.
 */
@CommandHandler(LogRelatedComplaintCommand)
export class LogRelatedComplaintHandler implements ICommandHandler<LogRelatedComplaintCommand, RelatedComplaintResult> {
  constructor(
    private readonly writer: ComplaintWriter,
    private readonly commands: CommandBus,
    private readonly queries: ComplaintQueries,
  ) {}

  async execute({
    originalId,
    body,
    context: given,
    newId,
  }: LogRelatedComplaintCommand): Promise<RelatedComplaintResult> {
    // Two streams, two revisions: one If-Match cannot speak for both, so none applies here.
    const context = { ...given, ifMatch: undefined };
    const now = this.writer.now();
    const receivedAt = typeof body['receivedAt'] === 'string' ? body['receivedAt'] : now;
    const { complaint: original } = await currentCaseState(this.queries, originalId);

    const link = { linkedAt: receivedAt, newComplaintId: newId };
    // The reference is not known until the receipt; the rules of the link do not read it.
    const trial = {
      type: 'LinkNewComplaint',
      data: commandSchemas.LinkNewComplaint.parse({ ...link, newReference: 'pending' }),
      complaintId: originalId,
      now,
      actor: context.actor,
    } as ComplaintCommand;
    const refused = complaintDecider.decide(trial, original);
    if (isRuleViolation(refused)) throw new DomainRuleError(refused.rule, refused.message);

    const relatedTo = { complaintId: originalId, reference: original.reference, stage: original.stage };
    const created = await this.commands.execute<ReceiveComplaintCommand, WriteResult>(
      new ReceiveComplaintCommand(newId, { ...body, receivedAt }, context, relatedTo),
    );
    const linked = await this.writer.write(
      originalId,
      writes.linkNewComplaint,
      { ...link, newReference: created.reference },
      context,
      now,
    );
    return { ...created, relatedTo: { id: originalId, reference: linked.reference, revision: linked.revision } };
  }
}
