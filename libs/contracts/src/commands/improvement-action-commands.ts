import { z } from 'zod';
import { InputDate, InputInstant, InputShortText, InputText } from '../primitives';

/**
 * Give a lesson's improvement action its owner and due date (again, to re-plan it), by lesson
 * id (from the URL: POST /complaints/{id}/lessons/{lessonId}/plan).
 */
export const PlanImprovementAction = z.strictObject({
  plannedAt: InputInstant,
  lessonId: InputShortText,
  owner: InputShortText,
  dueBy: InputDate,
});

/** Record that a lesson's improvement action was made (POST /complaints/{id}/lessons/{lessonId}/completion). */
export const CompleteImprovementAction = z.strictObject({
  completedAt: InputInstant,
  lessonId: InputShortText,
  whatChanged: InputText(4000),
  evidence: InputText(4000),
  /** The id of a document attached to this complaint that evidences the change. */
  documentId: InputShortText.optional(),
});

export const improvementActionCommandSchemas = { PlanImprovementAction, CompleteImprovementAction } as const;
