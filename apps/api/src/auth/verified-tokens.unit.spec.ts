import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens';

const ann = { id: 'u-1', name: 'Ann Officer', roles: ['complaints_officer' as const] };

describe('VerifiedTokens', () => {
  it("answers a remembered token's principal until the token's expiry, never after", () => {
    let now = 1_000_000;
    const verified = new VerifiedTokens(() => now, 10, 60_000);
    verified.remember('token-a', { principal: ann, acceptUntilMs: now + 5_000 });

    expect(verified.get('token-a')).toEqual(ann);
    now += 5_001;
    expect(verified.get('token-a')).toBeUndefined();
    now -= 5_001; // forgotten, not merely hidden
    expect(verified.get('token-a')).toBeUndefined();
  });

  it('trusts a verification for at most its time to live, however far away the expiry', () => {
    let now = 0;
    const verified = new VerifiedTokens(() => now, 10, 60_000);
    verified.remember('token-a', { principal: ann, acceptUntilMs: 3_600_000 });
    now = 60_000;
    expect(verified.get('token-a')).toEqual(ann);
    now = 60_001;
    expect(verified.get('token-a')).toBeUndefined();
  });

  it('holds at most its capacity, letting the oldest go first', () => {
    const verified = new VerifiedTokens(() => 0, 2, 60_000);
    for (const token of ['a', 'b', 'c']) verified.remember(token, { principal: ann, acceptUntilMs: 10_000 });
    expect(verified.get('a')).toBeUndefined();
    expect(verified.get('b')).toEqual(ann);
    expect(verified.get('c')).toEqual(ann);
  });

  it('answers a copy: what one request does to its principal never reaches the next', () => {
    const verified = new VerifiedTokens(() => 0, 2, 60_000);
    verified.remember('a', { principal: ann, acceptUntilMs: 10_000 });
    verified.get('a')!.roles.push('admin');
    expect(verified.get('a')!.roles).toEqual(['complaints_officer']);
  });
});
