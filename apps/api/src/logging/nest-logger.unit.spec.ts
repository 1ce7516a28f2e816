import { createLogger } from '@complaints/runtime';
import { describe, expect, it } from 'vitest';
import { NestLogger } from './nest-logger';

function nestLoggerAt(level: 'debug' | 'info'): { nest: NestLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { nest: new NestLogger(logger), lines };
}

describe("Nest's messages through pino", () => {
  it('writes them as JSON lines with their context, and its start-up chatter only at debug', () => {
    const { nest, lines } = nestLoggerAt('info');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('deprecated option', 'NestFactory');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines.map(({ time: _time, ...rest }) => rest)).toEqual([
      { level: 'info', context: 'NestApplication', msg: 'Nest application successfully started' },
      { level: 'warn', context: 'NestFactory', msg: 'deprecated option' },
      { level: 'error', context: 'ExceptionsHandler', detail: 'Error: boom\n    at x', msg: 'boom' },
    ]);
  });

  it('keeps the start-up chatter when LOG_LEVEL is debug', () => {
    const { nest, lines } = nestLoggerAt('debug');
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', context: 'RouterExplorer' })]);
  });
});
