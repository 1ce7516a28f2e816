import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';

const rules = Object.values(complaintRules);

describe('the rule catalogue', () => {
  it('gives every rule a distinct, stable kebab-case id', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every rule one plain line of explanation', () => {
    for (const rule of rules) {
      expect(rule.message).toMatch(/^[A-Z].*\.$/);
      expect(rule.message).not.toContain('\n');
    }
  });

  it('has a given/when/then test that expects each rule to refuse a command', () => {
    // A rule no test expects could be deleted without any test failing.
    const specs = readdirSync(__dirname)
      .filter((file) => file.endsWith('.spec.ts'))
      .map((file) => readFileSync(join(__dirname, file), 'utf8'))
      .join('\n');
    const tested = new Set([...specs.matchAll(/thenViolates\(\s*complaintRules\.(\w+)\s*,?\s*\)/g)].map((m) => m[1]));
    const untested = Object.keys(complaintRules).filter((key) => !tested.has(key));
    expect(untested).toEqual([]);
  });

  it('is written out in docs/domain.md, rule for rule, so the page officers and auditors read cannot drift from the code', () => {
    const page = readFileSync(join(__dirname, '../../../../docs/domain.md'), 'utf8');
    const documented = [...page.matchAll(/^\| `([a-z0-9-]+)` \| (.*) \|$/gm)].map((m) => ({
      id: m[1],
      message: (m[2] ?? '').replace(/\\\|/g, '|'),
    }));
    expect(documented).toEqual(rules.map((r) => ({ id: r.id, message: r.message })));
  });
});
