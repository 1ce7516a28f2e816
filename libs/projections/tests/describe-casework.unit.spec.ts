import { describe, expect, it } from 'vitest';
import { describeEvent } from '../src/chronology/describe-event';

const at = '2026-03-10T10:00:00Z';

describe("the chronology's sentences for panel participation, related issues and representative authority", () => {
  it('names the new complaint logged for an unrelated issue, and the earlier one on the new complaint', () => {
    expect(
      describeEvent({
        type: 'ComplaintLinked',
        data: {
          occurredAt: at,
          relation: 'new_complaint_logged',
          linkedComplaintId: 'c-2',
          linkedReference: 'CMP-2026-00500',
          stage: 1,
        },
      }),
    ).toBe('New complaint CMP-2026-00500 logged for an unrelated issue raised during stage 1.');
    expect(
      describeEvent({
        type: 'ComplaintLinked',
        data: {
          occurredAt: at,
          relation: 'logged_from',
          linkedComplaintId: 'c-1',
          linkedReference: 'CMP-2026-00412',
          stage: 2,
        },
      }),
    ).toBe('Logged for an unrelated issue raised during stage 2 of complaint CMP-2026-00412.');
  });

  it('says who a contact was with', () => {
    expect(
      describeEvent({
        type: 'ContactLogged',
        data: { occurredAt: at, direction: 'outbound', channel: 'phone', reached: true, with: 'representative' },
      }),
    ).toBe("Contacted the resident's representative by phone.");
    expect(
      describeEvent({
        type: 'ContactLogged',
        data: { occurredAt: at, direction: 'inbound', channel: 'email', reached: true },
      }),
    ).toBe('Contact from the resident by email.');
  });

  it('quotes the panel meeting, the heads added and the authority as recorded', () => {
    expect(
      describeEvent({
        type: 'PanelMeetingHeld',
        data: {
          occurredAt: at,
          heldOn: '2026-04-08',
          panelMembers: ['Ann Hughes', 'Joe Bloggs'],
          outcomeNotes: 'Agreed',
          recordedBy: 'u-1',
        },
      }),
    ).toBe('The stage 2 review met with the panel on 2026-04-08: Ann Hughes; Joe Bloggs. Outcome: Agreed');
    expect(
      describeEvent({
        type: 'HeadsOfComplaintAdded',
        data: { occurredAt: at, stage: 1, heads: ['Noise at night'], recordedBy: 'u-1' },
      }),
    ).toBe('A head of complaint raised during stage 1 added to its definition: Noise at night.');
    expect(
      describeEvent({
        type: 'RepresentativeAuthorityRecorded',
        data: { occurredAt: at, basis: 'power_of_attorney', expiresOn: '2026-12-31', confirmedBy: 'u-1' },
      }),
    ).toBe(
      "The representative's authority to act for the resident was confirmed (power of attorney), until 2026-12-31.",
    );
  });
});
