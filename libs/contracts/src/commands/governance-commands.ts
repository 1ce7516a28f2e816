import { z } from 'zod';
import { CodeProvisionNumber, SelfAssessmentCompliance } from '../events/governance-events';
import { Actor, Instant, InputInstant, InputText } from '../primitives';

/**
 * The records of a reporting year's governance (Code sections 8 and 9), kept in streams of the
 * 'governance' category (`self-assessment-<year>`). Who recorded a statement is the command's
 * actor (a complaints manager), never a body field.
 */
export const RecordSelfAssessmentStatement = z.strictObject({
  recordedAt: InputInstant.optional(),
  provision: CodeProvisionNumber,
  compliance: SelfAssessmentCompliance,
  statement: InputText(),
  commentary: InputText().optional(),
  actionsPlanned: InputText().optional(),
});
export type RecordSelfAssessmentStatementInput = z.output<typeof RecordSelfAssessmentStatement>;

/** The context of a governance command: the year's record, the server's clock and who asks. */
export const GovernanceCommandContext = z.strictObject({ year: z.number().int(), now: Instant, actor: Actor });
export type GovernanceCommandContext = z.infer<typeof GovernanceCommandContext>;

export type SelfAssessmentCommand = {
  type: 'RecordSelfAssessmentStatement';
  data: RecordSelfAssessmentStatementInput;
  /** When the year's annual report, and the self-assessment with it, was published (Code 8.2); null before. */
  publishedAt: string | null;
} & GovernanceCommandContext;
