import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { withActiveTables, type Projection, type TableSet } from '../../src';

export class InjectedFailure extends Error {
  constructor(position: bigint, quoted?: unknown) {
    super(
      `injected failure at position ${position}${quoted === undefined ? '' : `: cannot apply ${JSON.stringify(quoted)}`}`,
    );
    this.name = 'InjectedFailure';
  }
}

/** What a lost connection looks like to the engine: SQLSTATE 08006 (connection_failure), on every event alike. */
export class InjectedConnectionFailure extends Error {
  readonly code = '08006';
  constructor() {
    super('injected: connection to the database lost');
    this.name = 'InjectedConnectionFailure';
  }
}

/**
 * A test projection that makes duplicates and gaps visible: one row per event applied, with no
 * unique key, written one INSERT at a time. `failAtPosition` makes `apply` throw when it meets
 * that event, after it has already inserted the rows before it in the same batch: with an
 * InjectedFailure (this event cannot be applied), or — `failure: 'connection'` — with an
 * InjectedConnectionFailure (transient: nothing to do with the event). `failEverything` fails
 * every call the same way (a projection broken as a whole: nothing to park).
 */
export interface LedgerProjection extends Projection {
  failAtPosition: bigint | null;
  failure: 'event' | 'connection';
  failEverything: boolean;
  /** The failure quotes the event's data, as a careless error message would. */
  quoteInFailure: boolean;
  /** Calls of apply, with how many events each. */
  readonly calls: number[];
}

export function ledgerProjection(options: { name?: string; version?: string } = {}): LedgerProjection {
  const name = options.name ?? 'ledger';
  // The table is named after the projection, so two ledgers can run side by side.
  const table = name;
  const projection: LedgerProjection = {
    name,
    version: options.version ?? 'v1',
    tables: [table],
    failAtPosition: null,
    failure: 'event',
    failEverything: false,
    quoteInFailure: false,
    calls: [],
    async createTables(tx: SqlQueryable, tables: TableSet) {
      await tx.execScript(
        `CREATE TABLE ${tables.table(table)} (position bigint NOT NULL, complaint_id text NOT NULL, type text NOT NULL, revision integer NOT NULL)`,
      );
    },
    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet) {
      projection.calls.push(envelopes.length);
      if (projection.failEverything) {
        throw projection.failure === 'connection'
          ? new InjectedConnectionFailure()
          : new InjectedFailure(envelopes[0]?.globalPosition ?? 0n);
      }
      for (const envelope of envelopes) {
        if (projection.failAtPosition === envelope.globalPosition) {
          throw projection.failure === 'connection'
            ? new InjectedConnectionFailure()
            : new InjectedFailure(envelope.globalPosition, projection.quoteInFailure ? envelope.event.data : undefined);
        }
        await tx.query(
          `INSERT INTO ${tables.table(table)} (position, complaint_id, type, revision) VALUES ($1::bigint, $2, $3, $4)`,
          [envelope.globalPosition.toString(), envelope.complaintId, envelope.type, envelope.revision],
        );
      }
    },
  };
  return projection;
}

/** The active ledger's positions, in insertion-independent order. */
export async function ledgerPositions(sql: SqlQueryable, name = 'ledger'): Promise<bigint[]> {
  return withActiveTables(sql, name, async (tables) =>
    (await sql.query<{ pos: string }>(`SELECT position::text AS pos FROM ${tables.table(name)} ORDER BY position`)).map(
      (row) => BigInt(row.pos),
    ),
  );
}

/** Positions of every complaint event in the log, from the store itself. */
export async function complaintPositions(source: {
  readAll(after: bigint, limit: number): Promise<ComplaintEnvelope[]>;
}): Promise<bigint[]> {
  return (await source.readAll(0n, 100_000)).map((envelope) => envelope.globalPosition);
}
