/**
 * The smallest surface the SQL adapters need from a database driver, so that the SAME SQL text
 * runs on a PostgreSQL server (through `pg`) and on embedded PGlite. Parameters are positional
 * ($1..$n) and passed as strings, numbers, booleans, Buffers or null: both drivers serialise
 * those identically, which is why JSON goes in as text (`$1::text::jsonb`) and bigint columns
 * come back as text (`::text`) — `pg` returns int8 as a string and PGlite as a number, and a
 * number silently loses precision above 2^53.
 */
export type SqlParam = string | number | boolean | Buffer | null;

export interface SqlQueryOptions {
  /**
   * A fixed statement on a hot path: the driver may keep it parsed and planned under this name,
   * once per connection (`pg` does; PGlite, in process, has no parse round trip to save). One
   * name, one text, everywhere.
   */
  preparedAs?: string;
}

export interface SqlQueryable {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly SqlParam[],
    options?: SqlQueryOptions,
  ): Promise<Row[]>;
  /** Run a script of several statements without parameters (migrations). */
  execScript(text: string): Promise<void>;
}

/**
 * Every method of an executor (and of the transaction it hands out) reports a lost or
 * unavailable connection as StoreUnavailableError (@complaints/event-store); any other failure
 * (a constraint, a syntax error) as the driver's own error.
 */
export interface SqlExecutor extends SqlQueryable {
  /** 'postgres' (a server through a pg Pool) or 'pglite' (in process). */
  readonly dialect: 'postgres' | 'pglite';
  /**
   * Run `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error rethrown).
   */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; `onNotify` receives each payload. Resolves to an unlisten function
   * once listening (rejects if the first LISTEN fails). A listening connection that is lost is
   * re-established by itself, with backoff, for as long as the unlisten function is not called;
   * `onNotify('')` is then called once, because appends made meanwhile announced themselves to
   * no one. Used only to wake subscriptions early: they also poll, so a lost notification costs
   * latency, never an event.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
