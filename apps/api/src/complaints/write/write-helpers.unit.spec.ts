import { describe, expect, it } from 'vitest';
import { ProblemException } from '../../http/problem';
import { complaintIdForKey, IdempotentRequests } from './idempotent-requests';
import { parseIfMatch } from './write-context';
import { requestSchemaOf, writes } from './write-definitions';

describe('parseIfMatch', () => {
  it('reads a quoted, bare or weak revision, and treats * and absence as "no condition"', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('refuses anything that is not one revision', () => {
    for (const header of ['"a"', '"1", "2"', '-1', '1.5']) expect(() => parseIfMatch(header)).toThrow(ProblemException);
  });
});

describe('idempotency helpers', () => {
  it('derives a stable, UUID-shaped complaint id from the caller and the key, different per key and per caller', () => {
    const id = complaintIdForKey({ caller: 'u-1', key: 'order-42' });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(complaintIdForKey({ caller: 'u-1', key: 'order-42' })).toBe(id);
    expect(complaintIdForKey({ caller: 'u-1', key: 'order-43' })).not.toBe(id);
    expect(complaintIdForKey({ caller: 'u-2', key: 'order-42' })).not.toBe(id);
    // No way to shift characters between caller and key and land on the same id.
    expect(complaintIdForKey({ caller: 'u-1/', key: 'x' })).not.toBe(complaintIdForKey({ caller: 'u-1', key: '/x' }));
  });

  it('fingerprints bodies by content, not by key order', () => {
    expect(IdempotentRequests.fingerprint('r', { a: 1, b: { c: 2, d: 3 } })).toBe(
      IdempotentRequests.fingerprint('r', { b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(IdempotentRequests.fingerprint('r', { a: 1 })).not.toBe(IdempotentRequests.fingerprint('r', { a: 2 }));
  });

  it('accepts visible ASCII keys up to 200 characters only', () => {
    expect(IdempotentRequests.validKey('f7c1e2d0-1111-4222-8333-944455556666')).toBe(
      'f7c1e2d0-1111-4222-8333-944455556666',
    );
    expect(() => IdempotentRequests.validKey('')).toThrow(ProblemException);
    expect(() => IdempotentRequests.validKey('has space')).toThrow(ProblemException);
    expect(() => IdempotentRequests.validKey('k'.repeat(201))).toThrow(ProblemException);
  });
});

describe('request schemas', () => {
  it('make the business time optional, and keep server and path fields out of bodies', () => {
    const receive = requestSchemaOf(writes.receive);
    expect(
      receive.safeParse({ channel: 'phone', complainant: { name: 'A' }, serviceArea: 'repairs', description: 'Leak' })
        .success,
    ).toBe(true);
    expect(
      receive.safeParse({
        channel: 'phone',
        complainant: { name: 'A' },
        serviceArea: 'repairs',
        description: 'Leak',
        reference: 'CMP-1',
      }).success,
    ).toBe(false);
    const complete = requestSchemaOf(writes.completeRemedyAction);
    expect(complete.safeParse({}).success).toBe(true);
    expect(complete.safeParse({ actionId: 'a-1' }).success).toBe(false);
  });
});
