import { z } from 'zod';
import {
  bankHolidaysFrom,
  ConfigError,
  isSingleProcessStore,
  keysDirProblems,
  portNumber,
  sharedSettingsOf,
  sharedSettingsShape,
  type SharedSettings,
} from './shared-settings';

import { documentsConfigOf, type DocumentsConfig } from '../documents/documents-config';

export const DEFAULT_WORKER_PORT = 3001;

export interface WorkerConfig extends SharedSettings {
  /** WORKER_PORT: /health, /ready and /metrics. */
  port: number;
  /** DOCUMENTS_*: the same document store as the API's, so the worker's erasure projection deletes the bytes. */
  documents: DocumentsConfig;
}

const WorkerEnv = z.object({ ...sharedSettingsShape, WORKER_PORT: portNumber('WORKER_PORT', DEFAULT_WORKER_PORT) });

/** The variables the worker's schema reads (the README's configuration table describes each). */
export const WORKER_ENV_VARIABLES: readonly string[] = Object.keys(WorkerEnv.shape);

/**
 * The worker's configuration: the API's store, Kafka and calendar settings under the same
 * names, plus WORKER_PORT. The worker shares its database with the API, so the embedded store
 * (PGlite: one process at a time) is refused with a message saying what to do instead.
 */
export function loadWorkerConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): WorkerConfig {
  const parsed = WorkerEnv.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const bankHolidays = bankHolidaysFrom(env['ORG_BANK_HOLIDAYS_FILE']?.trim(), cwd, problems);
  keysDirProblems(env, cwd, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const shared = sharedSettingsOf(parsed.data, bankHolidays, cwd);
  if (isSingleProcessStore(shared.store)) {
    throw new ConfigError([
      'the worker needs DATABASE_URL (PostgreSQL): the embedded store (PGlite) can be opened by one process only, so there the API runs the projections and the relay itself (BACKGROUND_WORK=in-process)',
    ]);
  }
  return { ...shared, port: parsed.data.WORKER_PORT, documents: documentsConfigOf(env, shared.dataDir, cwd) };
}
