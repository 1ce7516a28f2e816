import pino, { type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/shared-settings';
import { REDACTED } from '@complaints/projections';
import { LOG_REDACT_PATHS } from './log-redaction';

/** The one logger API of the API and the worker: pino's (`logger.info({ ...fields }, 'message')`). */
export type Logger = PinoLogger;

export interface CreateLoggerOptions {
  /** LOG_LEVEL. */
  level: LogLevel;
  /** Where the JSON lines go instead of stdout (a test reading what was logged). */
  destination?: DestinationStream;
}

/**
 * Structured logs: one JSON object per line on stdout (`time` ISO 8601, `level` by name, `msg`,
 * then the fields), so any collector can parse them, personal fields censored (log-redaction.ts).
 * Written synchronously, so a line logged just before process.exit is not lost. When a person
 * watches (stdout is a terminal, not NODE_ENV=production, and pino-pretty — a devDependency — is
 * installed), the same lines are pretty-printed instead; a production install never loads it.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const common: LoggerOptions = {
    level: options.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED },
  };
  if (options.destination) return pino(jsonLines(common), options.destination);
  if (prettyWanted()) {
    return pino({ ...common, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(jsonLines(common), pino.destination({ dest: 1, sync: true }));
}

function jsonLines(options: LoggerOptions): LoggerOptions {
  return { ...options, formatters: { level: (label) => ({ level: label }) } };
}

function prettyWanted(): boolean {
  if (!process.stdout.isTTY || process.env['NODE_ENV'] === 'production') return false;
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
