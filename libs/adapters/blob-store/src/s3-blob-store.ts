import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { createRequire } from 'node:module';
import { assertBlobKey, type BlobStore } from '@complaints/event-store';

// The AWS SDK is loaded when an S3 store is made (DOCUMENTS_S3_BUCKET), not when this library is: the
// filesystem store, the default, never loads it (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const s3Sdk = (): typeof S3Sdk => load('@aws-sdk/client-s3') as typeof S3Sdk;

export interface S3BlobStoreOptions {
  bucket: string;
  /** Prepended to every key ('complaints/' keeps the documents apart in a shared bucket). Default none. */
  prefix?: string;
  /** An S3-compatible server (MinIO, Ceph, a cloud's S3 API); unset: AWS S3 itself. */
  endpoint?: string;
  region?: string;
  /**
   * Path-style URLs (https://host/bucket/key): what S3-compatible servers expect. Default: on
   * when an endpoint is given.
   */
  forcePathStyle?: boolean;
  /** Explicit credentials; unset: the SDK's default chain (environment, shared files, instance role). */
  credentials?: S3ClientConfig['credentials'];
}

/**
 * Blobs as objects in an S3 bucket (docs/documents.md, "Adapters"). S3 writes are atomic per
 * object and durable once acknowledged, and DELETE of a missing object succeeds: the port's
 * contract holds as S3 defines it.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly sdk = s3Sdk();
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new this.sdk.S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region ?? 'eu-west-2',
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(key),
        Body: bytes,
        ContentLength: bytes.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }),
      );
      if (!object.Body) return Buffer.alloc(0);
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Close the client's connections (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }

  private keyOf(key: string): string {
    assertBlobKey(key);
    return this.prefix + key;
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
