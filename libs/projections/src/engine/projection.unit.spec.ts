import { describe, expect, it } from 'vitest';
import { assertValidProjection, tableSet, type Projection } from './projection';

const projection = (overrides: Partial<Projection>): Projection => ({
  name: 'complaint_summaries',
  version: '1',
  tables: ['complaint_summaries'],
  createTables: async () => undefined,
  apply: async () => undefined,
  ...overrides,
});

describe('projection names (they go into SQL text)', () => {
  it('a table set appends its suffix to each base name', () => {
    expect(tableSet('_g12').table('complaint_summaries')).toBe('complaint_summaries_g12');
  });

  it('refuses names that are not plain identifiers, and suffixes that are not generations', () => {
    expect(() => assertValidProjection(projection({ name: 'Summaries' }))).toThrow(RangeError);
    expect(() => assertValidProjection(projection({ tables: ['x; DROP TABLE events'] }))).toThrow(RangeError);
    expect(() => assertValidProjection(projection({ tables: ['t'.repeat(41)] }))).toThrow(RangeError);
    expect(() => assertValidProjection(projection({ tables: [] }))).toThrow(RangeError);
    expect(() => assertValidProjection(projection({ version: '' }))).toThrow(RangeError);
    expect(() => tableSet('_x')).toThrow(RangeError);
    expect(() => tableSet('_g1').table('bad-name')).toThrow(RangeError);
  });

  it('accepts a plain projection', () => {
    expect(() => assertValidProjection(projection({}))).not.toThrow();
  });
});
