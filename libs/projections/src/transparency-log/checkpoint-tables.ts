import type { SqlExecutor, SqlQueryable } from '@complaints/adapter-postgres';
import type { Checkpoint } from '@complaints/transparency';

/** Transaction-scoped advisory lock for creating the tables below (CREATE TABLE IF NOT EXISTS races on PostgreSQL). */
export const TRANSPARENCY_STRUCTURE_LOCK_KEY = 7_406_210_901;

/**
 * What the log has signed, kept apart from the tree's table sets so that no rebuild drops it:
 * - transparency_checkpoints: every checkpoint issued, one per tree size (a consistency proof
 *   between any two of them can be served, and a tree that no longer matches one is caught);
 * - transparency_keys: the PUBLIC half of every key that signed one (the private key lives in
 *   KEYS_DIR/signing, never in a database), so old checkpoints stay verifiable after a rotation;
 * - transparency_witness_state: per Kafka topic, the largest tree size whose checkpoint was
 *   published there (checkpoints go out in order, at least once).
 */
const TABLES = `
  CREATE TABLE IF NOT EXISTS transparency_checkpoints (
    tree_size   bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash   text        NOT NULL,
    issued_at   text        NOT NULL,
    key_id      text        NOT NULL,
    signature   text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS transparency_keys (
    key_id        text PRIMARY KEY,
    public_key    text NOT NULL,
    first_used_at text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS transparency_witness_state (
    topic          text   PRIMARY KEY,
    published_size bigint NOT NULL DEFAULT -1
  );
`;

export async function ensureTransparencyTables(sql: SqlExecutor): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${TRANSPARENCY_STRUCTURE_LOCK_KEY})`);
    await tx.execScript(TABLES);
  });
}

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  issued_at: string;
  key_id: string;
  signature: string;
}

const COLUMNS = 'tree_size::text AS tree_size, root_hash, issued_at, key_id, signature';

function checkpointOf(row: CheckpointRow): Checkpoint {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    issuedAt: row.issued_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

export async function latestCheckpoint(sql: SqlQueryable): Promise<Checkpoint | undefined> {
  const rows = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM transparency_checkpoints ORDER BY tree_size DESC LIMIT 1`,
  );
  return rows[0] && checkpointOf(rows[0]);
}

export async function checkpointOfSize(sql: SqlQueryable, treeSize: number): Promise<Checkpoint | undefined> {
  const rows = await sql.query<CheckpointRow>(`SELECT ${COLUMNS} FROM transparency_checkpoints WHERE tree_size = $1`, [
    treeSize,
  ]);
  return rows[0] && checkpointOf(rows[0]);
}

/** Checkpoints issued after a tree size, oldest first (for witnesses catching up). */
export async function checkpointsAfter(sql: SqlQueryable, afterSize: number, limit: number): Promise<Checkpoint[]> {
  const rows = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM transparency_checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`,
    [afterSize, limit],
  );
  return rows.map(checkpointOf);
}

/** Store a checkpoint (and its key's public half); when one of that size exists already (another instance was first), that one is kept and returned. */
export async function recordCheckpoint(
  sql: SqlExecutor,
  checkpoint: Checkpoint,
  publicKey: string,
): Promise<Checkpoint> {
  return sql.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO transparency_keys (key_id, public_key, first_used_at) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING',
      [checkpoint.keyId, publicKey, checkpoint.issuedAt],
    );
    await tx.query(
      `INSERT INTO transparency_checkpoints (tree_size, root_hash, issued_at, key_id, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING`,
      [checkpoint.treeSize, checkpoint.rootHash, checkpoint.issuedAt, checkpoint.keyId, checkpoint.signature],
    );
    return (await checkpointOfSize(tx, checkpoint.treeSize)) as Checkpoint;
  });
}

export interface StoredKey {
  keyId: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  firstUsedAt: string;
}

export async function signingKeysUsed(sql: SqlQueryable): Promise<StoredKey[]> {
  const rows = await sql.query<{ key_id: string; public_key: string; first_used_at: string }>(
    'SELECT key_id, public_key, first_used_at FROM transparency_keys ORDER BY first_used_at, key_id',
  );
  return rows.map((row) => ({ keyId: row.key_id, publicKey: row.public_key, firstUsedAt: row.first_used_at }));
}

/** The largest tree size whose checkpoint was published to `topic` (-1 before any). */
export async function publishedCheckpointSize(sql: SqlQueryable, topic: string): Promise<number> {
  const rows = await sql.query<{ size: string }>(
    'SELECT published_size::text AS size FROM transparency_witness_state WHERE topic = $1',
    [topic],
  );
  return rows[0] ? Number(rows[0].size) : -1;
}

/** Record that every checkpoint up to `size` was published to `topic` (never moves back). */
export async function markCheckpointsPublished(sql: SqlQueryable, topic: string, size: number): Promise<void> {
  await sql.query(
    `INSERT INTO transparency_witness_state (topic, published_size) VALUES ($1, $2)
     ON CONFLICT (topic) DO UPDATE SET published_size = GREATEST(transparency_witness_state.published_size, EXCLUDED.published_size)`,
    [topic, size],
  );
}
