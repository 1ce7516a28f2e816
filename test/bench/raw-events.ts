/**
 * The raw anchor of the write path: what the database itself takes to record one event. A table
 * with the events table's columns, types and unique indexes (libs/adapters/postgres/src/
 * migrations/migrations.ts: global_position bigint PRIMARY KEY, event_id uuid UNIQUE,
 * UNIQUE (stream_id, revision), data and metadata jsonb, a recorded time, a hash and the previous
 * one), one single-row INSERT per operation in its own transaction (autocommit), with the same
 * payload the product writes (the caller hands over the very data and metadata JSON), through the
 * store's own executor: on PostgreSQL the same pool, the statement named so the server parses and
 * plans it once per connection; on PGlite the same durable instance as the store (an unnamed
 * statement, as every statement there: the executor does not prepare in process, and PGlite
 * takes no parameters for EXECUTE). What it leaves out is what a store adds on top: the stream's
 * revision check and lock, gap-free positions in commit order, the chain's previous hash read
 * from the database, the notification. Positions come from a counter in this process.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SqlStoreHandle } from '@complaints/adapter-postgres';
import { GENESIS_HASH } from '@complaints/event-store';

export const RAW_TABLE = 'bench_raw_events';

/** The JSON of one event as the product stores it. */
export interface RawPayload {
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

const INSERT = `INSERT INTO ${RAW_TABLE} (global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, previous_hash)
  VALUES ($1::bigint, $2, $3, $4::uuid, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::timestamptz, $10, $11)`;

export class RawEvents {
  private position = 0;
  private readonly lastHash = new Map<string, string>();

  private constructor(private readonly store: SqlStoreHandle) {}

  static async create(store: SqlStoreHandle): Promise<RawEvents> {
    await store.sql.execScript(`
      CREATE TABLE IF NOT EXISTS ${RAW_TABLE} (
        global_position bigint      PRIMARY KEY,
        stream_id       text        NOT NULL,
        revision        integer     NOT NULL CHECK (revision >= 1),
        event_id        uuid        NOT NULL UNIQUE,
        type            text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        hash            text        NOT NULL,
        previous_hash   text        NOT NULL,
        UNIQUE (stream_id, revision)
      )`);
    const raw = new RawEvents(store);
    const rows = await store.sql.query<{ position: string | null }>(
      `SELECT max(global_position)::text AS position FROM ${RAW_TABLE}`,
    );
    raw.position = Number(rows[0]?.position ?? 0);
    return raw;
  }

  /** Event `revision` (1, 2, …) of `streamId`: one INSERT, committed on its own. */
  async insert(streamId: string, revision: number, payload: RawPayload): Promise<void> {
    const previousHash = this.lastHash.get(streamId) ?? GENESIS_HASH;
    const eventId = randomUUID();
    const recordedAt = new Date().toISOString();
    // A hash of the same length and cost as the chain's (the product hashes the event in Node too).
    const hash = createHash('sha256')
      .update(previousHash)
      .update(eventId)
      .update(payload.dataJson)
      .update(payload.metadataJson)
      .digest('hex');
    this.lastHash.set(streamId, hash);
    await this.store.sql.query(
      INSERT,
      [
        String(++this.position),
        streamId,
        revision,
        eventId,
        payload.type,
        payload.schemaVersion,
        payload.dataJson,
        payload.metadataJson,
        recordedAt,
        hash,
        previousHash,
      ],
      { preparedAs: 'bench_raw_events_insert' },
    );
  }
}
