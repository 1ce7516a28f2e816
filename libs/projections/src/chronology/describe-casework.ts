import type { EventOfType } from '@complaints/contracts';

/**
 * The chronology's sentences for issue 15's casework (docs/domain.md: "Stage 2 panel
 * participation", "Related issues", "Representative authority"). Personal fields (panel members,
 * notes, reasons, heads) are quoted as the event holds them, like describe-event.ts, so a redacted
 * event gives the redacted sentence.
 */
export type CaseworkEvent = EventOfType<
  | 'PanelParticipationRequested'
  | 'PanelMeetingHeld'
  | 'PanelParticipationDeclined'
  | 'HeadsOfComplaintAdded'
  | 'ComplaintLinked'
  | 'RepresentativeAuthorityRecorded'
  | 'RepresentativeAuthorityWithdrawn'
>;

const AUTHORITY_BASES: Record<string, string> = {
  written_consent: 'written consent',
  verbal_consent_recorded: 'verbal consent, recorded',
  power_of_attorney: 'power of attorney',
  deputyship: 'deputyship',
  mp_or_councillor: 'as their MP or councillor',
  other: 'another form of authority',
};

const listed = (items: readonly string[] | string) => (Array.isArray(items) ? items.join('; ') : String(items));

export function describeCaseworkEvent(event: CaseworkEvent): string {
  switch (event.type) {
    case 'PanelParticipationRequested':
      return `The ${event.data.requestedBy === 'resident' ? 'resident' : "resident's representative"} asked for a panel member to take part in the stage 2 review.`;
    case 'PanelMeetingHeld': {
      const d = event.data;
      return `The stage 2 review met with the panel on ${d.heldOn}: ${listed(d.panelMembers)}.${d.outcomeNotes ? ` Outcome: ${d.outcomeNotes}` : ''}`;
    }
    case 'PanelParticipationDeclined':
      return `The request for a panel member at stage 2 was declined: ${event.data.reason}`;
    case 'HeadsOfComplaintAdded': {
      const d = event.data;
      const count = Array.isArray(d.heads) ? d.heads.length : 1;
      return `${count === 1 ? 'A head' : `${count} heads`} of complaint raised during stage ${d.stage} added to its definition: ${listed(d.heads)}.`;
    }
    case 'ComplaintLinked': {
      const d = event.data;
      return d.relation === 'new_complaint_logged'
        ? `New complaint ${d.linkedReference} logged for an unrelated issue raised during stage ${d.stage}.`
        : `Logged for an unrelated issue raised during stage ${d.stage} of complaint ${d.linkedReference}.`;
    }
    case 'RepresentativeAuthorityRecorded': {
      const d = event.data;
      return `The representative's authority to act for the resident was confirmed (${AUTHORITY_BASES[d.basis] ?? d.basis}), ${d.expiresOn ? `until ${d.expiresOn}` : 'until withdrawn'}.`;
    }
    case 'RepresentativeAuthorityWithdrawn':
      return `The representative's authority to act for the resident was withdrawn.${event.data.reason ? ` ${event.data.reason}` : ''}`;
  }
}
