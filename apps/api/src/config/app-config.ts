import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  BankHolidayFeedError,
  DIVISIONS,
  GOV_UK_SNAPSHOT,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
  type BankHolidayFeed,
  type Division,
} from '@complaints/domain';

/** Where events live: chosen once at start from the environment (api.md, "Starting the server"). */
export type StoreConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'postgres'; url: string }
  /** EventStoreDB for events; read models (and keys, idempotency) in PostgreSQL, or embedded when no DATABASE_URL. */
  | { kind: 'eventstoredb'; url: string; readModels: { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string } };

export type AuthConfig =
  /** `secret` undefined: development mode, `npm start` generates one and keeps it in DATA_DIR. */
  | { mode: 'hs256'; secret: string | undefined; issuer: string | undefined; audience: string | undefined }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export const LOCAL_SLA_PROFILES = ['salix-homes-2021', 'none'] as const;
export type LocalSlaProfileId = (typeof LOCAL_SLA_PROFILES)[number];

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  /** Always known: the embedded store lives here, and so does the generated development secret. */
  dataDir: string;
  store: StoreConfig;
  auth: AuthConfig;
  kafkaBrokers: string[] | undefined;
  org: {
    division: Division;
    homes: { total?: number; lcra?: number; lcho?: number };
    closureDays: string[];
    /** The shipped GOV.UK snapshot, merged with a newer copy of the feed when ORG_BANK_HOLIDAYS_FILE names one. */
    bankHolidays: BankHolidayFeed;
    localSlaProfile: LocalSlaProfileId;
  };
  reports: {
    /** ATTENTION_INACTIVITY_WORKING_DAYS: an open complaint with no event for this many working days needs attention. */
    attentionInactivityWorkingDays: number;
  };
  resident: {
    /**
     * RESIDENT_ACCESS_SECRET: the key of the residents' access codes (an HMAC of the complaint id).
     * Unset: one is generated once and kept in the API's own tables, so every instance agrees.
     */
    accessSecret: string | undefined;
  };
  logLevel: LogLevel;
}

/** Thrown for an invalid environment. The message is ONE line saying what to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

// An empty variable (`DATABASE_URL=` in a .env file) means unset, as in most twelve-factor tools.
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
const count = (name: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number of homes (e.g. 12500)`)
      .transform(Number)
      .optional(),
  );
const urlWithScheme = (name: string, schemes: readonly string[]) =>
  optionalText.refine(
    (v) => v === undefined || schemes.some((s) => v.startsWith(`${s}://`)),
    `${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  );

const EnvSchema = z.object({
  PORT: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '3000' : v),
    z
      .string()
      .regex(/^\d+$/, 'PORT must be a port number between 1 and 65535')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 65535, 'PORT must be a port number between 1 and 65535'),
  ),
  DATA_DIR: optionalText,
  DATABASE_URL: urlWithScheme('DATABASE_URL', ['postgres', 'postgresql']),
  EVENTSTORE_URL: urlWithScheme('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kdb', 'kdb+discover']),
  KAFKA_BROKERS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((b) => /^[^\s:,]+:\d+$/.test(b.trim())),
    'KAFKA_BROKERS must be a comma-separated list of host:port',
  ),
  AUTH_JWT_SECRET: optionalText.refine(
    (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
    'AUTH_JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit key)',
  ),
  AUTH_JWKS_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
    'AUTH_JWKS_URL must be an http(s) URL',
  ),
  AUTH_ISSUER: optionalText,
  AUTH_AUDIENCE: optionalText,
  ORG_HOMES: count('ORG_HOMES'),
  ORG_HOMES_LCRA: count('ORG_HOMES_LCRA'),
  ORG_HOMES_LCHO: count('ORG_HOMES_LCHO'),
  ORG_DIVISION: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'england-and-wales' : v),
    z.enum(DIVISIONS, { error: `ORG_DIVISION must be one of ${DIVISIONS.join(', ')}` }),
  ),
  ORG_CLOSURE_DAYS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((d) => z.iso.date().safeParse(d.trim()).success),
    'ORG_CLOSURE_DAYS must be a comma-separated list of dates (YYYY-MM-DD)',
  ),
  ORG_BANK_HOLIDAYS_FILE: optionalText,
  LOCAL_SLA_PROFILE: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'salix-homes-2021' : v),
    z.enum(LOCAL_SLA_PROFILES, { error: `LOCAL_SLA_PROFILE must be one of ${LOCAL_SLA_PROFILES.join(', ')}` }),
  ),
  ATTENTION_INACTIVITY_WORKING_DAYS: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '20' : v),
    z
      .string()
      .regex(/^\d+$/, 'ATTENTION_INACTIVITY_WORKING_DAYS must be a whole number of working days between 1 and 250')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 250, 'ATTENTION_INACTIVITY_WORKING_DAYS must be a whole number of working days between 1 and 250'),
  ),
  RESIDENT_ACCESS_SECRET: optionalText.refine(
    (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
    'RESIDENT_ACCESS_SECRET must be at least 32 bytes',
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'info' : v),
    z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }),
  ),
});

/**
 * The application's configuration from environment variables (api.md's table, plus a few
 * optional extras documented in the README). Every problem is collected, so one start attempt
 * tells the operator everything to fix; the message names variables, never echoes secrets.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  // Combinations are checked on the raw values too, so one attempt reports every problem.
  const given = (name: string) => (env[name]?.trim() ?? '') !== '';
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  if (given('AUTH_JWKS_URL') && given('AUTH_JWT_SECRET')) {
    problems.push('set either AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (OIDC), not both');
  }
  if (given('AUTH_JWKS_URL') && (!given('AUTH_ISSUER') || !given('AUTH_AUDIENCE'))) {
    problems.push('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL');
  }
  const bankHolidays = bankHolidaysFrom(env['ORG_BANK_HOLIDAYS_FILE']?.trim(), cwd, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const jwks =
    e.AUTH_JWKS_URL && e.AUTH_ISSUER && e.AUTH_AUDIENCE
      ? { mode: 'jwks' as const, jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE }
      : undefined;

  const dataDir = resolve(cwd, e.DATA_DIR ?? '.data');
  const store: StoreConfig = e.EVENTSTORE_URL
    ? {
        kind: 'eventstoredb',
        url: e.EVENTSTORE_URL,
        readModels: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'embedded', dataDir },
      }
    : e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'embedded', dataDir };

  const auth: AuthConfig = jwks ?? { mode: 'hs256', secret: e.AUTH_JWT_SECRET, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE };

  return {
    port: e.PORT,
    dataDir,
    store,
    auth,
    kafkaBrokers: e.KAFKA_BROKERS?.split(',').map((b) => b.trim()),
    org: {
      division: e.ORG_DIVISION,
      homes: {
        // Without a total, the two tenures together are all the homes there are.
        ...(e.ORG_HOMES !== undefined
          ? { total: e.ORG_HOMES }
          : e.ORG_HOMES_LCRA !== undefined && e.ORG_HOMES_LCHO !== undefined
            ? { total: e.ORG_HOMES_LCRA + e.ORG_HOMES_LCHO }
            : {}),
        ...(e.ORG_HOMES_LCRA !== undefined ? { lcra: e.ORG_HOMES_LCRA } : {}),
        ...(e.ORG_HOMES_LCHO !== undefined ? { lcho: e.ORG_HOMES_LCHO } : {}),
      },
      closureDays: e.ORG_CLOSURE_DAYS?.split(',').map((d) => d.trim()) ?? [],
      bankHolidays,
      localSlaProfile: e.LOCAL_SLA_PROFILE,
    },
    reports: { attentionInactivityWorkingDays: e.ATTENTION_INACTIVITY_WORKING_DAYS },
    resident: { accessSecret: e.RESIDENT_ACCESS_SECRET },
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * New bank holidays get proclaimed (Scotland's 15 June 2026 came after the shipped snapshot):
 * an organisation refreshes its calendar by saving a newer copy of https://www.gov.uk/bank-holidays.json
 * and naming it in ORG_BANK_HOLIDAYS_FILE. It is merged over the shipped snapshot, never fetched
 * at run time.
 */
function bankHolidaysFrom(file: string | undefined, cwd: string, problems: string[]): BankHolidayFeed {
  if (!file) return GOV_UK_SNAPSHOT;
  try {
    const newer = parseBankHolidayFeed(JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as unknown);
    return mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, newer);
  } catch (error) {
    const reason =
      error instanceof BankHolidayFeedError ? error.issues.slice(0, 3).join('; ') : error instanceof Error ? error.message : String(error);
    problems.push(`ORG_BANK_HOLIDAYS_FILE must be a readable copy of the GOV.UK bank holidays feed (${reason})`);
    return GOV_UK_SNAPSHOT;
  }
}

/** Where the database URL's password would be, masked: for the start-up log line. */
export function describeStore(store: StoreConfig): string {
  const mask = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  switch (store.kind) {
    case 'embedded':
      return `embedded PostgreSQL (PGlite) in ${store.dataDir}`;
    case 'postgres':
      return `PostgreSQL at ${mask(store.url)}`;
    case 'eventstoredb':
      return `EventStoreDB at ${mask(store.url)}, read models in ${store.readModels.kind === 'postgres' ? `PostgreSQL at ${mask(store.readModels.url)}` : `embedded PostgreSQL in ${store.readModels.dataDir}`}`;
  }
}
