import { describe, expect, it } from 'vitest';
import { currentEvents } from './registry';
import { upcast } from './upcasting';

describe("issue 15's casework events", () => {
  it('reads a v2 contact as a v3 contact with the resident (no `with`), and refuses anyone else', () => {
    const v2 = { occurredAt: '2026-03-03T10:00:00Z', direction: 'outbound', channel: 'phone', reached: true };
    expect(upcast('ContactLogged', 2, v2).data).toEqual(v2);
    expect(currentEvents.ContactLogged.schema.safeParse({ ...v2, with: 'representative' }).success).toBe(true);
    expect(currentEvents.ContactLogged.schema.safeParse({ ...v2, with: 'neighbour' }).success).toBe(false);
  });

  it('holds the names, notes, reasons and heads as personal data, and the link, basis and requester in clear', () => {
    expect(currentEvents.PanelMeetingHeld.personal).toEqual(['panelMembers[]', 'outcomeNotes']);
    expect(currentEvents.PanelParticipationDeclined.personal).toEqual(['reason']);
    expect(currentEvents.HeadsOfComplaintAdded.personal).toEqual(['heads[]']);
    expect(currentEvents.RepresentativeAuthorityWithdrawn.personal).toEqual(['reason']);
    expect(currentEvents.ComplaintLinked.personal).toEqual([]);
    expect(currentEvents.RepresentativeAuthorityRecorded.personal).toEqual([]);
    expect(currentEvents.PanelParticipationRequested.personal).toEqual([]);
  });
});
