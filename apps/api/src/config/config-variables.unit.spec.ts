import { describe, expect, it } from 'vitest';
import { DOCUMENTS_ENV_VARIABLES, WORKER_ENV_VARIABLES } from '@complaints/runtime';
import { API_ENV_VARIABLES } from './app-config';
import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  CONFIG_VARIABLES,
  configTableOf,
  withConfigTable,
} from './config-variables';

// Read outside the zod schemas: the document store's settings (documents-config.ts) and the stop deadline (service-process.ts).
const READ_OUTSIDE_THE_SCHEMAS = [...DOCUMENTS_ENV_VARIABLES, 'SHUTDOWN_TIMEOUT_MS'];

describe('the configuration variables described for the README', () => {
  const described = CONFIG_VARIABLES.flatMap((row) => row.variables);
  const read = new Set([...API_ENV_VARIABLES, ...WORKER_ENV_VARIABLES, ...READ_OUTSIDE_THE_SCHEMAS]);

  it('describe every variable the API and the worker read', () => {
    expect([...read].filter((name) => !described.includes(name))).toEqual([]);
  });

  it('describe only variables that are read, each once', () => {
    expect(described.filter((name) => !read.has(name))).toEqual([]);
    expect(described.filter((name, i) => described.indexOf(name) !== i)).toEqual([]);
  });

  it('give each a meaning and a default', () => {
    const incomplete = CONFIG_VARIABLES.filter((row) => row.meaning.trim() === '' || row.default.trim() === '');
    expect(incomplete).toEqual([]);
  });
});

describe('withConfigTable', () => {
  const readme = `# Title\n\n${CONFIG_TABLE_START}\n| old |\n${CONFIG_TABLE_END}\n\nAfter.\n`;

  it('replaces only what lies between the markers, and keeps them', () => {
    const written = withConfigTable(readme);
    expect(written.startsWith(`# Title\n\n${CONFIG_TABLE_START}\n`)).toBe(true);
    expect(written.endsWith(`${CONFIG_TABLE_END}\n\nAfter.\n`)).toBe(true);
    expect(written).not.toContain('| old |');
    expect(configTableOf(written)).toContain('| `PORT` | HTTP port | `3000` |');
  });

  it('writes the same README twice over', () => {
    expect(withConfigTable(withConfigTable(readme))).toBe(withConfigTable(readme));
  });

  it('refuses a README without the markers rather than appending a table somewhere', () => {
    expect(() => withConfigTable('# Title\n')).toThrow(/config:start/);
  });
});
