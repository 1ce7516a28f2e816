import type { OutboundEvent } from '../../src';

/** A hand-made outbound event, for feeding consumers exact sequences (duplicates, gaps). */
export function outbound(
  complaintId: string,
  revision: number,
  position: number,
  eventId = `${complaintId}-r${revision}`,
): OutboundEvent {
  return {
    eventId,
    position: String(position),
    complaintId,
    type: 'ContactLogged',
    schemaVersion: 1,
    revision,
    occurredAt: '2026-03-05T10:00:00.000Z',
    recordedAt: '2026-03-05T10:00:01.000Z',
    correlationId: `corr-${position}`,
    causationId: null,
    actor: { id: 'u-officer', role: 'complaints_officer' },
    data: { occurredAt: '2026-03-05T10:00:00.000Z', direction: 'outbound', channel: 'phone', reached: true },
    personalDataWithheld: ['summary'],
  };
}
