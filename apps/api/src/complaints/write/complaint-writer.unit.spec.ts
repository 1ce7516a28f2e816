import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ComplaintEventStore,
  InMemoryEventStore,
  InMemoryKeyStore,
  systemClock,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
} from '@complaints/event-store';
import { ProblemException } from '../../http/problem';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import { ComplaintWriter, CONCURRENT_CHANGE_RETRY_AFTER_SECONDS } from './complaint-writer';
import type { WriteContext } from './write-context';
import { writes } from './write-definitions';

/** The in-memory store, where, once `busy`, someone else always got in first. */
class BusyStore extends InMemoryEventStore {
  busy = false;
  override append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.busy) return Promise.reject(new WrongExpectedRevisionError(streamId, options.expectedRevision, 99));
    return super.append(streamId, events, options);
  }
}

const context: WriteContext = {
  actor: { id: 'u-1', name: 'Ann Officer', role: 'complaints_officer' },
  correlationId: 'corr-1',
  ifMatch: undefined,
};

describe('ComplaintWriter on a complaint that never stops changing', () => {
  it('answers 409 concurrent-change with Retry-After once every attempt lost the race', async () => {
    const store = new BusyStore();
    const complaints = new ComplaintEventStore({ store, keys: new InMemoryKeyStore() });
    const writer = new ComplaintWriter({ complaints } as unknown as Infrastructure, systemClock);
    const id = randomUUID();
    await writer.write(
      id,
      writes.receive,
      {
        receivedAt: '2026-03-02T09:15:00Z',
        channel: 'phone',
        complainant: { name: 'Jane Resident' },
        serviceArea: 'repairs',
        description: 'Black mould keeps coming back.',
        reference: 'CMP-2026-000001',
        dataSubjectId: randomUUID(),
      },
      context,
    );
    store.busy = true;

    const error = await writer
      .write(
        id,
        writes.logContact,
        { direction: 'outbound', channel: 'phone', reached: false, summary: 'No answer' },
        context,
      )
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProblemException);
    const problem = error as ProblemException;
    expect(problem.problem).toMatchObject({ status: 409, type: expect.stringMatching(/concurrent-change$/) });
    expect(problem.headers).toEqual({ 'Retry-After': String(CONCURRENT_CHANGE_RETRY_AFTER_SECONDS) });
  });
});
