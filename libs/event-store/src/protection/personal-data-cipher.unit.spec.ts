import { randomUUID } from 'node:crypto';
import { ERASED } from '@complaints/contracts';
import { KeyDestroyedError } from '../port/key-store.port';
import { describe, expect, it } from 'vitest';
import { InMemoryKeyStore } from '../memory/in-memory-key-store';
import { isEncryptedField } from './encrypted-field';
import { PersonalDataCipher } from './personal-data-cipher';
import { MissingDataSubjectError, PersonalDataIntegrityError } from './personal-data-errors';

const SUBJECT = 'subject-1';

function acknowledgement(eventId = randomUUID()) {
  return {
    eventId,
    type: 'ComplaintAcknowledged',
    schemaVersion: 1,
    dataSubjectId: SUBJECT,
    data: {
      occurredAt: '2026-03-04T10:00:00.000Z',
      stage: 1,
      handler: { id: 'h-1', name: 'Sam Handler' },
      headsOfComplaint: ['Leaking roof', 'Rude operative'],
      outcomesSought: ['Repair the roof'],
    },
  };
}

describe('PersonalDataCipher', () => {
  it('encrypts exactly the personal paths, as {$enc, iv, tag, ct}, and leaves the rest readable', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const stored = (await cipher.protect(acknowledgement())) as Record<string, unknown>;

    expect(stored['stage']).toBe(1);
    expect(stored['handler']).toEqual({ id: 'h-1', name: 'Sam Handler' });
    const heads = stored['headsOfComplaint'] as unknown[];
    expect(heads).toHaveLength(2);
    for (const value of [...heads, ...(stored['outcomesSought'] as unknown[])]) {
      expect(isEncryptedField(value)).toBe(true);
      expect(Buffer.from((value as { iv: string }).iv, 'base64')).toHaveLength(12);
    }
    expect(JSON.stringify(stored)).not.toMatch(/Leaking roof|Rude operative|Repair the roof/);
  });

  it('uses a fresh IV for every value, so equal plaintexts do not produce equal ciphertexts', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const event = {
      ...acknowledgement(),
      data: { ...acknowledgement().data, headsOfComplaint: ['Same text', 'Same text'] },
    };
    const stored = (await cipher.protect(event)) as { headsOfComplaint: { ct: string; iv: string }[] };
    expect(stored.headsOfComplaint[0]!.iv).not.toBe(stored.headsOfComplaint[1]!.iv);
    expect(stored.headsOfComplaint[0]!.ct).not.toBe(stored.headsOfComplaint[1]!.ct);
  });

  it('reveals what it protected', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const event = acknowledgement();
    const stored = await cipher.protect(event);
    expect(await cipher.reveal({ ...event, data: stored })).toEqual({ data: event.data, erased: false });
  });

  it('reads every personal value as ERASED once the key is destroyed, and refuses new personal data for that subject', async () => {
    const keys = new InMemoryKeyStore();
    const cipher = new PersonalDataCipher(keys);
    const event = acknowledgement();
    const stored = await cipher.protect(event);
    await keys.destroyKey(SUBJECT, new Date('2026-09-01T00:00:00Z'));

    const revealed = await cipher.reveal({ ...event, data: stored });
    expect(revealed.erased).toBe(true);
    expect(revealed.data).toMatchObject({ stage: 1, headsOfComplaint: [ERASED, ERASED], outcomesSought: [ERASED] });
    await expect(cipher.protect(acknowledgement())).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('reads fields an old version held in clear (written before they were personal) as ERASED once the key is destroyed, and as they are before', async () => {
    const keys = new InMemoryKeyStore();
    const cipher = new PersonalDataCipher(keys);
    // ComplaintAcknowledged v1 encrypts its heads; a v2 reassignment held its reason in clear.
    const ack = acknowledgement();
    const ackStored = await cipher.protect(ack);
    const assigned = {
      eventId: randomUUID(),
      type: 'ComplaintAssigned',
      schemaVersion: 2,
      dataSubjectId: SUBJECT,
      data: {
        occurredAt: '2026-03-04T11:00:00.000Z',
        stage: 1,
        handler: { id: 'h-2', name: 'Alex' },
        reason: 'Mrs Ellis asked for a new officer',
      },
    };
    expect(await cipher.protect(assigned)).toEqual(assigned.data);
    // LessonRecorded v1 had no personal field at all: all of it sits in clear, nothing to decrypt.
    const lesson = {
      eventId: randomUUID(),
      type: 'LessonRecorded',
      schemaVersion: 1,
      dataSubjectId: SUBJECT,
      data: {
        occurredAt: '2026-03-04T10:00:00.000Z',
        lessonId: 'L1',
        lesson: 'Mrs Ellis was not called back',
        owner: 'Head of Repairs',
      },
    };
    expect(await cipher.protect(lesson)).toEqual(lesson.data);
    expect(await cipher.revealAll([{ ...ack, data: ackStored }, assigned, lesson])).toEqual([
      { data: ack.data, erased: false },
      { data: assigned.data, erased: false },
      { data: lesson.data, erased: false },
    ]);

    await keys.destroyKey(SUBJECT, new Date('2026-09-01T00:00:00Z'));
    const [ackAfter, assignedAfter, lessonAfter] = await cipher.revealAll([
      { ...ack, data: ackStored },
      assigned,
      lesson,
    ]);
    expect(ackAfter).toEqual({
      erased: true,
      data: { ...ack.data, headsOfComplaint: [ERASED, ERASED], outcomesSought: [ERASED] },
    });
    expect(assignedAfter).toEqual({ erased: true, data: { ...assigned.data, reason: ERASED } });
    expect(lessonAfter).toEqual({ erased: true, data: { ...lesson.data, lesson: ERASED, owner: ERASED } });
    // The stored copies are the same as before (they are hashed): only the reading changed.
    expect(assigned.data.reason).toBe('Mrs Ellis asked for a new officer');
    expect(lesson.data.lesson).toBe('Mrs Ellis was not called back');
  });

  it('refuses to protect personal values without a data subject, but lets events without personal values through', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    await expect(cipher.protect({ ...acknowledgement(), dataSubjectId: undefined })).rejects.toBeInstanceOf(
      MissingDataSubjectError,
    );

    const withoutPersonalValues = {
      ...acknowledgement(),
      dataSubjectId: undefined,
      data: { ...acknowledgement().data, headsOfComplaint: [], outcomesSought: [] },
    };
    expect(await cipher.protect(withoutPersonalValues)).toEqual(withoutPersonalValues.data);
  });

  it('reports a changed ciphertext as an integrity failure of that field', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const event = acknowledgement();
    const stored = (await cipher.protect(event)) as { outcomesSought: { ct: string }[] };
    const ct = Buffer.from(stored.outcomesSought[0]!.ct, 'base64');
    ct[0] = ct[0]! ^ 0x01;
    stored.outcomesSought[0]!.ct = ct.toString('base64');

    const error = await cipher.reveal({ ...event, data: stored }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonalDataIntegrityError);
    expect(error).toMatchObject({ eventId: event.eventId, path: 'outcomesSought[]', problem: 'undecryptable' });
  });

  it('refuses a ciphertext moved to another event, or swapped between elements of one array', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const first = acknowledgement();
    const second = acknowledgement();
    const storedFirst = (await cipher.protect(first)) as { headsOfComplaint: unknown[] };
    const storedSecond = (await cipher.protect(second)) as { headsOfComplaint: unknown[] };

    const moved = {
      ...storedSecond,
      headsOfComplaint: [storedFirst.headsOfComplaint[0], storedSecond.headsOfComplaint[1]],
    };
    await expect(cipher.reveal({ ...second, data: moved })).rejects.toMatchObject({
      problem: 'undecryptable',
      path: 'headsOfComplaint[]',
    });

    const swapped = {
      ...storedFirst,
      headsOfComplaint: [storedFirst.headsOfComplaint[1], storedFirst.headsOfComplaint[0]],
    };
    await expect(cipher.reveal({ ...first, data: swapped })).rejects.toBeInstanceOf(PersonalDataIntegrityError);
  });

  it('refuses a ciphertext moved to another field of the same event', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const event = acknowledgement();
    const stored = (await cipher.protect(event)) as { headsOfComplaint: unknown[]; outcomesSought: unknown[] };
    const moved = { ...stored, outcomesSought: [stored.headsOfComplaint[0]] };
    await expect(cipher.reveal({ ...event, data: moved })).rejects.toMatchObject({
      problem: 'undecryptable',
      path: 'outcomesSought[]',
    });
  });

  it('reports a personal value stored in clear text instead of showing it', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const event = acknowledgement();
    await cipher.protect(event); // the subject has a key
    await expect(cipher.reveal(event)).rejects.toMatchObject({ problem: 'not-encrypted' });
  });

  it('reports encrypted data whose subject has no key in this key store', async () => {
    const event = acknowledgement();
    const stored = await new PersonalDataCipher(new InMemoryKeyStore()).protect(event);
    const elsewhere = new PersonalDataCipher(new InMemoryKeyStore());
    await expect(elsewhere.reveal({ ...event, data: stored })).rejects.toMatchObject({ problem: 'unknown-key' });
  });

  it('uses the personal paths of the version the event was written under', async () => {
    const cipher = new PersonalDataCipher(new InMemoryKeyStore());
    const v1 = {
      eventId: randomUUID(),
      type: 'ComplaintReceived',
      schemaVersion: 1,
      dataSubjectId: 'complaint-1',
      data: {
        occurredAt: '2026-03-02T09:00:00.000Z',
        complaintId: 'complaint-1',
        reference: 'CMP-1',
        channel: 'phone',
        complainantName: 'Owain Glyn',
        complainantPhone: '029 2000 0000',
        serviceArea: 'repairs',
        description: 'Boiler broken',
      },
    };
    const stored = (await cipher.protect(v1)) as Record<string, unknown>;
    expect(isEncryptedField(stored['complainantName'])).toBe(true);
    expect(isEncryptedField(stored['complainantPhone'])).toBe(true);
    expect(isEncryptedField(stored['description'])).toBe(true);
    expect(stored['reference']).toBe('CMP-1');
  });
});
