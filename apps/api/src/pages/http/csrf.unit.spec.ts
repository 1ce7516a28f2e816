import { describe, expect, it } from 'vitest';
import { anonymousBinding, bearerBinding, CsrfTokens, sessionBinding } from './csrf';

const SECRET = 'a-session-secret-of-at-least-thirty-two-bytes';

describe('CSRF tokens', () => {
  const csrf = new CsrfTokens(SECRET);

  it('accepts the token issued for the same binding, and it is stable for the session (every form of the session carries the same one)', () => {
    const binding = sessionBinding('sid-1');
    expect(csrf.tokenFor(binding)).toEqual(csrf.tokenFor(binding));
    expect(csrf.matches(binding, csrf.tokenFor(binding))).toBe(true);
  });

  it("refuses another session's token (a form fetched by someone else's sign-in)", () => {
    expect(csrf.matches(sessionBinding('sid-1'), csrf.tokenFor(sessionBinding('sid-2')))).toBe(false);
  });

  it('refuses a token made with another key (another deployment or a rotated SESSION_SECRET)', () => {
    const other = new CsrfTokens('another-secret-of-at-least-thirty-two-bytes!');
    expect(csrf.matches(sessionBinding('sid-1'), other.tokenFor(sessionBinding('sid-1')))).toBe(false);
  });

  it('keeps the kinds of binding apart: a session id, a bearer token and the anonymous cookie with the same text give different tokens', () => {
    const tokens = new Set([
      csrf.tokenFor(sessionBinding('x')),
      csrf.tokenFor(anonymousBinding('x')),
      csrf.tokenFor(bearerBinding('x')),
    ]);
    expect(tokens.size).toBe(3);
    expect(csrf.matches(anonymousBinding('x'), csrf.tokenFor(sessionBinding('x')))).toBe(false);
  });

  it('binds to a hash of the bearer token, never the token itself (it would otherwise be written into every form)', () => {
    const bearer = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyIn0.c2lnbmF0dXJl';
    expect(bearerBinding(bearer)).not.toContain(bearer);
    expect(bearerBinding(bearer)).toEqual(bearerBinding(bearer));
    expect(bearerBinding(bearer)).not.toEqual(bearerBinding(`${bearer}x`));
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a number', 12345],
    ['repeated (an array from a form with two _csrf fields)', ['a', 'b']],
    ['much too long', 'a'.repeat(101)],
  ])('refuses a token that is %s', (_, offered) => {
    expect(csrf.matches(sessionBinding('sid-1'), offered)).toBe(false);
  });

  it('refuses the right token with one character changed, or cut short', () => {
    const token = csrf.tokenFor(sessionBinding('sid-1'));
    const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(csrf.matches(sessionBinding('sid-1'), changed)).toBe(false);
    expect(csrf.matches(sessionBinding('sid-1'), token.slice(0, -1))).toBe(false);
  });
});
