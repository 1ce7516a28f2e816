import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/app-config';
import { openInfrastructure } from '../src/infrastructure/open-infrastructure';
import { startTestApp } from './support/test-app';

const dataDir = mkdtempSync(join(tmpdir(), 'complaints-infra-'));
const keys = { keysDir: `${dataDir}-keys`, kekRotationAfterErasure: { mode: 'immediate' } } as const;
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keys.keysDir, { recursive: true, force: true });
});

describe('opening the store chosen by the configuration', () => {
  it('fails the start when EventStoreDB cannot be reached, and leaves the read-model store closed', async () => {
    const config = loadConfig({ EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false', DATA_DIR: dataDir });
    expect(config.store.kind).toBe('eventstoredb');
    await expect(openInfrastructure(config.store, { keys })).rejects.toThrow();
    // The embedded directory lock was released: the same directory opens again.
    const reopened = await openInfrastructure({ kind: 'embedded', dataDir }, { keys });
    await expect(reopened.ping()).resolves.toBeUndefined();
    await reopened.close();
  });
});

describe('when the store goes away', () => {
  it('answers /ready with 503 and requests with a generic 500 problem, logged with the correlation id', async () => {
    const t = await startTestApp();
    try {
      const officer = await t.token('complaints_officer');
      await t.infrastructure.close();
      const ready = await t.http.get('/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);

      const res = await t.http
        .get('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .set('X-Correlation-Id', 'broken-store-1');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        type: '/problems/internal',
        title: 'Internal error',
        status: 500,
        detail: expect.stringContaining('correlation id'),
        correlationId: 'broken-store-1',
      });
      const logged = t.logs.find(
        (line) => line['msg'] === 'unhandled error' && line['correlationId'] === 'broken-store-1',
      );
      expect(logged).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
