import { describe, expect, it } from 'vitest';
import { displayNameFrom, rolesFromClaim } from './oidc-roles';

describe('roles from the identity provider\u2019s claim', () => {
  it('takes this service\u2019s role names from an array or a spaced or comma-separated string, once each', () => {
    expect(rolesFromClaim(['auditor', 'Domain Users', 'auditor'])).toEqual(['auditor']);
    expect(rolesFromClaim('complaints_officer scrutiny_panel')).toEqual(['complaints_officer', 'scrutiny_panel']);
    expect(rolesFromClaim('complaints_manager,admin')).toEqual(['complaints_manager', 'admin']);
  });

  it('never gives a person the integration role, and nothing for a claim that is missing or of another shape', () => {
    expect(rolesFromClaim(['integration'])).toEqual([]);
    expect(rolesFromClaim(undefined)).toEqual([]);
    expect(rolesFromClaim({ auditor: true })).toEqual([]);
    expect(rolesFromClaim(['Auditor'])).toEqual([]);
  });

  it('shows a person by their display name, else their username or email, else the subject', () => {
    expect(displayNameFrom({ name: ' Ada Auditor ', email: 'ada@example.org' }, 's')).toBe('Ada Auditor');
    expect(displayNameFrom({ name: '', preferred_username: 'ada' }, 's')).toBe('ada');
    expect(displayNameFrom({}, 'subject-1')).toBe('subject-1');
  });
});
