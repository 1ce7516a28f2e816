import { isIP } from 'node:net';
import { z } from 'zod';
import type { BankHolidayFeed, Division } from '@complaints/domain';
import { MAX_RETENTION_YEARS } from '@complaints/contracts';
import {
  bankHolidaysFrom,
  blankAsDefault,
  blankAsUnset,
  ConfigError,
  envEnum,
  isSingleProcessStore,
  keysDirProblems,
  optionalText,
  portNumber,
  sharedSettingsOf,
  sharedSettingsShape,
  type KafkaSettings,
  type KekRotationAfterErasure,
  type LocalSlaProfileId,
  type LogLevel,
  type StoreConfig,
  documentsConfigOf,
  type DocumentsConfig,
  wholeNumber,
} from '@complaints/runtime';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  durationSeconds,
  MAX_MAX_TOKEN_LIFETIME_SECONDS,
  MIN_MAX_TOKEN_LIFETIME_SECONDS,
} from '../auth/token-lifetime';
import { DEFAULT_COMPLAINT_CATEGORIES, parseComplaintCategories } from './complaint-categories';
import { contrastWithWhite, DEFAULT_BRANDING, HEX_COLOUR } from '@complaints/pages';

/** How long a sign-in to the pages lasts when SESSION_MAX_AGE is unset: a working day. */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 8 * 3600;

// The settings shared with the worker live in @complaints/runtime; re-exported so API code keeps importing them from here.
export { ConfigError, describeStore, LOG_LEVELS, type LogLevel, type StoreConfig } from '@complaints/runtime';

/**
 * BACKGROUND_WORK: in-process (default) — this API keeps the read models up to date and runs the
 * Kafka relay; external — workers (apps/worker) do, and this API only reads the read models
 * (waiting on their checkpoints for read-your-writes). External needs a store several processes
 * can share (PostgreSQL).
 */
export const BACKGROUND_WORK_MODES = ['in-process', 'external'] as const;
export type BackgroundWorkMode = (typeof BACKGROUND_WORK_MODES)[number];

export type AuthConfig =
  /** `secret` undefined: development mode, `npm start` generates one and keeps it in DATA_DIR. */
  | { mode: 'hs256'; secret: string | undefined; issuer: string | undefined; audience: string | undefined }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export interface AppConfig {
  port: number;
  /** Always known: the embedded store lives here, and so does the generated development secret. */
  dataDir: string;
  /** KEYS_DIR: key-encryption keys and other keys kept out of the database and DATA_DIR. */
  keysDir: string;
  kekRotationAfterErasure: KekRotationAfterErasure;
  store: StoreConfig;
  auth: AuthConfig;
  tokens: {
    /** AUTH_MAX_TOKEN_LIFETIME: the longest a bearer token may live (exp − iat); tokens without exp are refused. */
    maxLifetimeSeconds: number;
  };
  kafkaBrokers: string[] | undefined;
  /** KAFKA_BROKERS and KAFKA_TOPIC: where the relay publishes (unset without KAFKA_BROKERS). */
  kafka: KafkaSettings | undefined;
  backgroundWork: BackgroundWorkMode;
  org: {
    division: Division;
    homes: { total?: number; lcra?: number; lcho?: number };
    closureDays: string[];
    /** The shipped GOV.UK snapshot, merged with a newer copy of the feed when ORG_BANK_HOLIDAYS_FILE names one. */
    bankHolidays: BankHolidayFeed;
    localSlaProfile: LocalSlaProfileId;
    /**
     * ORG_REVIEW_REQUEST_WINDOW_DAYS: the organisation's policy on how many calendar days after
     * the stage 1 response a resident may ask for stage 2. A later request is accepted and
     * flagged on its event (never refused by the window). Unset: no window (the default).
     */
    reviewRequestWindowDays: number | undefined;
    /**
     * ORG_COMPLAINT_CATEGORIES: the categories a complaint may be given (matched ignoring case
     * and separators; the configured spelling is recorded). Default: DEFAULT_COMPLAINT_CATEGORIES.
     */
    complaintCategories: readonly string[];
  };
  reports: {
    /** ATTENTION_INACTIVITY_WORKING_DAYS: an open complaint with no event for this many working days needs attention. */
    attentionInactivityWorkingDays: number;
  };
  /** DOCUMENTS_*: where attached documents' bytes live and the size limit (docs/documents.md). */
  documents: DocumentsConfig;
  retention: {
    /**
     * RETENTION_YEARS_AFTER_END: the retention schedule, years after a complaint ended (or its
     * Ombudsman case closed, if later) until its personal data is due for erasure (docs/domain.md,
     * "Retention and legal hold"). Default 6: a claim in contract or tort is time-barred after six
     * years (Limitation Act 1980), the period most landlords' schedules keep complaints for.
     */
    yearsAfterEnd: number;
  };
  resident: {
    /**
     * RESIDENT_ACCESS_SECRET: the key of the residents' access codes (an HMAC of the complaint id).
     * Unset: one is generated once and kept in the API's own tables, so every instance agrees.
     */
    accessSecret: string | undefined;
  };
  logLevel: LogLevel;
  /** METRICS_TOKEN: the bearer token of GET /metrics; unset, /metrics is off. */
  metricsToken: string | undefined;
  /** CHECKPOINT_INTERVAL: how often a transparency checkpoint is issued when the log grew. */
  checkpointIntervalMs: number;
  /**
   * TRUST_PROXY: which hops in front of the service may say who the client is (X-Forwarded-For):
   * false (default: nobody, the socket's address counts), a number of hops, or addresses/CIDRs
   * and Express's names (loopback, linklocal, uniquelocal). The client address is what the
   * resident lookup budget counts: behind a load balancer without it, every resident shares one.
   */
  trustProxy: false | number | string[];
  /** The pages people use in a browser (libs/pages): the landlord's identity, sessions and sign-in. */
  pages: PagesConfig;
  /** Letters drafted from the record (docs/letters.md). */
  letters: LettersConfig;
}

export interface LettersConfig {
  /** LETTER_TEMPLATES_DIR: the landlord's copy of libs/documents/letter-templates; unset, the shipped templates. Checked at start-up. */
  templatesDir: string | undefined;
  /** ORG_NAME, ORG_ADDRESS (lines separated by commas or new lines) and ORG_CONTACT: the letterhead and "how to contact us". */
  landlord: { name: string; addressLines: string[]; contact: string | null };
}

export interface PagesConfig {
  /** ORG_NAME and ORG_BRAND_COLOUR: the landlord's own name and colour on every page (never the crown). */
  branding: { landlordName: string; brandColour: string; serviceName: string };
  session: {
    /** SESSION_SECRET (at least 32 bytes); unset: generated once and kept in KEYS_DIR, so every instance agrees. */
    secret: string | undefined;
    /** SESSION_MAX_AGE: how long a sign-in lasts (default 8h, at most AUTH_MAX_TOKEN_LIFETIME's range). */
    maxAgeSeconds: number;
  };
  /**
   * PAGES_DEV_SIGN_IN: the development sign-in page (choose a role). Default: on only in
   * development mode (no AUTH_JWT_SECRET, no JWKS, no OIDC); it is refused together with OIDC.
   */
  devSignIn: boolean;
  /** OIDC_ISSUER, OIDC_CLIENT_ID (+ OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL, OIDC_ROLES_CLAIM, OIDC_SCOPE): sign-in with the landlord's identity provider. */
  oidc: OidcConfig | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the identity provider sends the browser back: this service's /sign-in/callback. */
  redirectUrl: string;
  /** The claim holding the user's roles (default `roles`); a user without a known role is refused. */
  rolesClaim: string;
  scope: string;
}

/** The retention schedule when RETENTION_YEARS_AFTER_END is unset. */
export const DEFAULT_RETENTION_YEARS = 6;

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function trustedHop(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const count = (name: string) => blankAsUnset(wholeNumber(`${name} must be a whole number of homes (e.g. 12500)`));
const EnvSchema = z.object({
  ...sharedSettingsShape,
  PORT: portNumber('PORT', 3000),
  BACKGROUND_WORK: blankAsDefault('in-process', envEnum('BACKGROUND_WORK', BACKGROUND_WORK_MODES)),
  AUTH_JWT_SECRET: optionalText.refine(
    (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
    'AUTH_JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit key)',
  ),
  AUTH_JWKS_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
    'AUTH_JWKS_URL must be an http(s) URL',
  ),
  AUTH_ISSUER: optionalText,
  AUTH_MAX_TOKEN_LIFETIME: optionalText
    .transform((v) => (v === undefined ? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS : durationSeconds(v)))
    .refine(
      (n) => n !== undefined && n >= MIN_MAX_TOKEN_LIFETIME_SECONDS && n <= MAX_MAX_TOKEN_LIFETIME_SECONDS,
      'AUTH_MAX_TOKEN_LIFETIME must be a duration from 1m to 30d, e.g. 8h, 90m or 3600 (seconds)',
    ),
  AUTH_AUDIENCE: optionalText,
  TRUST_PROXY: optionalText
    .transform((v): false | number | string[] | undefined => {
      if (v === undefined || v === 'false') return false;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      const entries = v.split(',').map((entry) => entry.trim());
      return entries.every(trustedHop) ? entries : undefined;
    })
    .refine(
      (v) => v !== undefined,
      'TRUST_PROXY must be false, a number of proxy hops (e.g. 1), or a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal (e.g. 10.0.0.0/8)',
    ),
  ORG_HOMES: count('ORG_HOMES'),
  ORG_HOMES_LCRA: count('ORG_HOMES_LCRA'),
  ORG_HOMES_LCHO: count('ORG_HOMES_LCHO'),
  ORG_REVIEW_REQUEST_WINDOW_DAYS: blankAsUnset(
    wholeNumber('ORG_REVIEW_REQUEST_WINDOW_DAYS must be a whole number of calendar days between 1 and 3660', {
      min: 1,
      max: 3660,
    }),
  ),
  ORG_COMPLAINT_CATEGORIES: blankAsUnset(
    z.string().transform((value, ctx) => {
      const parsed = parseComplaintCategories(value);
      if ('problem' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      }
      return parsed.categories;
    }),
  ),
  ATTENTION_INACTIVITY_WORKING_DAYS: blankAsDefault(
    '20',
    wholeNumber('ATTENTION_INACTIVITY_WORKING_DAYS must be a whole number of working days between 1 and 250', {
      min: 1,
      max: 250,
    }),
  ),
  RETENTION_YEARS_AFTER_END: blankAsDefault(
    String(DEFAULT_RETENTION_YEARS),
    wholeNumber(`RETENTION_YEARS_AFTER_END must be a whole number of years between 1 and ${MAX_RETENTION_YEARS}`, {
      min: 1,
      max: MAX_RETENTION_YEARS,
    }),
  ),
  ORG_NAME: optionalText.refine((v) => v === undefined || v.length <= 120, 'ORG_NAME must be at most 120 characters'),
  ORG_ADDRESS: optionalText.refine(
    (v) => v === undefined || v.length <= 400,
    'ORG_ADDRESS must be at most 400 characters',
  ),
  ORG_CONTACT: optionalText.refine(
    (v) => v === undefined || v.length <= 200,
    'ORG_CONTACT must be at most 200 characters',
  ),
  LETTER_TEMPLATES_DIR: optionalText,
  ORG_BRAND_COLOUR: optionalText.refine(
    (v) => v === undefined || (HEX_COLOUR.test(v) && contrastWithWhite(v) >= 4.5),
    'ORG_BRAND_COLOUR must be a colour as #rrggbb dark enough for white text on it (contrast 4.5:1 or more, WCAG 2.2 AA), e.g. #1d70b8',
  ),
  SESSION_SECRET: optionalText.refine(
    (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
    'SESSION_SECRET must be at least 32 bytes',
  ),
  SESSION_MAX_AGE: optionalText
    .transform((v) => (v === undefined ? DEFAULT_SESSION_MAX_AGE_SECONDS : durationSeconds(v)))
    .refine(
      (n) => n !== undefined && n >= MIN_MAX_TOKEN_LIFETIME_SECONDS && n <= MAX_MAX_TOKEN_LIFETIME_SECONDS,
      'SESSION_MAX_AGE must be a duration from 1m to 30d, e.g. 8h or 90m',
    ),
  PAGES_DEV_SIGN_IN: optionalText.refine(
    (v) => v === undefined || v === 'true' || v === 'false',
    'PAGES_DEV_SIGN_IN must be true or false',
  ),
  // https, or plain http only to an identity provider on this machine (openid-client refuses anything else).
  OIDC_ISSUER: optionalText.refine(
    (v) =>
      v === undefined ||
      /^https:\/\/\S+$/.test(v) ||
      /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/\S*)?$/.test(v),
    "OIDC_ISSUER must be an https URL (plain http only on localhost): the identity provider's issuer, whose /.well-known/openid-configuration is read",
  ),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_REDIRECT_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\/\S+\/sign-in\/callback$/.test(v),
    "OIDC_REDIRECT_URL must be this service's https URL ending in /sign-in/callback",
  ),
  OIDC_ROLES_CLAIM: optionalText,
  OIDC_SCOPE: optionalText,
  RESIDENT_ACCESS_SECRET: optionalText.refine(
    (v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32,
    'RESIDENT_ACCESS_SECRET must be at least 32 bytes',
  ),
});

/** The variables the API's schema reads; config-variables.ts describes each for the README. */
export const API_ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

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
  if (given('OIDC_ISSUER') !== given('OIDC_CLIENT_ID') || (given('OIDC_ISSUER') && !given('OIDC_REDIRECT_URL'))) {
    problems.push('OIDC sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL together');
  }
  if (given('OIDC_ISSUER') && env['PAGES_DEV_SIGN_IN']?.trim() === 'true') {
    problems.push('PAGES_DEV_SIGN_IN=true cannot be combined with OIDC sign-in: anyone could sign in as any role');
  }
  const bankHolidays = bankHolidaysFrom(env['ORG_BANK_HOLIDAYS_FILE']?.trim(), cwd, problems);
  keysDirProblems(env, cwd, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const jwks =
    e.AUTH_JWKS_URL && e.AUTH_ISSUER && e.AUTH_AUDIENCE
      ? { mode: 'jwks' as const, jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE }
      : undefined;

  const shared = sharedSettingsOf(e, bankHolidays, cwd);
  if (e.BACKGROUND_WORK === 'external' && isSingleProcessStore(shared.store)) {
    throw new ConfigError([
      'BACKGROUND_WORK=external needs DATABASE_URL (PostgreSQL): the embedded store (PGlite) can be opened by one process only, so no worker could share it; leave BACKGROUND_WORK unset (in-process) on the embedded store',
    ]);
  }

  const auth: AuthConfig = jwks ?? {
    mode: 'hs256',
    secret: e.AUTH_JWT_SECRET,
    issuer: e.AUTH_ISSUER,
    audience: e.AUTH_AUDIENCE,
  };

  // The landlord's name heads its pages and its letters alike.
  const landlordName = e.ORG_NAME ?? DEFAULT_BRANDING.landlordName;
  return {
    port: e.PORT,
    dataDir: shared.dataDir,
    keysDir: shared.keysDir,
    kekRotationAfterErasure: shared.kekRotationAfterErasure,
    store: shared.store,
    auth,
    tokens: { maxLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS },
    kafkaBrokers: shared.kafka?.brokers,
    kafka: shared.kafka,
    backgroundWork: e.BACKGROUND_WORK,
    org: {
      division: shared.calendar.division,
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
      closureDays: shared.calendar.closureDays,
      bankHolidays: shared.calendar.bankHolidays,
      localSlaProfile: shared.localSlaProfile,
      reviewRequestWindowDays: e.ORG_REVIEW_REQUEST_WINDOW_DAYS,
      complaintCategories: e.ORG_COMPLAINT_CATEGORIES ?? DEFAULT_COMPLAINT_CATEGORIES,
    },
    reports: { attentionInactivityWorkingDays: e.ATTENTION_INACTIVITY_WORKING_DAYS },
    retention: { yearsAfterEnd: e.RETENTION_YEARS_AFTER_END },
    documents: documentsConfigOf(env, shared.dataDir, cwd),
    resident: { accessSecret: e.RESIDENT_ACCESS_SECRET },
    logLevel: shared.logLevel,
    metricsToken: shared.metricsToken,
    checkpointIntervalMs: shared.checkpointIntervalMs,
    trustProxy: e.TRUST_PROXY ?? false,
    letters: {
      templatesDir: e.LETTER_TEMPLATES_DIR,
      landlord: {
        name: landlordName,
        addressLines: (e.ORG_ADDRESS ?? '')
          .split(/\r?\n|,/)
          .map((line) => line.trim())
          .filter(Boolean),
        contact: e.ORG_CONTACT ?? null,
      },
    },
    pages: {
      branding: {
        landlordName,
        brandColour: (e.ORG_BRAND_COLOUR ?? DEFAULT_BRANDING.brandColour).toLowerCase(),
        serviceName: DEFAULT_BRANDING.serviceName,
      },
      session: { secret: e.SESSION_SECRET, maxAgeSeconds: e.SESSION_MAX_AGE ?? DEFAULT_SESSION_MAX_AGE_SECONDS },
      // Development sign-in lets anyone pick a role: only where tokens are development tokens anyway, unless asked for.
      devSignIn:
        e.PAGES_DEV_SIGN_IN === undefined
          ? auth.mode === 'hs256' && auth.secret === undefined && !e.OIDC_ISSUER
          : e.PAGES_DEV_SIGN_IN === 'true',
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_REDIRECT_URL
          ? {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              redirectUrl: e.OIDC_REDIRECT_URL,
              rolesClaim: e.OIDC_ROLES_CLAIM ?? 'roles',
              scope: e.OIDC_SCOPE ?? 'openid profile email',
            }
          : undefined,
    },
  };
}
