import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@complaints/runtime';

/** Nest's start-up chatter (one line per module and route): useful when debugging, noise otherwise. */
const NEST_STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's own messages (start-up, routes, its exception handler) written through the process's
 * pino logger, with Nest's context as a field. A thin adapter rather than nestjs-pino's module:
 * createApp hands Nest its logger before the dynamic AppModule exists, and the request line is
 * the correlation middleware's (its fields are the documented log format), not pino-http's.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    const level = context !== undefined && NEST_STARTUP_CONTEXTS.has(context) ? 'debug' : 'info';
    this.logger[level](fieldsOf(context), String(message));
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.logger.error({ ...fieldsOf(context), ...(stackOrContext ? { detail: stackOrContext } : {}) }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn(fieldsOf(context), String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug(fieldsOf(context), String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.debug(fieldsOf(context), String(message));
  }
  fatal(message: unknown, context?: string): void {
    this.logger.fatal(fieldsOf(context), String(message));
  }
}

function fieldsOf(context: string | undefined): Record<string, unknown> {
  return context ? { context } : {};
}
