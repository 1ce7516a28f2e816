import type { SqlQueryable } from '@complaints/adapter-postgres';

/**
 * Complaint references residents can read out on the phone: CMP-<year>-<six digits>, numbered
 * per year in the order complaints are logged. The counter is one atomic upsert, so concurrent
 * requests and API replicas never share a number. A number taken by a request that then failed
 * is not reused (a gap is harmless; a duplicate would not be).
 */
export class ReferenceGenerator {
  constructor(private readonly sql: SqlQueryable) {}

  async next(year: number): Promise<string> {
    const [row] = await this.sql.query<{ last: number }>(
      `INSERT INTO api_reference_counters (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = api_reference_counters.last + 1
       RETURNING last`,
      [year],
    );
    if (!row) throw new Error('the reference counter returned no row');
    return formatReference(year, Number(row.last));
  }
}

export function formatReference(year: number, sequence: number): string {
  return `CMP-${year}-${String(sequence).padStart(6, '0')}`;
}
