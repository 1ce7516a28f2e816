import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText, Text } from '../primitives';

/**
 * A lesson's improvement action given (or given again) its owner and the date it is due by
 * (docs/domain.md, "Improvement actions"). A lesson may be recorded with its action before anyone
 * owns it; this is how it gets an owner and a date later, or a new date, without changing the
 * lesson write. The owner is free text ("Head of Repairs", "Mrs Khan, Repairs"): personal, like
 * the lesson's own owner.
 */
export const ImprovementActionPlannedV1 = defineEvent({
  type: 'ImprovementActionPlanned',
  schemaVersion: 1,
  description: "A lesson's improvement action was given its owner and the date it is due by.",
  personal: ['owner'],
  schema: z.strictObject({
    occurredAt: Instant,
    lessonId: ShortText,
    owner: ShortText,
    dueBy: CalendarDate,
  }),
});
export type ImprovementActionPlanned = z.infer<typeof ImprovementActionPlannedV1.schema>;

/**
 * A lesson's improvement action was made: what changed and the evidence that it did, optionally a
 * document attached to the complaint as that evidence. Closing a complaint does not end an
 * organisational action, so this is recorded after closure too. What changed and the evidence
 * are typed by staff and may name people: personal (panels read them screened).
 */
export const ImprovementActionCompletedV1 = defineEvent({
  type: 'ImprovementActionCompleted',
  schemaVersion: 1,
  description: "A lesson's improvement action was made: what changed, and the evidence that it did.",
  personal: ['whatChanged', 'evidence'],
  schema: z.strictObject({
    occurredAt: Instant,
    lessonId: ShortText,
    whatChanged: Text(4000),
    evidence: Text(4000),
    /** A document attached to this complaint (DocumentAttached) that evidences the change. */
    documentId: ShortText.optional(),
  }),
});
export type ImprovementActionCompleted = z.infer<typeof ImprovementActionCompletedV1.schema>;
