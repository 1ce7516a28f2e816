import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@complaints/contracts';
import type { NewEvent } from '@complaints/event-store';

/**
 * Small builders for store-level tests: events that satisfy the envelope contract
 * (EventMetadata) without dragging in a whole complaint. The data is free-form on purpose —
 * the store must not care what it carries.
 */
export interface TestEventOptions {
  eventId?: string;
  type?: string;
  schemaVersion?: number;
  data?: unknown;
  metadata?: Partial<EventMetadata>;
}

export const TEST_ACTOR: EventMetadata['actor'] = { id: 'officer-1', name: 'Test Officer', role: 'complaints_officer' };

export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: TEST_ACTOR,
    correlationId: randomUUID(),
    occurredAt: '2026-03-02T09:30:00.000Z',
    ...overrides,
  };
}

export function testEvent(options: TestEventOptions = {}): NewEvent {
  return {
    eventId: options.eventId ?? randomUUID(),
    type: options.type ?? 'TestEventHappened',
    schemaVersion: options.schemaVersion ?? 1,
    data: options.data ?? { note: 'something happened', amountPence: 1250, tags: ['a', 'b'], nested: { ok: true } },
    metadata: testMetadata(options.metadata),
  };
}

/**
 * `count` events that belong to one command: they share a correlation id unless overridden,
 * and each carries its index in `data.n` so order can be checked on the way back.
 */
export function testEvents(count: number, options: (index: number) => TestEventOptions = () => ({})): NewEvent[] {
  const correlationId = randomUUID();
  return Array.from({ length: count }, (_, index) => {
    const own = options(index);
    return testEvent({
      data: { n: index, note: `event ${index}` },
      ...own,
      metadata: { correlationId, ...own.metadata },
    });
  });
}

/** A stream id no other test uses. */
export function uniqueStreamId(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}
