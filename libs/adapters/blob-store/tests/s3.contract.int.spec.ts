import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { describeBlobStoreContract } from '@complaints/testing';
import { S3BlobStore } from '../src';

const BUCKET = 'complaint-documents';

/**
 * The S3 adapter against s3rver, a local S3-compatible server started in this process on
 * loopback. If it cannot start, the suite skips with the reason; under CI=true it fails instead.
 */
describeBlobStoreContract('S3 (s3rver)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'complaints-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  let address: AddressInfo;
  try {
    address = (await server.run()) as AddressInfo;
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    const reason = `s3rver could not start on 127.0.0.1: ${error instanceof Error ? error.message : String(error)}`;
    if (process.env['CI'] === 'true') throw new Error(reason);
    return { skip: reason };
  }
  const open = () =>
    new S3BlobStore({
      bucket: BUCKET,
      prefix: 'documents/',
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'eu-west-2',
      // s3rver's fixed development credentials.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  const stores = [open()];
  return {
    store: stores[0]!,
    reopen: async () => {
      const other = open();
      stores.push(other);
      return other;
    },
    teardown: async () => {
      for (const store of stores) store.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
