import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkingDayCalendar } from '@complaints/domain';
import { findComplaintSummary } from '@complaints/projections';
import { createTestDatabase, findPostgresServer, type TestDatabase } from '@complaints/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openInfrastructure, readModelProjections, startBackgroundWork, type BackgroundWork, type Infrastructure, type StoreConfig } from '../src';
import { receiveComplaint } from './support/complaints';

const calendar = createWorkingDayCalendar();
const quiet = { info: () => undefined, warning: () => undefined };

/**
 * The background work as both processes start it. The poll interval is a minute, so a read model
 * that catches up within the test was woken by the store's append signal (NOTIFY here).
 */
function backgroundWorkSuite(name: string, provideStore: () => Promise<{ store: StoreConfig; dispose(): Promise<void> } | { skip: string }>) {
  describe(name, async () => {
    const provided = await provideStore();
    if ('skip' in provided) {
      console.warn(`[runtime] ${name} SKIPPED: ${provided.skip}`);
      it.skip(`skipped: ${provided.skip}`, () => undefined);
      return;
    }
    let infrastructure: Infrastructure | undefined;
    let work: BackgroundWork | undefined;
    afterEach(async () => {
      await work?.stop();
      await infrastructure?.close();
      await provided.dispose();
    });

    it('keeps every read model up to date, woken by appends, and reports their lag as Prometheus metrics', async () => {
      infrastructure = await openInfrastructure(provided.store);
      work = await startBackgroundWork({ infrastructure, projections: readModelProjections({ calendar }), logger: quiet, pollIntervalMs: 60_000 });
      const { complaintId, position } = await receiveComplaint(infrastructure.complaints);

      // No waitForPosition first (a waiter wakes the runners itself): only the append signal can.
      const sql = infrastructure.sql;
      await expect.poll(() => findComplaintSummary(sql, complaintId, '2026-03-03'), { timeout: 20_000 }).toMatchObject({ id: complaintId, status: 'open', stage: 1 });
      expect(await work.engine.waitForPosition(position, 20_000)).toBe(true);
      const metrics = await work.metrics();
      for (const projection of readModelProjections({ calendar })) {
        expect(metrics).toContain(`projection_lag_events{projection="${projection.name}"} 0\n`);
      }
    });
  });
}

backgroundWorkSuite('background work [embedded PGlite]', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-runtime-'));
  return { store: { kind: 'embedded', dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
});

backgroundWorkSuite('background work [PostgreSQL]', async () => {
  const server = await findPostgresServer();
  if ('skip' in server) return server;
  const database: TestDatabase = await createTestDatabase(server);
  return {
    store: { kind: 'postgres', url: database.connectionString },
    dispose: async () => {
      await database.dispose();
      await server.stop();
    },
  };
});
