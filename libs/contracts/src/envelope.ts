import { z } from 'zod';
import { Actor, Instant } from './primitives';

/**
 * Metadata every stored event carries (domain page: actor, correlation and causation ids,
 * schema version). `occurredAt` is business time (from the command); the store adds
 * `recordedAt`. `dataSubjectId` names whose key encrypts the event's personal fields.
 */
export const EventMetadata = z.strictObject({
  actor: Actor,
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200).optional(),
  occurredAt: Instant,
  dataSubjectId: z.string().min(1).max(200).optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;
