/**
 * The schema, as numbered steps. A step is never edited once released: change the schema by
 * appending a step. Each step runs in the migrating transaction, so a failed step leaves no trace.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event log, streams, global head, subject keys, checkpoints',
    sql: `
      CREATE TABLE events (
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
        CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
      );

      -- One row per stream: its revision and the hash of its last event (the next previous_hash).
      -- Appends lock this row, which serialises writers of one stream.
      CREATE TABLE streams (
        stream_id text    PRIMARY KEY,
        revision  integer NOT NULL,
        last_hash text    NOT NULL
      );

      -- The single counter that hands out global positions (see SqlEventStore.append for why).
      CREATE TABLE global_head (
        id       boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint  NOT NULL
      );
      INSERT INTO global_head (id, position) VALUES (true, 0);

      -- Crypto-shredding keys: destroying one sets key to NULL, for good.
      CREATE TABLE subject_keys (
        data_subject_id text        PRIMARY KEY,
        key             bytea       NULL,
        created_at      timestamptz NOT NULL,
        destroyed_at    timestamptz NULL,
        CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
      );

      CREATE TABLE checkpoints (
        subscription_id text        PRIMARY KEY,
        position        bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'events are append-only',
    // Defence in depth, not the integrity guarantee: an owner can still disable the trigger,
    // which is exactly what the hash chain exists to expose.
    sql: `
      CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP;
      END;
      $$;
      CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_append_only();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
    `,
  },
  {
    version: 3,
    name: 'streams keep the recorded time of their last event',
    // An append locks the stream's row and reads what it needs in one statement; a join to
    // events there could miss the event committed while it waited (see lockStream).
    sql: `
      ALTER TABLE streams ADD COLUMN last_recorded_at timestamptz NULL;
      UPDATE streams s SET last_recorded_at = e.recorded_at
        FROM events e
       WHERE e.stream_id = s.stream_id AND e.revision = s.revision;
    `,
  },
];
