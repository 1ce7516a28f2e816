import type { LogLevel } from '../config/shared-settings';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Nest's start-up chatter (one line per module and route): useful when debugging, noise otherwise. */
const NEST_STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

export type LogFields = Record<string, unknown>;

/**
 * Structured logs: one JSON object per line on stdout, so any collector can parse them. Also
 * Nest's logger in the API (its start-up and route messages arrive through the LoggerService
 * methods, which this class has without importing Nest, so the worker does not need it).
 * `write` is injectable so tests can read what was logged.
 */
export class JsonLogger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  info(msg: string, fields: LogFields = {}): void {
    this.emit('info', msg, fields);
  }
  warning(msg: string, fields: LogFields = {}): void {
    this.emit('warn', msg, fields);
  }
  failure(msg: string, fields: LogFields = {}): void {
    this.emit('error', msg, fields);
  }

  // Nest's LoggerService interface (structurally).
  log(message: unknown, context?: string): void {
    this.emit(
      context && NEST_STARTUP_CONTEXTS.has(context) ? 'debug' : 'info',
      String(message),
      context ? { context } : {},
    );
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.emit('error', String(message), {
      ...(context ? { context } : {}),
      ...(stackOrContext ? { detail: stackOrContext } : {}),
    });
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', String(message), context ? { context } : {});
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', String(message), context ? { context } : {});
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', String(message), context ? { context } : {});
  }

  private emit(level: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields): void {
    if (RANK[level] < RANK[this.level]) return;
    this.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  }
}
