import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { REDACTED } from '@complaints/projections';
import { LOG_REDACT_PATHS } from './log-redaction';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  const lines: string[] = [];
  write(createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

describe('log redaction', () => {
  it('censors personal fields, event data, request bodies and credentials before the line is written', () => {
    const line = logged((logger) =>
      logger.error(
        {
          correlationId: 'c-1',
          complainant: { name: 'Jane Resident', email: 'jane@example.org' },
          complainantEmail: 'jane@example.org',
          event: {
            type: 'ComplaintReceived',
            data: { complainant: { name: 'Jane Resident' }, description: 'Black mould', serviceArea: 'repairs' },
          },
          findings: [{ element: 'the repair was late' }],
          req: {
            method: 'POST',
            headers: { authorization: 'Bearer secret-token', cookie: 'session=abc', accept: 'application/json' },
            body: { description: 'Black mould in the back bedroom' },
          },
        },
        'unhandled error',
      ),
    );
    const text = JSON.stringify(line);
    for (const secret of [
      'Jane Resident',
      'jane@example.org',
      'Black mould',
      'the repair was late',
      'secret-token',
      'session=abc',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({
      level: 'error',
      msg: 'unhandled error',
      correlationId: 'c-1',
      complainant: REDACTED,
      complainantEmail: REDACTED,
      event: {
        type: 'ComplaintReceived',
        data: { complainant: REDACTED, description: REDACTED, serviceArea: 'repairs' },
      },
      findings: REDACTED,
      req: {
        method: 'POST',
        headers: { authorization: REDACTED, cookie: REDACTED, accept: 'application/json' },
        body: REDACTED,
      },
    });
  });

  it("keeps the request line's operational fields that share a name with a personal one", () => {
    const line = logged((logger) =>
      logger.info({ method: 'GET', path: '/api/v1/complaints', status: 200, outcome: 'invalid' }, 'request'),
    );
    expect(line).toMatchObject({ method: 'GET', path: '/api/v1/complaints', status: 200, outcome: 'invalid' });
  });

  it('censors those names one level down, where they are what a resident or an officer wrote', () => {
    const line = logged((logger) =>
      logger.warn({ complaint: { reason: 'my son has autism', outcome: 'upheld: the carer was rude' } }, 'slip'),
    );
    expect(line).toMatchObject({ complaint: { reason: '[redacted]', outcome: '[redacted]' } });
  });

  it('covers every personal field named in the contracts, at the top of a line and inside event data', () => {
    expect(LOG_REDACT_PATHS).toEqual(
      expect.arrayContaining([
        'complainant',
        '*.complainant',
        'data.complainant',
        'data.decisions.*.head',
        'req.headers.authorization',
      ]),
    );
  });

  it('writes ISO times and level names, as the JSON lines always had', () => {
    const line = logged((logger) => logger.warn({ projection: 'ledger' }, 'projection batch failed; retrying'));
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'warn',
      msg: 'projection batch failed; retrying',
      projection: 'ledger',
    });
  });
});
