import type { SqlQueryable } from '../sql/sql-executor';
import { lockCurrentKek, storeIdOf, type KeyEncryptionFor } from '../keys/current-kek';

/**
 * The schema, as numbered steps. A step is never edited once released: change the schema by
 * appending a step. Each step runs in the migrating transaction, so a failed step leaves no trace.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL alone cannot do (it needs a key from outside the database), run after `sql` in the same transaction. */
  run?: (tx: SqlQueryable, context: MigrationContext) => Promise<void>;
}

export interface MigrationContext {
  /** The KEKs of this database, for the step that wraps the subject keys stored raw before envelope encryption. */
  keyEncryptionFor?: KeyEncryptionFor | undefined;
  now: Date;
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
  {
    version: 4,
    name: 'subject keys are stored wrapped under a key-encryption key kept outside the database',
    sql: `
      -- Which KEKs (KEYS_DIR/kek/<store_id>/) belong to this database.
      CREATE TABLE key_store_identity (
        id       boolean PRIMARY KEY DEFAULT true CHECK (id),
        store_id text    NOT NULL
      );
      INSERT INTO key_store_identity (id, store_id) VALUES (true, gen_random_uuid()::text);

      -- The KEK new subject keys are wrapped under; switched by a rotation in the same
      -- transaction that re-wraps every live key.
      CREATE TABLE kek_current (
        id     boolean     PRIMARY KEY DEFAULT true CHECK (id),
        kek_id text        NOT NULL,
        since  timestamptz NOT NULL
      );

      ALTER TABLE subject_keys ADD COLUMN wrapped_key bytea NULL, ADD COLUMN kek_id text NULL;
      ALTER TABLE subject_keys DROP CONSTRAINT subject_keys_check;
    `,
    run: wrapRawSubjectKeys,
  },
  {
    version: 5,
    name: 'appends in one round trip, several streams at once (group commit)',
    // Called by store/append-function.ts, which says why it is built this way. One element of
    // p_appends: {stream, from, fromHash, to, toHash, recordedAt, events: [{i, revision,
    // event_id, type, schema_version, data, metadata, hash, previous_hash}]}, i numbering the
    // events of that append from 1. An append applies only if its stream is at exactly
    // (from, fromHash) when its row is locked; otherwise it writes nothing and comes back as a
    // conflict with the stream's actual revision, while the others still apply.
    sql: `
      CREATE FUNCTION complaints_append(p_appends text, p_channel text)
      RETURNS TABLE (idx integer, outcome text, actual_revision integer, first_position text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        appends  jsonb := p_appends::jsonb;
        a        jsonb;
        n        integer := 0;
        moved    integer;
        actual   integer;
        accepted integer[] := '{}';
        offsets  integer[] := '{}';
        total    integer := 0;
        head     bigint;
        k        integer;
      BEGIN
        FOR a IN SELECT value FROM jsonb_array_elements(appends) LOOP
          n := n + 1;
          moved := 0;
          -- Stream rows are locked in the order given (the caller sorts by stream id, so
          -- instances never wait on each other in a cycle), then global_head, last.
          IF (a->>'from')::integer = 0 THEN
            INSERT INTO streams (stream_id, revision, last_hash, last_recorded_at)
              VALUES (a->>'stream', (a->>'to')::integer, a->>'toHash', (a->>'recordedAt')::timestamptz)
              ON CONFLICT (stream_id) DO NOTHING;
            GET DIAGNOSTICS moved = ROW_COUNT;
          END IF;
          IF moved = 0 THEN
            -- Under READ COMMITTED an UPDATE that waited for another writer's lock re-checks
            -- its condition on the row that writer committed: the tip is compared with the
            -- latest revision, never with a stale snapshot.
            UPDATE streams s SET revision = (a->>'to')::integer, last_hash = a->>'toHash',
                                 last_recorded_at = (a->>'recordedAt')::timestamptz
             WHERE s.stream_id = a->>'stream' AND s.revision = (a->>'from')::integer AND s.last_hash = a->>'fromHash';
            GET DIAGNOSTICS moved = ROW_COUNT;
          END IF;
          IF moved = 0 THEN
            SELECT s.revision INTO actual FROM streams s WHERE s.stream_id = a->>'stream';
            idx := n; outcome := 'conflict'; actual_revision := coalesce(actual, 0); first_position := NULL;
            RETURN NEXT;
            CONTINUE;
          END IF;
          accepted := accepted || n;
          offsets := offsets || total;
          total := total + jsonb_array_length(a->'events');
        END LOOP;
        IF total = 0 THEN
          RETURN;
        END IF;
        -- The counter row's lock is held to COMMIT: positions are dense and visible in order.
        UPDATE global_head SET position = position + total WHERE id RETURNING position - total INTO head;
        INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version,
                            data, metadata, recorded_at, hash, previous_hash)
        SELECT head + acc.base + x.i, appends->(acc.ord - 1)->>'stream', x.revision, x.event_id::uuid, x.type,
               x.schema_version, x.data, x.metadata, (appends->(acc.ord - 1)->>'recordedAt')::timestamptz,
               x.hash, x.previous_hash
          FROM unnest(accepted, offsets) AS acc(ord, base),
               jsonb_to_recordset(appends->(acc.ord - 1)->'events') AS x(i integer, revision integer, event_id text,
                 type text, schema_version integer, data jsonb, metadata jsonb, hash text, previous_hash text);
        -- Delivered by PostgreSQL at COMMIT only, so a woken reader always finds the events.
        PERFORM pg_notify(p_channel, (head + total)::text);
        FOR k IN 1..array_length(accepted, 1) LOOP
          idx := accepted[k]; outcome := 'appended'; actual_revision := NULL;
          first_position := (head + offsets[k] + 1)::text;
          RETURN NEXT;
        END LOOP;
      END;
      $fn$;
    `,
  },
];

/**
 * Before envelope encryption, subject_keys.key held the raw key. Each live one is wrapped under
 * the (first) KEK and the raw column dropped. What this cannot undo: the raw keys already in
 * dead rows, the WAL and backups taken before the upgrade stay usable for the subjects they
 * belong to — no KEK rotation can reach them (docs/data-protection.md, "Upgrading").
 */
async function wrapRawSubjectKeys(tx: SqlQueryable, context: MigrationContext): Promise<void> {
  const raw = await tx.query<{ data_subject_id: string; key: Uint8Array }>(
    'SELECT data_subject_id, key FROM subject_keys WHERE key IS NOT NULL ORDER BY data_subject_id',
  );
  if (raw.length > 0) {
    if (!context.keyEncryptionFor) {
      throw new Error(
        `subject_keys holds ${raw.length} raw keys to wrap, and no key-encryption keys were given to the migration (KEYS_DIR)`,
      );
    }
    const kek = context.keyEncryptionFor(await storeIdOf(tx));
    const kekId = await lockCurrentKek(tx, kek, context.now);
    for (const row of raw) {
      const plain = Buffer.from(row.key);
      const wrapped = await kek.wrap(plain, row.data_subject_id, kekId);
      plain.fill(0);
      await tx.query('UPDATE subject_keys SET wrapped_key = $2, kek_id = $3, key = NULL WHERE data_subject_id = $1', [
        row.data_subject_id,
        wrapped,
        kekId,
      ]);
    }
  }
  await tx.execScript(`
    ALTER TABLE subject_keys DROP COLUMN key;
    ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_wrapped_unless_destroyed CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL));
  `);
}
