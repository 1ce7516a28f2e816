import type { SqlExecutor, SqlQueryable } from '@complaints/adapter-postgres';
import type { DedupOutcome, DedupStore, ProcessedEvent } from './dedup-store';

/** Advisory lock for creating the consumer kit's tables. */
export const CONSUMER_KIT_STRUCTURE_LOCK_KEY = 7_406_210_878;

const CONSUMER_TABLES = `
  CREATE TABLE IF NOT EXISTS consumer_processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
  );
  CREATE TABLE IF NOT EXISTS consumer_complaint_revisions (
    consumer     text    NOT NULL,
    complaint_id text    NOT NULL,
    revision     integer NOT NULL,
    PRIMARY KEY (consumer, complaint_id)
  );
`;

/**
 * Dedup in SQL (PostgreSQL or PGlite): the event's mark, the complaint's revision and the
 * handler's own writes (through the `tx` it is given) commit in ONE transaction. A crash
 * before the commit leaves nothing, and the redelivered message is handled again; a crash after
 * it leaves the mark, and the redelivered message is skipped. Exactly-once effects, as long as
 * the handler writes through `tx` (an HTTP call it makes is still at least once).
 *
 * `consumer` names the consumer (usually its group id): several consumers may share the tables.
 */
export class SqlDedupStore implements DedupStore<SqlQueryable> {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly consumer: string,
  ) {}

  /** Create the tables if missing (also done on first use). */
  ensureTables(): Promise<void> {
    this.ready ??= this.sql
      .transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(${CONSUMER_KIT_STRUCTURE_LOCK_KEY})`);
        await tx.execScript(CONSUMER_TABLES);
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async processOnce(
    event: ProcessedEvent,
    work: (tx: SqlQueryable, previousRevision: number) => Promise<void>,
  ): Promise<DedupOutcome> {
    await this.ensureTables();
    return this.sql.transaction(async (tx) => {
      // The insert takes the row lock first: a second delivery of the same event waits here, then sees it.
      const marked = await tx.query(
        `INSERT INTO consumer_processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
        [this.consumer, event.eventId],
      );
      if (marked.length === 0) return 'duplicate';
      const rows = await tx.query<{ revision: number }>(
        `SELECT revision FROM consumer_complaint_revisions WHERE consumer = $1 AND complaint_id = $2 FOR UPDATE`,
        [this.consumer, event.complaintId],
      );
      await work(tx, Number(rows[0]?.revision ?? 0));
      await tx.query(
        `INSERT INTO consumer_complaint_revisions (consumer, complaint_id, revision) VALUES ($1, $2, $3)
         ON CONFLICT (consumer, complaint_id) DO UPDATE SET revision = GREATEST(consumer_complaint_revisions.revision, EXCLUDED.revision)`,
        [this.consumer, event.complaintId, event.revision],
      );
      return 'processed';
    });
  }
}
