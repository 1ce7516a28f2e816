import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { StreamCategory } from '@complaints/contracts';
import type { ComplaintEnvelope, KeyStore } from '@complaints/event-store';

/**
 * One generation of a projection's tables. The live tables and a rebuild's fresh ones differ
 * only by suffix ('_g1', '_g2', …), so a rebuild can fill new tables while the live ones keep
 * serving, and the swap is one registry update.
 */
export interface TableSet {
  /** e.g. '_g3'. */
  readonly suffix: string;
  /** The real name of one of the projection's tables (or of an index on it) in this set. */
  table(base: string): string;
}

/**
 * A read model fed from the global log. The engine calls `apply` inside the transaction that
 * also advances the projection's checkpoint, so rows and checkpoint commit together or not at
 * all: a crash can neither apply an event twice nor skip one.
 */
export interface Projection {
  /** Stable identifier: registry and checkpoint key, metrics label. Lower case, digits, underscores. */
  readonly name: string;
  /**
   * Changes whenever this code would write different rows from the same events (columns, rules,
   * configuration the rows depend on). Tables written under another version are not updated
   * any more; the engine rebuilds them.
   */
  readonly version: string;
  /** Base names of the tables it owns (each gets the table set's suffix). */
  readonly tables: readonly string[];
  /**
   * false: an event it cannot apply is never parked (dead-lettered); the batch fails and is
   * retried, the projection counting as failing meanwhile. For a read model that must hold every
   * event or none after it (the transparency log: a skipped leaf would falsify every later proof).
   * Default true (libs/projections/README.md, "One event never stops a read model").
   */
  readonly parksEvents?: boolean;
  /**
   * true: it reads personal values in clear (to seal them, or to index them blindly), so its
   * batches are decrypted. Default false: it gets the batch redacted — every personal field
   * ERASED, no key looked up, nothing decrypted (ComplaintLogBatch.redacted) — which is all a
   * read model that keeps nothing personal needs, and the cheapest way to read the log.
   */
  readonly needsClearText?: boolean;
  /**
   * Which records' events it is given (stream-categories.ts). Default ['complaint']: a read model
   * of complaints never sees a compliment. The checkpoint still moves past the others.
   */
  readonly categories?: readonly StreamCategory[];
  /** Create the tables and indexes of one table set; runs in the transaction that registers the set. */
  createTables(tx: SqlQueryable, tables: TableSet): Promise<void>;
  /**
   * Optional work for a batch before its transaction, outside it (the embedded store serialises
   * a query issued inside a transaction behind it): the projections that seal personal text look
   * up the batch's data-subject keys here, reading their own tables with `sql` for the subjects
   * their rows were sealed for, through `batch.keys` (the batch's own keys: each subject's key
   * is looked up once for every projection of the batch). What it resolves to is handed to `apply`.
   */
  prepare?(
    envelopes: readonly ComplaintEnvelope[],
    sql: SqlQueryable,
    tables: TableSet,
    batch: BatchContext,
  ): Promise<unknown>;
  /**
   * Write the rows for a batch of complaint events, in global order, with `tx` only (never
   * commit). Deterministic: the same events on the same rows give the same rows (sealed
   * values aside: each sealing draws a fresh IV).
   */
  apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet, prepared?: unknown): Promise<void>;
}

/** What a batch shares with every projection it is applied to. */
export interface BatchContext {
  /** The data subjects' keys, for this batch only (BatchKeys): dropped with it, so erasure reaches the next batch. */
  readonly keys: KeyStore;
}

const NAME = /^[a-z][a-z0-9_]*$/;
/** PostgreSQL truncates identifiers beyond 63 bytes; leave room for a suffix and an index name. */
const MAX_BASE_NAME = 40;

export function tableSet(suffix: string): TableSet {
  if (!/^_g[0-9]+$/.test(suffix)) throw new RangeError(`Not a table-set suffix: ${JSON.stringify(suffix)}`);
  return { suffix, table: (base) => `${assertName(base, 'table')}${suffix}` };
}

export function suffixOfGeneration(generation: number): string {
  return `_g${generation}`;
}

/** Names go into SQL text (identifiers cannot be parameters), so only plain ones are accepted. */
export function assertName(name: string, what: string): string {
  if (!NAME.test(name) || name.length > MAX_BASE_NAME) {
    throw new RangeError(
      `A ${what} name must match ${NAME} and be at most ${MAX_BASE_NAME} characters: ${JSON.stringify(name)}`,
    );
  }
  return name;
}

export function assertValidProjection(projection: Projection): void {
  assertName(projection.name, 'projection');
  if (projection.version.length === 0) throw new RangeError(`Projection ${projection.name} has an empty version`);
  if (projection.tables.length === 0) throw new RangeError(`Projection ${projection.name} owns no tables`);
  for (const table of projection.tables) assertName(table, 'table');
}
