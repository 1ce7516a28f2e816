/** What the raw scans need of a connection: plain queries (PgExecutor, PgliteExecutor, or a pg Client wrapped). */
export interface RawSql {
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** bytea as either driver hands it back (pg: Buffer, PGlite: Uint8Array). */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`expected bytea, got ${typeof value}`);
}
