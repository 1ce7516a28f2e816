import { randomUUID } from 'node:crypto';
import type { Actor } from '@complaints/contracts';
import type { ComplaintEventStore, GlobalPosition } from '@complaints/event-store';

const OFFICER: Actor = { id: 'u-officer', name: 'Priya Shah', role: 'complaints_officer' };

/** Record a new complaint (one ComplaintReceived) as a command would; returns its global position. */
export async function receiveComplaint(
  complaints: ComplaintEventStore,
  complaintId = randomUUID(),
): Promise<{ complaintId: string; position: GlobalPosition }> {
  const result = await complaints.append(
    complaintId,
    [
      {
        type: 'ComplaintReceived',
        data: {
          occurredAt: '2026-03-02T10:00:00Z',
          complaintId,
          reference: `CMP-${complaintId.slice(0, 8)}`,
          dataSubjectId: `ds-${complaintId}`,
          channel: 'email',
          complainant: { name: 'Margaret Ellis', email: 'margaret.ellis@example.org' },
          serviceArea: 'Repairs',
          description: 'Black mould keeps coming back on the bedroom wall',
        },
      },
    ],
    { expectedRevision: 0, actor: OFFICER, correlationId: randomUUID(), dataSubjectId: `ds-${complaintId}` },
  );
  return { complaintId, position: result.lastPosition };
}
