import { z } from 'zod';

/**
 * How one environment variable is read, the same way for every variable of the API and the
 * worker: an empty variable (`DATABASE_URL=` in a .env file) means unset, as in most
 * twelve-factor tools, and an unset one takes its default.
 */

const isBlank = (v: unknown): boolean => typeof v === 'string' && v.trim() === '';

/** `schema` for a set variable; unset or blank, `undefined`. */
export const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (isBlank(v) ? undefined : v), schema.optional());

/** `schema` for a set variable; unset or blank, `fallback` (parsed by `schema` like a set value). */
export const blankAsDefault = <T extends z.ZodType>(fallback: string, schema: T) =>
  z.preprocess((v) => (v === undefined || isBlank(v) ? fallback : v), schema);

/** Trimmed text, or `undefined` when unset or blank. */
export const optionalText = blankAsUnset(z.string().trim());

/** One of `values`, named in the message when the variable is anything else. */
export const envEnum = <const V extends readonly [string, ...string[]]>(name: string, values: V) =>
  z.enum(values, { error: `${name} must be one of ${values.join(', ')}` });

/** Digits only, from `min` to `max` when given; `message` for anything else. */
export const wholeNumber = (message: string, range: { min: number; max: number } | undefined = undefined) =>
  z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => range === undefined || (n >= range.min && n <= range.max), message);
