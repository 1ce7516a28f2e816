import { z } from 'zod';
import { Instant, ShortText, Text } from '../primitives';
import { defineEvent } from '../define-event';

/**
 * How far the landlord says it meets one provision of the Complaint Handling Code in its
 * annual self-assessment (Code 8.1, the Code's Appendix A form): the form's "Comply: yes/no",
 * with the two answers a real assessment needs beside them — a provision met in part, and one
 * that does not apply to this landlord (5.4 and 5.5 for a landlord with no third-party handlers).
 */
export const SelfAssessmentCompliances = ['compliant', 'partly_compliant', 'not_compliant', 'not_applicable'] as const;
export const SelfAssessmentCompliance = z.enum(SelfAssessmentCompliances);
export type SelfAssessmentCompliance = z.infer<typeof SelfAssessmentCompliance>;

/** A Code provision's number: section, dot, paragraph ("6.2", "5.15"). */
export const CodeProvisionNumber = z.string().regex(/^[1-9]\.[1-9][0-9]?$/, 'must be a provision number such as 6.2');

export const SelfAssessmentStatementRecordedV1 = defineEvent({
  type: 'SelfAssessmentStatementRecorded',
  schemaVersion: 1,
  description:
    "A complaints manager recorded the landlord's statement against one provision of the Complaint Handling Code for a reporting year's self-assessment; a later statement for the same provision supersedes it.",
  // The landlord's statements about its own practice, published with the annual report (Code 8.2):
  // about the organisation, never about a resident. Panels read them screened (docs/complaint-handling-code.md).
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    /** The reporting year (from 1 April of this year). */
    year: z.number().int(),
    provision: CodeProvisionNumber,
    compliance: SelfAssessmentCompliance,
    /** How the landlord complies: the form's "Evidence" column. */
    statement: Text(4000),
    /** The form's "Commentary / explanation". */
    commentary: Text(4000).optional(),
    /** What the landlord will do to comply, and by when (required unless compliant or not applicable). */
    actionsPlanned: Text(4000).optional(),
    /** 1 for the provision's first statement of the year, then 2, 3…: each supersedes the one before. */
    version: z.number().int().min(1),
    /** Who recorded it, as the form names its author (the command's actor). */
    recordedBy: z.strictObject({ id: ShortText, name: ShortText }),
  }),
});
export type SelfAssessmentStatementRecorded = z.infer<typeof SelfAssessmentStatementRecordedV1.schema>;
