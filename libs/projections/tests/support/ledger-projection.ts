import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { withActiveTables, type Projection, type TableSet } from '../../src';

export class InjectedFailure extends Error {
  constructor(position: bigint) {
    super(`injected failure at position ${position}`);
    this.name = 'InjectedFailure';
  }
}

/**
 * A test projection that makes duplicates and gaps visible: one row per event applied, with no
 * unique key, written one INSERT at a time. `failAtPosition` makes `apply` throw when it meets
 * that event, after it has already inserted the rows before it in the same batch.
 */
export interface LedgerProjection extends Projection {
  failAtPosition: bigint | null;
}

export function ledgerProjection(options: { name?: string; version?: string } = {}): LedgerProjection {
  const projection: LedgerProjection = {
    name: options.name ?? 'ledger',
    version: options.version ?? 'v1',
    tables: ['ledger'],
    failAtPosition: null,
    async createTables(tx: SqlQueryable, tables: TableSet) {
      await tx.execScript(`CREATE TABLE ${tables.table('ledger')} (position bigint NOT NULL, complaint_id text NOT NULL, type text NOT NULL, revision integer NOT NULL)`);
    },
    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet) {
      for (const envelope of envelopes) {
        if (projection.failAtPosition === envelope.globalPosition) throw new InjectedFailure(envelope.globalPosition);
        await tx.query(`INSERT INTO ${tables.table('ledger')} (position, complaint_id, type, revision) VALUES ($1::bigint, $2, $3, $4)`, [
          envelope.globalPosition.toString(),
          envelope.complaintId,
          envelope.type,
          envelope.revision,
        ]);
      }
    },
  };
  return projection;
}

/** The active ledger's positions, in insertion-independent order. */
export async function ledgerPositions(sql: SqlQueryable, name = 'ledger'): Promise<bigint[]> {
  return withActiveTables(sql, name, async (tables) =>
    (await sql.query<{ pos: string }>(`SELECT position::text AS pos FROM ${tables.table('ledger')} ORDER BY position`)).map((row) => BigInt(row.pos)),
  );
}

/** Positions of every complaint event in the log, from the store itself. */
export async function complaintPositions(source: { readAll(after: bigint, limit: number): Promise<ComplaintEnvelope[]> }): Promise<bigint[]> {
  return (await source.readAll(0n, 100_000)).map((envelope) => envelope.globalPosition);
}
