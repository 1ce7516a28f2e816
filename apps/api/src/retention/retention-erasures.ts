import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PathId } from '@complaints/contracts';
import { ProblemException, type Problem } from '../http/problem';
import { RecordComplaintStepCommand, type WriteResult } from '../complaints/write/commands';
import { translateWriteError } from '../complaints/write/error-translation';
import type { WriteContext } from '../complaints/write/write-context';
import { writes } from '../complaints/write/write-definitions';

/** What became of one complaint of an approval. */
export type ErasureOutcome =
  | { id: string; outcome: 'erased'; reference: string; revision: number; position: string | null }
  /** The domain refused it (no longer due, held, already erased…): nothing was recorded for it. */
  | { id: string; outcome: 'refused'; rule: string; detail: string }
  | { id: string; outcome: 'not_found' }
  /** The complaint kept changing while this was decided (409 without a rule): nothing recorded; approve it again. */
  | { id: string; outcome: 'not_recorded'; detail: string };

/**
 * An administrator's approval of a list of erasures. Each complaint is its own write (its own
 * stream, its own key): the domain decides again, from the complaint's own history, whether it
 * is still due and held by nothing — the listing it was chosen from may be minutes old — so one
 * that is not is refused and the others still go ahead. One at a time, in the order given: an
 * erasure destroys a key, and a long batch must not crowd out the complaints team's writes.
 */
@Injectable()
export class RetentionErasures {
  constructor(private readonly commands: CommandBus) {}

  async approve(
    complaintIds: readonly string[],
    approvedAt: string | undefined,
    context: WriteContext,
  ): Promise<ErasureOutcome[]> {
    const outcomes: ErasureOutcome[] = [];
    for (const id of complaintIds) outcomes.push(await this.approveOne(id, approvedAt, context));
    return outcomes;
  }

  private async approveOne(id: string, approvedAt: string | undefined, context: WriteContext): Promise<ErasureOutcome> {
    if (!PathId.safeParse(id).success) return { id, outcome: 'not_found' };
    try {
      const result = await this.commands.execute<RecordComplaintStepCommand, WriteResult>(
        new RecordComplaintStepCommand(
          id,
          writes.approveRetentionErasure,
          approvedAt === undefined ? {} : { approvedAt },
          {},
          { ...context, ifMatch: undefined },
        ),
      );
      return {
        id,
        outcome: 'erased',
        reference: result.reference,
        revision: result.revision,
        position: result.position,
      };
    } catch (error) {
      const problem: Problem | undefined =
        error instanceof ProblemException ? error.problem : translateWriteError(error);
      if (problem?.status === 404) return { id, outcome: 'not_found' };
      if (problem?.status === 409 && typeof problem['rule'] === 'string')
        return { id, outcome: 'refused', rule: problem['rule'], detail: problem.detail };
      if (problem?.status === 409) return { id, outcome: 'not_recorded', detail: problem.detail };
      // Anything else (the store unavailable…) fails the request: those erased before it stay
      // erased, and approving the same list again answers them refused, personal-data-already-erased.
      throw error;
    }
  }
}
