import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { EMBEDDED_DURABILITIES, type EmbeddedDurability, type KekRotationPolicy } from '@complaints/adapter-postgres';
import { DEFAULT_EVENTS_TOPIC } from '@complaints/contracts';
import { METRICS_TOKEN_MIN_LENGTH } from '../metrics/metrics-access';
import { blankAsDefault, blankAsUnset, envEnum, optionalText, wholeNumber } from './env-values';
import {
  BankHolidayFeedError,
  DIVISIONS,
  GOV_UK_SNAPSHOT,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
  SALIX_HOMES_2021,
  type BankHolidayFeed,
  type Division,
  type PolicyProfile,
} from '@complaints/domain';

/**
 * The settings the API and the worker share (same names, same parsing, same messages): where
 * events and read models live, Kafka, the organisation's calendar and the log level. Each
 * process adds its own (PORT and auth for the API, WORKER_PORT for the worker).
 */

/** Where events live: chosen once at start from the environment (api.md, "Starting the server"). */
export type StoreConfig =
  | EmbeddedStoreConfig
  | { kind: 'postgres'; url: string }
  /** EventStoreDB for events; read models (and keys, idempotency) in PostgreSQL, or embedded when no DATABASE_URL. */
  | { kind: 'eventstoredb'; url: string; readModels: { kind: 'postgres'; url: string } | EmbeddedStoreConfig };

/** EMBEDDED_DURABILITY, when set; unset, the adapter's default (`fsync`: every commit on disk). */
export interface EmbeddedStoreConfig {
  kind: 'embedded';
  dataDir: string;
  durability?: EmbeddedDurability;
}

/**
 * KEK_ROTATION_AFTER_ERASURE: how soon after an erasure the key-encryption key is rotated (every
 * live subject key re-wrapped, the old KEK destroyed), which is when the erased subject's wrapped
 * key left in dead rows, WAL and backups becomes useless (docs/data-protection.md).
 * `immediate` rotates as part of the erasure; a delay batches the erasures of a busy PostgreSQL
 * deployment into one rotation per interval.
 */
export type KekRotationAfterErasure = KekRotationPolicy;

/** The longest delay accepted: an erased subject's wrapped key stays usable with the current KEK until then. */
export const MAX_KEK_ROTATION_DELAY_MS = 24 * 60 * 60 * 1000;

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `immediate`, or a whole number of seconds, minutes or hours (`30s`, `10m`, `1h`), up to 24h. */
export function parseKekRotationAfterErasure(text: string): KekRotationAfterErasure | undefined {
  if (text === 'immediate') return { mode: 'immediate' };
  const match = /^(\d{1,6})([smh])$/.exec(text);
  if (!match) return undefined;
  const delayMs = Number(match[1]) * (DURATION_UNITS_MS[match[2] as string] as number);
  if (delayMs < 1000 || delayMs > MAX_KEK_ROTATION_DELAY_MS) return undefined;
  return { mode: 'delayed', delayMs };
}

/** CHECKPOINT_INTERVAL bounds: how often a transparency checkpoint is issued when the log grew. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;
const CHECKPOINT_INTERVAL_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m`, `1h`: from 10 seconds to 1 hour ("every few minutes" by default). */
export function parseCheckpointInterval(text: string): number | undefined {
  const match = /^(\d{1,6})([smh])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * (CHECKPOINT_INTERVAL_UNITS_MS[match[2] as string] as number);
  return ms >= 10_000 && ms <= 3_600_000 ? ms : undefined;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The topic events are published to when KAFKA_TOPIC is not set (the one the AsyncAPI document names). */
export const DEFAULT_KAFKA_TOPIC = DEFAULT_EVENTS_TOPIC;

/** Thrown for an invalid environment. The message is ONE line saying what to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

export interface KafkaSettings {
  brokers: string[];
  topic: string;
  /** KAFKA_TOPIC_PARTITIONS + KAFKA_TOPIC_REPLICATION_FACTOR: the relay creates the topic so when it is missing. Unset: it must exist, or the broker auto-creates it. */
  createTopic?: { partitions: number; replicationFactor: number } | undefined;
}

/** The local policies the product knows, timed beside the Code; 'none' for the Code alone. */
export const LOCAL_SLA_PROFILES = ['salix-homes-2021', 'none'] as const;
export type LocalSlaProfileId = (typeof LOCAL_SLA_PROFILES)[number];

/** The local policy of an id: read models store its due dates, so the API and the worker must agree on it. */
export function localProfileOf(id: LocalSlaProfileId): PolicyProfile | null {
  return id === 'salix-homes-2021' ? SALIX_HOMES_2021 : null;
}

/** What the working-day calendar is built from. */
export interface CalendarSettings {
  division: Division;
  closureDays: string[];
  /** The shipped GOV.UK snapshot, merged with a newer copy of the feed when ORG_BANK_HOLIDAYS_FILE names one. */
  bankHolidays: BankHolidayFeed;
}

export const urlWithScheme = (name: string, schemes: readonly string[]) =>
  optionalText.refine(
    (v) => v === undefined || schemes.some((s) => v.startsWith(`${s}://`)),
    `${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  );

/** A port number with a default: PORT, WORKER_PORT. */
export const portNumber = (name: string, fallback: number) =>
  blankAsDefault(
    String(fallback),
    wholeNumber(`${name} must be a port number between 1 and 65535`, { min: 1, max: 65535 }),
  );

/** The zod fields of the shared variables, to spread into each process's own schema. */
export const sharedSettingsShape = {
  DATA_DIR: optionalText,
  KEYS_DIR: optionalText,
  KEK_ROTATION_AFTER_ERASURE: optionalText.refine(
    (v) => v === undefined || parseKekRotationAfterErasure(v) !== undefined,
    'KEK_ROTATION_AFTER_ERASURE must be immediate or a delay from 1s to 24h such as 30s, 10m or 1h',
  ),
  EMBEDDED_DURABILITY: blankAsUnset(envEnum('EMBEDDED_DURABILITY', EMBEDDED_DURABILITIES)),
  DATABASE_URL: urlWithScheme('DATABASE_URL', ['postgres', 'postgresql']),
  EVENTSTORE_URL: urlWithScheme('EVENTSTORE_URL', [
    'esdb',
    'esdb+discover',
    'kurrentdb',
    'kurrentdb+discover',
    'kdb',
    'kdb+discover',
  ]),
  KAFKA_BROKERS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((b) => /^[^\s:,]+:\d+$/.test(b.trim())),
    'KAFKA_BROKERS must be a comma-separated list of host:port',
  ),
  KAFKA_TOPIC: optionalText.refine(
    // Kafka's own rule for topic names.
    (v) => v === undefined || /^[A-Za-z0-9._-]{1,249}$/.test(v),
    'KAFKA_TOPIC must be 1 to 249 letters, digits, dots, underscores or hyphens',
  ),
  KAFKA_TOPIC_PARTITIONS: optionalText.refine(
    (v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 10000),
    'KAFKA_TOPIC_PARTITIONS must be a whole number from 1 to 10000',
  ),
  KAFKA_TOPIC_REPLICATION_FACTOR: optionalText.refine(
    (v) => v === undefined || (/^\d{1,2}$/.test(v) && Number(v) >= 1),
    'KAFKA_TOPIC_REPLICATION_FACTOR must be a whole number from 1 to 99',
  ),
  ORG_DIVISION: blankAsDefault('england-and-wales', envEnum('ORG_DIVISION', DIVISIONS)),
  ORG_CLOSURE_DAYS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((d) => z.iso.date().safeParse(d.trim()).success),
    'ORG_CLOSURE_DAYS must be a comma-separated list of dates (YYYY-MM-DD)',
  ),
  ORG_BANK_HOLIDAYS_FILE: optionalText,
  LOCAL_SLA_PROFILE: blankAsDefault('salix-homes-2021', envEnum('LOCAL_SLA_PROFILE', LOCAL_SLA_PROFILES)),
  METRICS_TOKEN: optionalText.refine(
    (v) => v === undefined || v.length >= METRICS_TOKEN_MIN_LENGTH,
    `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters (e.g. openssl rand -hex 32)`,
  ),
  CHECKPOINT_INTERVAL: optionalText.refine(
    (v) => v === undefined || parseCheckpointInterval(v) !== undefined,
    'CHECKPOINT_INTERVAL must be a duration from 10s to 1h such as 30s, 5m or 1h',
  ),
  LOG_LEVEL: blankAsDefault('info', envEnum('LOG_LEVEL', LOG_LEVELS)),
};

/** The shared variables once zod has parsed them. */
export type SharedSettingsInput = z.infer<z.ZodObject<typeof sharedSettingsShape>>;

/** The shared settings once parsed. */
export interface SharedSettings {
  dataDir: string;
  /**
   * KEYS_DIR: the key-encryption keys (kek/) and other keys that must never be in the event
   * database or DATA_DIR (a copy of the data files must not carry the keys that open them).
   */
  keysDir: string;
  kekRotationAfterErasure: KekRotationAfterErasure;
  store: StoreConfig;
  kafka: KafkaSettings | undefined;
  calendar: CalendarSettings;
  /** LOCAL_SLA_PROFILE: the local policy shown beside the Code (its due dates are in read models). */
  localSlaProfile: LocalSlaProfileId;
  logLevel: LogLevel;
  /** METRICS_TOKEN: the bearer token Prometheus sends to /metrics; unset, /metrics is off. */
  metricsToken: string | undefined;
  /** CHECKPOINT_INTERVAL: a transparency checkpoint is issued this often when the log grew (and on request). */
  checkpointIntervalMs: number;
}

/**
 * Topics are created by configuration, never assumed: with either setting the relay creates a
 * missing topic (partitions default 12 — the unit of parallelism for consumers, keyed by
 * complaint; replication default 3, to match acks from all in-sync replicas on a 3-broker cluster).
 */
function topicToCreate(e: SharedSettingsInput): KafkaSettings['createTopic'] {
  if (e.KAFKA_TOPIC_PARTITIONS === undefined && e.KAFKA_TOPIC_REPLICATION_FACTOR === undefined) return undefined;
  return {
    partitions: Number(e.KAFKA_TOPIC_PARTITIONS ?? 12),
    replicationFactor: Number(e.KAFKA_TOPIC_REPLICATION_FACTOR ?? 3),
  };
}

/**
 * The shared part of a parsed environment. `bankHolidays` comes from `bankHolidaysFrom`, read
 * before the parse result is checked so that one attempt reports every problem.
 */
export function sharedSettingsOf(e: SharedSettingsInput, bankHolidays: BankHolidayFeed, cwd: string): SharedSettings {
  const dataDir = resolve(cwd, e.DATA_DIR ?? '.data');
  const keysDir = keysDirOf(e.KEYS_DIR, dataDir, cwd);
  const embedded: EmbeddedStoreConfig = {
    kind: 'embedded',
    dataDir,
    ...(e.EMBEDDED_DURABILITY ? { durability: e.EMBEDDED_DURABILITY } : {}),
  };
  const store: StoreConfig = e.EVENTSTORE_URL
    ? {
        kind: 'eventstoredb',
        url: e.EVENTSTORE_URL,
        readModels: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : embedded,
      }
    : e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : embedded;
  const brokers = e.KAFKA_BROKERS?.split(',').map((b) => b.trim());
  return {
    dataDir,
    keysDir,
    // Immediate by default: one erasure, one rotation (cheap for the few subjects of a small store).
    kekRotationAfterErasure: parseKekRotationAfterErasure(e.KEK_ROTATION_AFTER_ERASURE ?? 'immediate') ?? {
      mode: 'immediate',
    },
    store,
    kafka: brokers
      ? { brokers, topic: e.KAFKA_TOPIC ?? DEFAULT_KAFKA_TOPIC, createTopic: topicToCreate(e) }
      : undefined,
    calendar: {
      division: e.ORG_DIVISION,
      closureDays: e.ORG_CLOSURE_DAYS?.split(',').map((d) => d.trim()) ?? [],
      bankHolidays,
    },
    localSlaProfile: e.LOCAL_SLA_PROFILE,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    checkpointIntervalMs: e.CHECKPOINT_INTERVAL
      ? (parseCheckpointInterval(e.CHECKPOINT_INTERVAL) ?? DEFAULT_CHECKPOINT_INTERVAL_MS)
      : DEFAULT_CHECKPOINT_INTERVAL_MS,
  };
}

/**
 * KEYS_DIR resolved against the working directory (default `.keys`). Refused inside DATA_DIR:
 * whoever copies the data files (a backup, a stopped volume) would then hold the keys too,
 * which is exactly what envelope encryption is there to prevent.
 */
export function keysDirOf(given: string | undefined, dataDir: string, cwd: string): string {
  const keysDir = resolve(cwd, given ?? '.keys');
  const problem = keysDirProblem(keysDir, dataDir);
  if (problem) throw new ConfigError([problem]);
  return keysDir;
}

function keysDirProblem(keysDir: string, dataDir: string): string | undefined {
  // Compared as written and as the file system resolves them: a symlink must not smuggle the keys into DATA_DIR.
  if (!isInside(keysDir, dataDir) && !isInside(realPathOf(keysDir), realPathOf(dataDir))) return undefined;
  return `KEYS_DIR (${keysDir}) must not be inside DATA_DIR (${dataDir}): a copy of the data files would carry the keys that decrypt them; choose a directory outside it (default .keys beside .data)`;
}

function isInside(path: string, dir: string): boolean {
  const fromDir = relative(dir, path);
  return fromDir === '' || (!fromDir.startsWith('..') && !isAbsolute(fromDir));
}

/** The real path of `path`: its nearest existing ancestor resolved through symlinks, the rest as written. */
function realPathOf(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    rest.unshift(basename(existing));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}

/** The KEYS_DIR problem of a raw environment, if any: collected with the others, so one attempt reports every problem. */
export function keysDirProblems(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  problems: string[],
): void {
  const given = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const problem = keysDirProblem(
    resolve(cwd, given('KEYS_DIR') ?? '.keys'),
    resolve(cwd, given('DATA_DIR') ?? '.data'),
  );
  if (problem) problems.push(problem);
}

/**
 * New bank holidays get proclaimed (Scotland's 15 June 2026 came after the shipped snapshot):
 * an organisation refreshes its calendar by saving a newer copy of https://www.gov.uk/bank-holidays.json
 * and naming it in ORG_BANK_HOLIDAYS_FILE. It is merged over the shipped snapshot, never fetched
 * at run time.
 */
export function bankHolidaysFrom(file: string | undefined, cwd: string, problems: string[]): BankHolidayFeed {
  if (!file) return GOV_UK_SNAPSHOT;
  try {
    const newer = parseBankHolidayFeed(JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as unknown);
    return mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, newer);
  } catch (error) {
    const reason =
      error instanceof BankHolidayFeedError
        ? error.issues.slice(0, 3).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    problems.push(`ORG_BANK_HOLIDAYS_FILE must be a readable copy of the GOV.UK bank holidays feed (${reason})`);
    return GOV_UK_SNAPSHOT;
  }
}

/** Whether the store can be shared by several processes: PGlite is single-process (a lock file in DATA_DIR). */
export function isSingleProcessStore(store: StoreConfig): boolean {
  return store.kind === 'embedded' || (store.kind === 'eventstoredb' && store.readModels.kind === 'embedded');
}

/** Where the database URL's password would be, masked: for the start-up log line. */
export function describeStore(store: StoreConfig): string {
  const mask = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  // Said on the start-up line, not only in a warning: a store that can lose acknowledged writes.
  const durability = (embedded: EmbeddedStoreConfig) =>
    embedded.durability === 'off'
      ? ' WITH DURABILITY OFF (EMBEDDED_DURABILITY=off: a power cut can lose acknowledged writes)'
      : '';
  switch (store.kind) {
    case 'embedded':
      return `embedded PostgreSQL (PGlite) in ${store.dataDir}${durability(store)}`;
    case 'postgres':
      return `PostgreSQL at ${mask(store.url)}`;
    case 'eventstoredb':
      return `EventStoreDB at ${mask(store.url)}, read models in ${store.readModels.kind === 'postgres' ? `PostgreSQL at ${mask(store.readModels.url)}` : `embedded PostgreSQL in ${store.readModels.dataDir}${durability(store.readModels)}`}`;
  }
}
