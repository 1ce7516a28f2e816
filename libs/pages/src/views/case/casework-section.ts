import { toLondonDate } from '@complaints/domain';
import { longUkDate, type ComplaintView } from '@complaints/reporting';

/**
 * The case page's section for issue 15's casework: the complaints linked to this one (each a
 * link to its case page), the stage 2 panel participation and the representative's authority
 * (docs/domain.md, "Related issues", "Stage 2 panel participation", "Representative authority").
 * Rendered by templates/pages/case-parts/casework.njk (context key `casework`).
 */
export interface CaseworkSection {
  links: { href: string; text: string }[];
  panel: string | null;
  authority: string[];
  /** The form for a new complaint about an unrelated issue raised during this one; absent when the viewer cannot record it. */
  newRelatedHref?: string;
}

const AUTHORITY_WORDS: Record<string, string> = {
  written_consent: 'Written consent',
  verbal_consent_recorded: 'Verbal consent, recorded',
  power_of_attorney: 'Power of attorney',
  deputyship: 'Deputyship',
  mp_or_councillor: 'MP or councillor',
  other: 'Another form of authority',
};

const onDay = (instant: string) => longUkDate(toLondonDate(instant));

export function caseworkSectionOf(view: ComplaintView, canLogRelated: boolean): CaseworkSection | undefined {
  const links = view.linkedComplaints.map((link) => ({
    href: `/complaints/${encodeURIComponent(link.complaintId)}`,
    text:
      link.relation === 'new_complaint_logged'
        ? `New complaint ${link.reference} logged for an unrelated issue raised during stage ${link.stage}`
        : `Logged for an unrelated issue raised during stage ${link.stage} of complaint ${link.reference}`,
  }));
  const panel = panelText(view.panelParticipation);
  const authority = view.representativeAuthority.map((grant) => {
    const until = grant.expiresOn ? `until ${longUkDate(grant.expiresOn)}` : 'until withdrawn';
    const withdrawn = grant.withdrawnAt ? `; withdrawn ${onDay(grant.withdrawnAt)}` : '';
    const expired =
      !grant.withdrawnAt && grant.expiresOn !== null && grant.expiresOn < view.sla.asOf ? '; expired' : '';
    return `${AUTHORITY_WORDS[grant.basis] ?? grant.basis}, confirmed ${onDay(grant.confirmedAt)}, ${until}${withdrawn}${expired}`;
  });
  const newRelatedHref = canLogRelated ? `/complaints/${encodeURIComponent(view.id)}/related-complaint` : undefined;
  if (links.length === 0 && panel === null && authority.length === 0 && !newRelatedHref) return undefined;
  return { links, panel, authority, ...(newRelatedHref ? { newRelatedHref } : {}) };
}

function panelText(panel: ComplaintView['panelParticipation']): string | null {
  if (!panel) return null;
  const asked = `Requested by the ${panel.requestedBy === 'resident' ? 'resident' : "resident's representative"} on ${onDay(panel.requestedAt)}`;
  switch (panel.status) {
    case 'requested':
      return `${asked}; not yet held.`;
    case 'held':
      return `${asked}; held on ${longUkDate(panel.heldOn)} with ${panel.panelMembers.join(', ')}.${panel.outcomeNotes ? ` Outcome: ${panel.outcomeNotes}` : ''}`;
    case 'declined':
      return `${asked}; declined on ${onDay(panel.declinedAt)}: ${panel.reason}`;
  }
}
