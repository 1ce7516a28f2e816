import type { z } from 'zod';

/**
 * A path to a personal-data field inside an event's data: `complainant`, `remedies.actions[].description`.
 * `[]` means "every element of this array". The store encrypts exactly these values with the
 * data subject's key; panel views never show them.
 */
export type PersonalPath = string;

export interface EventDefinition<
  TType extends string = string,
  TVersion extends number = number,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly type: TType;
  readonly schemaVersion: TVersion;
  readonly schema: TSchema;
  readonly personal: readonly PersonalPath[];
  /**
   * Personal fields this version holds in clear because it was written before they were
   * classified as personal (a later version encrypts them). Never encrypted, never rewritten
   * (the stored bytes are hashed); they read as ERASED once the data subject's key is
   * destroyed, like the encrypted ones. Absent: none.
   */
  readonly personalInClear?: readonly PersonalPath[];
  /** One line for subscribers' docs (JSON Schema description, AsyncAPI). */
  readonly description: string;
}

export function defineEvent<TType extends string, TVersion extends number, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TVersion, TSchema>,
): EventDefinition<TType, TVersion, TSchema> {
  return Object.freeze({
    ...definition,
    personal: Object.freeze([...definition.personal]),
    ...(definition.personalInClear ? { personalInClear: Object.freeze([...definition.personalInClear]) } : {}),
  });
}
