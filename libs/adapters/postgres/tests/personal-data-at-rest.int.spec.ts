import { testKeyEncryption } from '@complaints/testing';
import { randomUUID } from 'node:crypto';
import type { Actor, ComplaintEvent } from '@complaints/contracts';
import { ComplaintEventStore, verifyChain } from '@complaints/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore, openPostgresStore, type SqlStoreHandle } from '../src';
import { describeWithPostgres } from './support/describe-with-postgres';
import { makeTempDir } from './support/temp-dir';

/**
 * Personal data at rest, read straight from the rows: the store never holds a personal field in
 * clear text, and destroying the data subject's key erases every one of them for every reader
 * while the non-personal facts, the timings and the hash chain stay intact.
 */
const OFFICER: Actor = { id: 'officer-9', name: 'Alex Officer', role: 'complaints_officer' };
const PERSONAL = [
  'Rhiannon Ŵyn Davies',
  'rhiannon.davies@example.org',
  '07700 900456',
  '3 Ffordd y Môr, Aberystwyth',
  'Hearing impaired: contact by text only',
  'Water coming through the ceiling onto my daughter’s cot',
  'Repair the roof and pay for the ruined carpet',
  'Roof leak reported three times',
];

function history(complaintId: string, subject: string): ComplaintEvent[] {
  return [
    {
      type: 'ComplaintReceived',
      data: {
        occurredAt: '2026-02-02T09:00:00.000Z',
        complaintId,
        reference: 'CMP-2026-000777',
        dataSubjectId: subject,
        channel: 'phone',
        complainant: {
          name: PERSONAL[0]!,
          email: PERSONAL[1]!,
          phone: PERSONAL[2]!,
          address: PERSONAL[3]!,
          reasonableAdjustments: PERSONAL[4]!,
        },
        serviceArea: 'repairs',
        category: 'roof',
        description: PERSONAL[5]!,
        outcomeSought: PERSONAL[6]!,
        tenure: 'LCHO',
      },
    },
    {
      type: 'ComplaintAcknowledged',
      data: {
        occurredAt: '2026-02-03T10:00:00.000Z',
        stage: 1,
        handler: { id: 'h-2', name: 'Sam Handler' },
        headsOfComplaint: [PERSONAL[7]!],
        outcomesSought: [],
      },
    },
  ];
}

/** A new complaint with a data subject of its own, received and acknowledged through the facade. */
async function recordComplaint(handle: SqlStoreHandle) {
  const complaintId = randomUUID();
  const subject = `subject-${randomUUID()}`;
  const store = new ComplaintEventStore({ store: handle.eventStore, keys: handle.keyStore });
  await store.append(complaintId, history(complaintId, subject), {
    expectedRevision: 'no_stream',
    actor: OFFICER,
    correlationId: randomUUID(),
    dataSubjectId: subject,
  });
  return { store, complaintId, subject };
}

function registerCases(handle: () => SqlStoreHandle): void {
  it('stores no personal field in clear text, only ciphertexts, and reads them back for authorised readers', async () => {
    const { store, complaintId } = await recordComplaint(handle());

    const rows = await handle().sql.query<{ data: string; metadata: string }>(
      'SELECT data::text AS data, metadata::text AS metadata FROM events WHERE stream_id = $1 ORDER BY revision',
      [ComplaintEventStore.streamIdOf(complaintId)],
    );
    expect(rows).toHaveLength(2);
    const raw = rows.map((row) => row.data + row.metadata).join('\n');
    for (const value of PERSONAL) expect(raw, value).not.toContain(value);
    // The facts that are not personal stay readable for statistics.
    expect(raw).toContain('repairs');
    expect(raw).toContain('CMP-2026-000777');
    expect(raw).toContain('"$enc"');

    const loaded = await store.load(complaintId);
    const receivedData = loaded.envelopes[0]!.event.data as { complainant: { name: string }; description: string };
    expect(receivedData.complainant.name).toBe(PERSONAL[0]);
    expect(receivedData.description).toBe(PERSONAL[5]);
  });

  it('erasing the subject key makes every personal field read as erased, keeping facts, timings and the chain', async () => {
    const { store, complaintId, subject } = await recordComplaint(handle());

    expect(await store.erase(subject, new Date('2026-06-01T00:00:00Z'))).toBe(true);

    const keyRows = await handle().sql.query<{ wrapped_key: unknown; destroyed_at: unknown }>(
      'SELECT wrapped_key, destroyed_at FROM subject_keys WHERE data_subject_id = $1',
      [subject],
    );
    expect(keyRows).toHaveLength(1);
    expect(keyRows[0]!.wrapped_key).toBeNull();
    expect(keyRows[0]!.destroyed_at).not.toBeNull();

    const { envelopes } = await store.load(complaintId);
    const text = JSON.stringify(envelopes.map((e) => e.event));
    for (const value of PERSONAL) expect(text, value).not.toContain(value);
    const received = envelopes[0]!.event.data as {
      complainant: unknown;
      serviceArea: string;
      occurredAt: string;
      tenure: string;
    };
    expect(received.complainant).toBe('[erased]');
    expect(received.serviceArea).toBe('repairs');
    expect(received.tenure).toBe('LCHO');
    expect(received.occurredAt).toBe('2026-02-02T09:00:00.000Z');
    expect(envelopes.every((e) => e.personalDataErased)).toBe(true);

    // Erasure changes what readers see, never the stored bytes: the chain still verifies.
    const report = verifyChain(
      ComplaintEventStore.streamIdOf(complaintId),
      await handle().eventStore.readStream(ComplaintEventStore.streamIdOf(complaintId)),
    );
    expect(report.valid).toBe(true);
    expect(report.eventsChecked).toBe(2);
  });
}

describe('personal data at rest: embedded (PGlite)', () => {
  const dir = makeTempDir('personal');
  let handle: SqlStoreHandle;
  beforeAll(async () => {
    handle = await openEmbeddedStore({ dataDir: dir.path, ...testKeyEncryption() });
  }, 60_000);
  afterAll(async () => {
    await handle.close();
    dir.remove();
  });
  registerCases(() => handle);
});

describeWithPostgres('personal data at rest: PostgreSQL', (database) => {
  let handle: SqlStoreHandle;
  beforeAll(async () => {
    handle = await openPostgresStore({ connectionString: database().connectionString, ...testKeyEncryption() });
  });
  afterAll(async () => {
    await handle.close();
  });
  registerCases(() => handle);
});
