import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable, configTableOf } from '../src/config/config-variables';

describe("the README's configuration table", () => {
  it('is the one config-variables.ts gives', () => {
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    expect(
      configTableOf(readme),
      'README.md differs from apps/api/src/config/config-variables.ts: run `npm run docs:config`',
    ).toBe(configTable());
  });
});
