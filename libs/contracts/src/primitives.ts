import { z } from 'zod';

/** A moment in time, ISO-8601 with an explicit offset (`Z` or `+01:00`). */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** A calendar date in Europe/London, `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();
export type CalendarDate = z.infer<typeof CalendarDate>;

export const Text = (max = 4000) => z.string().trim().min(1).max(max);
export const ShortText = Text(200);

export const Stage = z.union([z.literal(1), z.literal(2)]);
export type Stage = z.infer<typeof Stage>;

export const Person = z.strictObject({ id: ShortText, name: ShortText });
export type Person = z.infer<typeof Person>;

/** Money is always whole pence: no floating point anywhere near compensation. */
export const Pence = z.number().int().nonnegative().max(100_000_000);

export const Roles = [
  'complaints_officer',
  'complaints_manager',
  'auditor',
  'scrutiny_panel',
  'integration',
  'admin',
] as const;
export const Role = z.enum(Roles);
export type Role = z.infer<typeof Role>;

export const Actor = z.strictObject({ id: ShortText, name: ShortText, role: z.union([Role, z.literal('system')]) });
export type Actor = z.infer<typeof Actor>;

export const Tenure = z.enum(['LCRA', 'LCHO']);
export type Tenure = z.infer<typeof Tenure>;

export const DecisionOutcome = z.enum(['upheld', 'partially_upheld', 'not_upheld']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const CompensationKind = z.enum(['loss', 'time_and_trouble', 'goodwill']);
export type CompensationKind = z.infer<typeof CompensationKind>;

export const RefusalGround = z.enum(['older_than_12_months', 'legal_proceedings', 'already_considered', 'other']);
export type RefusalGround = z.infer<typeof RefusalGround>;

export const ContactDirection = z.enum(['inbound', 'outbound']);

/** The TSM satisfaction scale (TP01-style five points). */
export const Satisfaction = z.enum([
  'very_satisfied',
  'fairly_satisfied',
  'neither',
  'fairly_dissatisfied',
  'very_dissatisfied',
]);
export type Satisfaction = z.infer<typeof Satisfaction>;

/** The Housing Ombudsman's determination findings, per element of a complaint. */
export const OmbudsmanFinding = z.enum([
  'no_maladministration',
  'service_failure',
  'maladministration',
  'severe_maladministration',
  'redress',
  'outside_jurisdiction',
]);
export type OmbudsmanFinding = z.infer<typeof OmbudsmanFinding>;
