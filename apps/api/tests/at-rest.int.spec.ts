import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createTestDatabase,
  currentWalSegment,
  describeOnPostgres,
  markersFound,
  newMarker,
  plantClearControls,
  scanFiles,
  scanHeapPages,
  scanWal,
  withPgliteDirectory,
  type ClearControls,
  type Finding,
  type RawSql,
} from '@complaints/testing';
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../src/read-models/read-models.service';
import { driveComplaintLife, personalMarkersOf } from './support/at-rest-case';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Nothing personal in clear at rest (docs/data-protection.md, "The read side"): a complaint's
 * whole life through the service with a marker in every personal field, the read models caught
 * up, the service stopped, and the store's raw files searched byte for byte — before the
 * erasure, and after it (dead rows and WAL included). Each scan must also find what is stored
 * in clear on purpose (ClearControls, and the service area: a label, no personal data), or a
 * "not found" would prove nothing. Reads show the personal text to the roles entitled to it
 * before, and the erased marker after.
 */
const BUDGET = 240_000;

interface Store {
  /** Start the service on this store (again, after a stop). */
  start(): Promise<TestApp>;
  /** Every raw read of the stopped store: what it finds of `markers`. */
  scan(markers: readonly string[]): Promise<Finding[]>;
  /** The marker positive control that only a decompressing scan can see. */
  seesCompressed: boolean;
  dispose(): Promise<void>;
}

function lifeAndErasure(store: () => Promise<Store>) {
  return async () => {
    const s = await store();
    let running: TestApp | undefined;
    const start = async () => (running = await s.start());
    const stop = async (app: TestApp) => {
      running = undefined;
      await app.close();
    };
    try {
      let t = await start();
      const { id, serviceAreaMarker } = await driveComplaintLife(t);
      await t.app.get(ReadModels).caughtUp();
      const personal = await personalMarkersOf(t, id);
      // Every kind of personal field the life wrote is looked for: name, email, phone, address, the resident's words, heads, reasons…
      expect(personal.length).toBeGreaterThanOrEqual(15);
      const controls = await plantClearControls(t.infrastructure.sql);
      const auditor = await t.token('auditor');

      const chronology = await t.http.get(`/api/v1/complaints/${id}/chronology`).auth(auditor, { type: 'bearer' });
      expect(chronology.status).toBe(200);
      const openedMarkers = personal.filter((marker) => JSON.stringify(chronology.body).includes(marker));
      // The chronology reads the resident's name and words (sealed at rest, opened for the auditor).
      expect(openedMarkers.length).toBeGreaterThan(5);
      const logControl = await logsAPath(t);
      await stop(t);

      await expectNothingPersonal(s, personal, controls, serviceAreaMarker);
      expectLogs(t, personal, logControl);

      t = await start();
      const admin = await t.token('admin');
      const erased = await t.http
        .post(`/api/v1/complaints/${id}/personal-data/erasure`)
        .auth(admin, { type: 'bearer' })
        .send({ erasedAt: '2026-11-30T10:00:00Z', reason: 'Retention period ended' });
      expect(erased.status, JSON.stringify(erased.body)).toBe(200);
      await t.app.get(ReadModels).caughtUp();
      const view = await t.http.get(`/api/v1/complaints/${id}`).auth(auditor, { type: 'bearer' });
      expect(view.body.complainant).toBe('[erased]');
      const after = await t.http.get(`/api/v1/complaints/${id}/chronology`).auth(auditor, { type: 'bearer' });
      expect(JSON.stringify(after.body)).toContain('[erased]');
      const lessons = await t.http.get('/api/v1/lessons').auth(auditor, { type: 'bearer' });
      expect(lessons.status).toBe(200);
      expect(JSON.stringify(lessons.body)).toContain('[erased]');
      for (const marker of personal) {
        expect(JSON.stringify(after.body), marker).not.toContain(marker);
        expect(JSON.stringify(view.body), marker).not.toContain(marker);
        expect(JSON.stringify(lessons.body), marker).not.toContain(marker);
      }
      const logControlAfter = await logsAPath(t);
      await stop(t);

      await expectNothingPersonal(s, personal, controls, serviceAreaMarker);
      expectLogs(t, personal, logControlAfter);
    } finally {
      // A failed run still stops the service before its store goes.
      if (running) await running.close().catch(() => undefined);
      await s.dispose();
    }
  };

  async function expectNothingPersonal(s: Store, personal: readonly string[], controls: ClearControls, label: string) {
    const found = markersFound(await s.scan([...personal, controls.live, controls.dead, controls.compressed, label]));
    expect(found.has(controls.live), 'positive control: a live clear row').toBe(true);
    expect(found.has(controls.dead), 'positive control: a dead clear row').toBe(true);
    expect(found.has(label), 'positive control: the service area, in clear by design').toBe(true);
    if (s.seesCompressed)
      expect(found.has(controls.compressed), 'positive control: a compressed clear value').toBe(true);
    expect(personal.filter((marker) => found.has(marker))).toEqual([]);
  }
}

/** A request whose path carries a marker: the request log line must show it (the logs' positive control). */
async function logsAPath(t: TestApp): Promise<string> {
  const marker = newMarker();
  await t.http.get(`/api/v1/${marker}`).auth(await t.token('auditor'), { type: 'bearer' });
  return marker;
}

function expectLogs(t: TestApp, personal: readonly string[], control: string) {
  const logs = JSON.stringify(t.logs);
  expect(logs).toContain(control);
  expect(personal.filter((marker) => logs.includes(marker))).toEqual([]);
}

describe('nothing personal in clear at rest [embedded PGlite]', () => {
  it(
    'a complaint’s life leaves no personal marker in any file of DATA_DIR (decompressed pages too), before or after erasure; reads open it, then show it erased',
    lifeAndErasure(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'complaints-at-rest-'));
      // The store's own keys, beside DATA_DIR (never inside): the restart after the scan needs them again.
      const keysDir = `${dataDir}-keys`;
      return {
        // DATABASE_URL empty: the embedded store, whatever the environment says.
        start: () => startTestApp({ DATA_DIR: dataDir, KEYS_DIR: keysDir, DATABASE_URL: '' }),
        scan: async (markers) => {
          // The files first: opening the directory again replays and checkpoints the WAL.
          const files = scanFiles(dataDir, markers);
          const pages = await withPgliteDirectory(join(dataDir, 'pgdata'), (sql) => scanHeapPages(sql, markers));
          return [...files, ...pages.findings];
        },
        seesCompressed: true,
        dispose: async () => {
          rmSync(dataDir, { recursive: true, force: true });
          rmSync(keysDir, { recursive: true, force: true });
        },
      };
    }),
    BUDGET,
  );
});

describeOnPostgres('nothing personal in clear at rest [PostgreSQL]', (server) => {
  it(
    'a complaint’s life leaves no personal marker in the database’s heap pages (dead rows, TOAST, decompressed) or the WAL, before or after erasure',
    lifeAndErasure(async () => {
      const database = await createTestDatabase(server);
      const client = new Client({ connectionString: database.connectionString });
      await client.connect();
      const sql: RawSql = {
        query: async <Row>(text: string, params: readonly unknown[] = []) =>
          (await client.query(text, [...params])).rows as Row[],
      };
      const fromSegment = await currentWalSegment(sql);
      // The database's own keys, for every start on it (as instances of one deployment share KEYS_DIR).
      const keysDir = mkdtempSync(join(tmpdir(), 'complaints-at-rest-keys-'));
      return {
        start: () => startTestApp({ DATABASE_URL: database.connectionString, KEYS_DIR: keysDir }),
        scan: async (markers) => [
          ...(await scanHeapPages(sql, markers)).findings,
          ...(await scanWal(sql, markers, fromSegment)).findings,
        ],
        seesCompressed: true,
        dispose: async () => {
          await client.end();
          await database.dispose();
          rmSync(keysDir, { recursive: true, force: true });
        },
      };
    }),
    BUDGET,
  );
});
