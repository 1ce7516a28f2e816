import { join, resolve } from 'node:path';
import { FilesystemBlobStore, S3BlobStore } from '@complaints/adapter-blob-store';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '@complaints/domain';
import type { BlobStore } from '@complaints/event-store';
import { ConfigError } from '../config/shared-settings';

/** The largest limit DOCUMENTS_MAX_BYTES may set: the upload is held in memory while it is checked. */
export const MAX_DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;

export type DocumentStoreConfig =
  | { kind: 'filesystem'; root: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      endpoint: string | undefined;
      region: string | undefined;
      forcePathStyle: boolean | undefined;
    };

/** Where documents' bytes live and how large one may be (docs/documents.md, "Configuration"). */
export interface DocumentsConfig {
  maxBytes: number;
  store: DocumentStoreConfig;
}

/** The variables documentsConfigOf reads, outside the zod schemas (the README's configuration table describes each). */
export const DOCUMENTS_ENV_VARIABLES = [
  'DOCUMENTS_MAX_BYTES',
  'DOCUMENTS_DIR',
  'DOCUMENTS_S3_BUCKET',
  'DOCUMENTS_S3_ENDPOINT',
  'DOCUMENTS_S3_REGION',
  'DOCUMENTS_S3_PREFIX',
  'DOCUMENTS_S3_FORCE_PATH_STYLE',
] as const;

/**
 * DOCUMENTS_MAX_BYTES (default 20 MB); DOCUMENTS_S3_BUCKET selects the S3 adapter, with
 * DOCUMENTS_S3_ENDPOINT, DOCUMENTS_S3_REGION, DOCUMENTS_S3_PREFIX and DOCUMENTS_S3_FORCE_PATH_STYLE
 * (credentials from the AWS SDK's default chain); otherwise files under DOCUMENTS_DIR (default
 * DATA_DIR/documents).
 */
export function documentsConfigOf(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  cwd: string,
): DocumentsConfig {
  const value = (name: (typeof DOCUMENTS_ENV_VARIABLES)[number]) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const problems: string[] = [];
  const rawMax = value('DOCUMENTS_MAX_BYTES');
  const maxBytes = rawMax === undefined ? DEFAULT_DOCUMENT_MAX_BYTES : Number(rawMax);
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_DOCUMENT_MAX_BYTES) {
    problems.push(
      `DOCUMENTS_MAX_BYTES must be a whole number of bytes from 1 to ${MAX_DOCUMENT_MAX_BYTES} (got ${rawMax})`,
    );
  }
  const pathStyle = value('DOCUMENTS_S3_FORCE_PATH_STYLE');
  if (pathStyle !== undefined && pathStyle !== 'true' && pathStyle !== 'false')
    problems.push('DOCUMENTS_S3_FORCE_PATH_STYLE must be true or false');
  const bucket = value('DOCUMENTS_S3_BUCKET');
  if (!bucket && (value('DOCUMENTS_S3_ENDPOINT') || value('DOCUMENTS_S3_PREFIX')))
    problems.push('DOCUMENTS_S3_ENDPOINT and DOCUMENTS_S3_PREFIX need DOCUMENTS_S3_BUCKET');
  if (problems.length > 0) throw new ConfigError(problems);
  const store: DocumentStoreConfig = bucket
    ? {
        kind: 's3',
        bucket,
        prefix: value('DOCUMENTS_S3_PREFIX') ?? '',
        endpoint: value('DOCUMENTS_S3_ENDPOINT'),
        region: value('DOCUMENTS_S3_REGION'),
        forcePathStyle: pathStyle === undefined ? undefined : pathStyle === 'true',
      }
    : { kind: 'filesystem', root: resolve(cwd, value('DOCUMENTS_DIR') ?? join(dataDir, 'documents')) };
  return { maxBytes, store };
}

export function openBlobStore(store: DocumentStoreConfig): BlobStore {
  if (store.kind === 'filesystem') return new FilesystemBlobStore(store.root);
  return new S3BlobStore({
    bucket: store.bucket,
    prefix: store.prefix,
    ...(store.endpoint ? { endpoint: store.endpoint } : {}),
    ...(store.region ? { region: store.region } : {}),
    ...(store.forcePathStyle !== undefined ? { forcePathStyle: store.forcePathStyle } : {}),
  });
}
