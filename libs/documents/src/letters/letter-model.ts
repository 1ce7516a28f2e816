import type { CalendarDate, LetterName, Stage } from '@complaints/contracts';
import { longUkDate } from '@complaints/reporting';
import type {
  LetterCase,
  LetterPerson,
  LetterRefusal,
  LetterRestriction,
  LetterSetting,
  LetterStage,
} from './letter-case';
import { LETTER_OMBUDSMAN, type OmbudsmanDetails } from './ombudsman';

/**
 * Everything a letter template may print (docs/letters.md, "Writing a template"), in plain
 * English and with dates written out. Built from the record only: the API refuses (409) a
 * letter whose step is not recorded yet before it gets here (the domain's letterReadiness).
 */
export interface LetterModel {
  letter: LetterName;
  kind: 'acknowledgement' | 'extension' | 'response' | 'refusal';
  stage: Stage | null;
  landlord: { name: string; addressLines: readonly string[]; contact: string | null };
  date: string;
  reference: string;
  recipient: Recipient;
  handler: { name: string } | null;
  receivedOn: string;
  heads: readonly string[];
  outcomesSought: readonly string[];
  responseDue: string | null;
  extension: { reason: string; workingDays: number; newResponseDue: string } | null;
  decisions: readonly { head: string; outcome: string; reasons: string }[];
  remedies: {
    apology: boolean;
    apologyNotGivenReason: string | null;
    actions: readonly { description: string; dueBy: string }[];
    compensation: readonly { amount: string; kind: string }[];
    compensationTotal: string | null;
  };
  outstandingActions: readonly { description: string; dueBy: string; summary: string }[];
  /** Stage 2: the stage 1 decision on each head the review changed, as one sentence each. */
  stageOneChanges: readonly { head: string; summary: string }[];
  escalation: { windowDays: number | null; summary: string } | null;
  refusal: { of: 'complaint' | 'escalation'; ground: string; explanation: string } | null;
  /** Each restriction on contact that applies today, as one paragraph (docs/domain.md, "Restrictions"). */
  restrictions: readonly { summary: string }[];
  /** Stage 2 letters: the resident's request for a panel member and what came of it, as one sentence; null if none. */
  panel: { summary: string } | null;
  ombudsman: OmbudsmanDetails;
}

export interface Recipient {
  name: string;
  salutation: string;
  /** The lines of the postal address, or empty when the letter goes by email (or no address is held). */
  addressLines: readonly string[];
  /** Set when the resident's preferred contact is email and an email address is held. */
  email: string | null;
  preferredContact: string | null;
  isRepresentative: boolean;
  /** The resident's name, when the letter goes to their representative. */
  residentName: string;
  /** Why the letter goes to someone else, as one sentence; null when it goes to the resident. */
  representativeNote: string | null;
}

const OUTCOMES: Record<string, string> = {
  upheld: 'upheld',
  partially_upheld: 'partly upheld',
  not_upheld: 'not upheld',
};
const COMPENSATION_KINDS: Record<string, string> = {
  loss: 'for financial loss',
  time_and_trouble: 'for your time and trouble',
  goodwill: 'as a goodwill payment',
};
const GROUNDS: Record<string, string> = {
  older_than_12_months: 'the issue was raised more than 12 months after it happened',
  legal_proceedings: 'legal proceedings about the issue have started',
  already_considered: 'the issue has already been considered under our complaints process',
  other: 'it falls under another exclusion in our complaints policy',
};
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const money = (pence: number) => pounds.format(pence / 100);
const dateOf = (date: CalendarDate) => longUkDate(date);

export function letterModel(letter: LetterName, complaint: LetterCase, setting: LetterSetting): LetterModel {
  const stage: Stage | null = letter === 'refusal' ? null : letter.endsWith('-2') ? 2 : 1;
  const record = stage === null ? null : (complaint.stages.find((s) => s.stage === stage) ?? null);
  const due = stage === null ? undefined : complaint.sla.stages.find((s) => s.stage === stage)?.responseDue;
  const kind = letter === 'refusal' ? 'refusal' : (letter.split('-')[0] as LetterModel['kind']);
  const latestExtension = record?.extensions.at(-1);
  const actions = stage === null ? [] : complaint.remedyActions.filter((a) => a.stage === stage);
  const outstanding = complaint.remedyActions.filter(
    (a) => a.completedAt === null && (stage === null || a.stage <= stage),
  );
  const compensation = record?.compensationOffered ?? [];
  return {
    letter,
    kind,
    stage,
    landlord: {
      name: setting.landlord.name,
      addressLines: setting.landlord.addressLines,
      contact: setting.landlord.contact,
    },
    date: dateOf(setting.date),
    reference: complaint.reference,
    recipient: recipientOf(complaint),
    handler: record?.handler ? { name: record.handler.name } : null,
    receivedOn: dateOf(complaint.receivedOn),
    // A stage 2 acknowledged without its own definition reviews stage 1's.
    heads: nonEmpty(record?.headsOfComplaint) ?? complaint.stages[0]?.headsOfComplaint ?? [],
    outcomesSought: nonEmpty(record?.outcomesSought) ?? complaint.stages[0]?.outcomesSought ?? [],
    responseDue: due ? dateOf(due) : null,
    extension:
      latestExtension && due
        ? { reason: latestExtension.reason, workingDays: latestExtension.workingDays, newResponseDue: dateOf(due) }
        : null,
    decisions: (record?.decisions ?? []).map((d) => ({
      head: d.head,
      outcome: OUTCOMES[d.outcome] ?? d.outcome,
      reasons: d.reasons,
    })),
    remedies: {
      apology: record?.apology === true,
      apologyNotGivenReason: record?.apologyNotGivenReason ?? null,
      actions: actions.map((a) => ({ description: a.description, dueBy: dateOf(a.dueBy) })),
      compensation: compensation.map((c) => ({
        amount: money(c.amountPence),
        kind: COMPENSATION_KINDS[c.kind] ?? c.kind,
      })),
      compensationTotal: compensation.length ? money(compensation.reduce((sum, c) => sum + c.amountPence, 0)) : null,
    },
    outstandingActions: outstanding.map((a) => ({
      description: a.description,
      dueBy: dateOf(a.dueBy),
      summary: `${a.description}: still to be done, by ${dateOf(a.dueBy)}.`,
    })),
    stageOneChanges:
      stage === 2 && record
        ? stageOneChanges(
            complaint.stages.find((s) => s.stage === 1),
            record,
          )
        : [],
    escalation: stage === 1 ? escalationOf(setting) : null,
    refusal: refusalOf(complaint),
    restrictions: (complaint.restrictions ?? [])
      .filter((r) => r.status === 'active')
      .map((r) => ({ summary: restrictionSummary(r) })),
    panel: stage === 2 ? panelOf(complaint.panelParticipation ?? null) : null,
    ombudsman: LETTER_OMBUDSMAN,
  };
}

const RESTRICTION_WORDS: Record<string, string> = {
  single_point_of_contact: 'we will contact you, and ask you to contact us, through one named member of staff',
  contact_limits: 'we have limited how often we can take calls and messages from you about your complaint',
  written_contact_only: 'we will deal with your complaint in writing only',
  no_visits_without_appointment: 'we ask you not to visit our offices without an appointment',
  other: 'we have changed how we communicate with you',
};

/** A restriction as the resident is told of it: what it is, until when, and that it leaves the complaints procedure open (Code 5.x). */
function restrictionSummary(restriction: LetterRestriction): string {
  const what = RESTRICTION_WORDS[restriction.kind] ?? RESTRICTION_WORDS['other'];
  const terms = restriction.terms ? ` (${restriction.terms.replace(/\.$/, '')})` : '';
  return `As we explained to you, for now ${what}${terms}. We will review this by ${dateOf(restriction.reviewDue)}. It does not affect your right to use our complaints procedure or to go to the Housing Ombudsman.`;
}

function panelOf(panel: NonNullable<LetterCase['panelParticipation']> | null): LetterModel['panel'] {
  if (!panel) return null;
  if (panel.status === 'held')
    return {
      summary: `As you asked, a member of our residents' panel took part in this review: they met with us on ${dateOf(panel.heldOn)}.`,
    };
  if (panel.status === 'declined')
    return {
      summary: `You asked for a member of our residents' panel to take part in this review. We could not arrange it: ${panel.reason.replace(/\.$/, '')}.`,
    };
  return { summary: "You asked for a member of our residents' panel to take part in this review." };
}

const nonEmpty = <T>(list: readonly T[] | undefined): readonly T[] | undefined =>
  list && list.length > 0 ? list : undefined;

function recipientOf(complaint: LetterCase): Recipient {
  const resident: LetterPerson =
    typeof complaint.complainant === 'object' && complaint.complainant !== null
      ? complaint.complainant
      : { name: 'the resident' };
  const preferred = resident.preferredContact?.trim() || null;
  // Honour the resident's preferred contact: email when they asked for it and we hold an address.
  const byEmail = resident.email !== undefined && preferred !== null && /e-?mail/i.test(preferred);
  const addressLines = byEmail
    ? []
    : (resident.address ?? '')
        .split(/\r?\n|,\s*/)
        .map((l) => l.trim())
        .filter(Boolean);
  const representative = typeof complaint.representative === 'object' ? complaint.representative : null;
  if (representative) {
    const as = representative.relationship ? ` as ${resident.name}'s ${representative.relationship}` : '';
    // The authority recorded since the receipt, when the record has one; else the receipt's word.
    const confirmed =
      complaint.representativeAuthority !== undefined
        ? complaint.representativeAuthority !== null
        : representative.authorityConfirmed;
    const authority = confirmed
      ? ''
      : ' We have not yet confirmed your authority to act for them: please send us their written consent.';
    // The complaint records the representative's name only, not where they live: the address is added when it is posted.
    return {
      name: representative.name,
      salutation: `Dear ${representative.name}`,
      addressLines: [],
      email: null,
      preferredContact: preferred,
      isRepresentative: true,
      residentName: resident.name,
      representativeNote: `We are writing to you${as}, because you are acting for them on this complaint; we send them a copy.${authority}`,
    };
  }
  return {
    name: resident.name,
    salutation: `Dear ${resident.name}`,
    addressLines,
    email: byEmail ? (resident.email ?? null) : null,
    preferredContact: preferred,
    isRepresentative: false,
    residentName: resident.name,
    representativeNote: null,
  };
}

function stageOneChanges(stageOne: LetterStage | undefined, stageTwo: LetterStage): LetterModel['stageOneChanges'] {
  if (!stageOne) return [];
  return stageTwo.decisions.flatMap((decision) => {
    const before = stageOne.decisions.find((d) => d.head === decision.head);
    if (!before || before.outcome === decision.outcome) return [];
    const from = OUTCOMES[before.outcome] ?? before.outcome;
    const to = OUTCOMES[decision.outcome] ?? decision.outcome;
    return [
      {
        head: decision.head,
        summary: `${decision.head}: at stage 1 this was ${from}; our review has overturned that decision and it is now ${to}.`,
      },
    ];
  });
}

function escalationOf(setting: LetterSetting): LetterModel['escalation'] {
  const within = setting.reviewRequestWindowDays
    ? ` within ${setting.reviewRequestWindowDays} days of the date of this letter`
    : '';
  return {
    windowDays: setting.reviewRequestWindowDays ?? null,
    summary: `If you are not happy with this response, you can ask us to take your complaint to stage 2${within}. Tell us which parts you are unhappy with and why, quoting your reference. A different person, who has not been involved at stage 1, will review it.`,
  };
}

function refusalOf(complaint: LetterCase): LetterModel['refusal'] {
  const refusal: LetterRefusal | undefined = complaint.refusal ?? complaint.escalationRefusals.at(-1);
  if (!refusal) return null;
  return {
    of: complaint.refusal ? 'complaint' : 'escalation',
    ground: GROUNDS[refusal.ground] ?? refusal.ground,
    explanation: refusal.explanation,
  };
}
