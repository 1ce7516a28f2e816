/** Events of issue 15's casework for the decider's tests, in the scenario of fixtures.ts. */
import type { CalendarDate, ComplaintEvent, Instant } from '@complaints/contracts';
import { manager, officer } from './fixtures';

export const caseworkAt = {
  panelRequested: '2026-03-27T10:00:00Z',
  panelHeldOn: '2026-04-08',
  panelRecorded: '2026-04-08T16:00:00+01:00',
  authorityConfirmed: '2026-03-03T09:00:00Z',
} as const;

export const PANEL_MEMBERS = ['Councillor Ann Hughes', 'Resident panel member Joe Bloggs'];

export const caseworkEvents = {
  panelRequested: (occurredAt: Instant = caseworkAt.panelRequested): ComplaintEvent => ({
    type: 'PanelParticipationRequested',
    data: { occurredAt, requestedBy: 'resident', recordedBy: manager.id },
  }),
  panelHeld: (
    heldOn: CalendarDate = caseworkAt.panelHeldOn,
    occurredAt: Instant = caseworkAt.panelRecorded,
  ): ComplaintEvent => ({
    type: 'PanelMeetingHeld',
    data: {
      occurredAt,
      heldOn,
      panelMembers: PANEL_MEMBERS,
      outcomeNotes: 'The panel member agreed the fan should be fitted first',
      recordedBy: manager.id,
    },
  }),
  panelDeclined: (occurredAt: Instant = '2026-03-30T10:00:00+01:00'): ComplaintEvent => ({
    type: 'PanelParticipationDeclined',
    data: { occurredAt, reason: 'No panel member free before the response is due', recordedBy: manager.id },
  }),
  headsAdded: (stage: 1 | 2, heads: string[], occurredAt: Instant): ComplaintEvent => ({
    type: 'HeadsOfComplaintAdded',
    data: { occurredAt, stage, heads, recordedBy: officer.id },
  }),
  authorityRecorded: (
    occurredAt: Instant = caseworkAt.authorityConfirmed,
    expiresOn?: CalendarDate,
  ): ComplaintEvent => ({
    type: 'RepresentativeAuthorityRecorded',
    data: { occurredAt, basis: 'power_of_attorney', ...(expiresOn ? { expiresOn } : {}), confirmedBy: officer.id },
  }),
  authorityWithdrawn: (occurredAt: Instant): ComplaintEvent => ({
    type: 'RepresentativeAuthorityWithdrawn',
    data: { occurredAt, withdrawnBy: officer.id },
  }),
};
