import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '@complaints/testing';
import { describe, expect, it } from 'vitest';
import { FilesystemBlobStore } from '../src';

describeBlobStoreContract('filesystem', async () => {
  const root = mkdtempSync(join(tmpdir(), 'complaints-blobs-'));
  return {
    store: new FilesystemBlobStore(root),
    reopen: async () => new FilesystemBlobStore(root),
    teardown: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('filesystem blob store', () => {
  it('leaves no temporary file behind a put, and keeps the key as a path under its root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'complaints-blobs-'));
    try {
      await new FilesystemBlobStore(root).put('c-1/abc', Buffer.from('bytes'));
      expect(await readdir(join(root, 'c-1'))).toEqual(['abc']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
