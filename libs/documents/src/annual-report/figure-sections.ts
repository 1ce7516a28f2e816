import type {
  CompensationKind,
  EnquirySource,
  OmbudsmanFinding,
  RefusalGround,
  Satisfaction,
} from '@complaints/contracts';
import {
  SMALL_NUMBER_THRESHOLD,
  suppressSmallNumbers,
  type EnquiryFigures,
  type Outcomes,
  type PeriodFigures,
} from '@complaints/reporting';
import type { ReportSection } from './report-document';

/** Figures in words, as every governance report prints them. */
export const n = (value: number) => value.toLocaleString('en-GB');
export const pct = (value: number | null) =>
  value === null ? 'none to count' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const days = (value: number | null) =>
  value === null ? 'none to count' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} working days`;
const pounds = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
const share = (part: number, whole: number) =>
  whole === 0 ? 'none' : `${n(part)} of ${n(whole)} (${pct(Math.round((part * 1000) / whole) / 10)})`;
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;

export const FINDING_WORDS: Readonly<Record<OmbudsmanFinding, string>> = {
  no_maladministration: 'No maladministration',
  service_failure: 'Service failure',
  maladministration: 'Maladministration',
  severe_maladministration: 'Severe maladministration',
  redress: 'Reasonable redress',
  outside_jurisdiction: 'Outside the Ombudsman’s jurisdiction',
};
const REFUSAL_WORDS: Readonly<Record<RefusalGround, string>> = {
  older_than_12_months: 'Raised more than 12 months after the issue',
  legal_proceedings: 'Legal proceedings under way',
  already_considered: 'Already considered under the procedure',
  other: 'Another ground of the policy',
};
const COMPENSATION_WORDS: Readonly<Record<CompensationKind | 'unspecified', string>> = {
  loss: 'for loss',
  time_and_trouble: 'for time and trouble',
  goodwill: 'as goodwill',
  unspecified: 'of a kind not recorded',
};
const ENQUIRY_WORDS: Readonly<Record<EnquirySource, string>> = {
  mp: 'MPs',
  councillor: 'Councillors',
  other_representative_body: 'Other representative bodies',
};
const SATISFIED: readonly Satisfaction[] = ['very_satisfied', 'fairly_satisfied'];

function outcomeRows(stage: 1 | 2, outcomes: Outcomes) {
  if (outcomes.responses === 0) return [{ label: `Stage ${stage} responses issued`, value: 'None' }];
  return [
    { label: `Stage ${stage} responses issued`, value: n(outcomes.responses) },
    { label: `Stage ${stage}: upheld`, value: `${n(outcomes.upheld)} (${pct(outcomes.upheldPercent)})` },
    {
      label: `Stage ${stage}: partly upheld`,
      value: `${n(outcomes.partiallyUpheld)} (${pct(outcomes.partiallyUpheldPercent)})`,
    },
    { label: `Stage ${stage}: not upheld`, value: `${n(outcomes.notUpheld)} (${pct(outcomes.notUpheldPercent)})` },
  ];
}

function satisfiedShare(recorded: number, scores: Partial<Record<Satisfaction, number>>): string {
  if (recorded === 0) return 'No surveys recorded';
  return share(
    SATISFIED.reduce((sum, s) => sum + (scores[s] ?? 0), 0),
    recorded,
  );
}

/**
 * The period's figures (periodFiguresFromFacts' JSON) as the sections of a governance report:
 * volumes, timeliness against the Code, extensions and escalation, outcomes, service areas,
 * putting things right, refusals, the Ombudsman's findings and orders, satisfaction and, when
 * given, the enquiries of MPs, councillors and representative bodies. Aggregates only.
 */
export function figureSections(figures: PeriodFigures, enquiries?: EnquiryFigures): ReportSection[] {
  const { volumes, timeliness, extensions, escalation, compensation, refusals, ombudsman, satisfaction } = figures;
  const sections: ReportSection[] = [
    {
      heading: 'Complaints received and closed',
      rows: [
        { label: 'Complaints received', value: n(volumes.received) },
        { label: 'Taken to stage 2', value: n(volumes.escalated) },
        { label: 'Closed', value: n(volumes.closed) },
        { label: 'Withdrawn by the resident', value: n(volumes.withdrawn) },
        { label: 'Not taken on (refused under the policy)', value: n(volumes.refused) },
      ],
    },
    {
      heading: 'Timeliness against the Complaint Handling Code',
      rows: ([1, 2] as const).flatMap((stage) => {
        const t = timeliness[`stage${stage}`];
        const target = stage === 1 ? '10 working days' : '20 working days';
        return [
          {
            label: `Stage ${stage}: acknowledged within 5 working days`,
            value:
              t.acknowledged === 0
                ? 'None acknowledged'
                : `${share(t.acknowledged - t.acknowledgedLate, t.acknowledged)}; on average in ${days(t.averageWorkingDaysToAcknowledge)}`,
          },
          {
            label: `Stage ${stage}: answered within the Code’s ${target} (or its agreed extension)`,
            value:
              t.responded === 0
                ? 'None answered'
                : `${n(t.withinCodeTimescales)} of ${n(t.responded)} (${pct(t.withinCodeTimescalesPercent)})`,
          },
          { label: `Stage ${stage}: average time to answer`, value: days(t.averageWorkingDaysToRespond) },
        ];
      }),
      note: 'Acknowledgements are counted in working days from receipt, and answers against the Code’s target from the acknowledgement, as the Code counts them; the average time to answer is in working days from receipt. An extension beyond the Code’s limit never moves the Code’s target.',
    },
    {
      heading: 'Extensions and escalation',
      rows: [
        {
          label: 'Extensions agreed',
          value:
            extensions.count === 0
              ? 'None'
              : `${n(extensions.count)}, adding ${plural(extensions.workingDays, 'working day')}`,
        },
        {
          label: 'Extensions beyond the Code’s limit',
          value: `${n(extensions.beyondCodeLimit)} (${n(extensions.beyondCodeLimitWithGoodReason)} with a good reason recorded)`,
        },
        { label: 'Extensions agreed after the deadline had passed', value: n(extensions.agreedAfterCodeTarget) },
        {
          label: 'Stage 1 responses the resident took to stage 2',
          value:
            escalation.stage1Responses === 0
              ? 'No stage 1 responses'
              : `${n(escalation.stage1ResponsesEscalated)} of ${n(escalation.stage1Responses)} (${pct(escalation.ratePercent)})`,
        },
      ],
    },
    {
      heading: 'Outcomes of the responses issued',
      rows: [...outcomeRows(1, figures.outcomes.stage1), ...outcomeRows(2, figures.outcomes.stage2)],
    },
    serviceAreaSection(figures.byServiceArea),
    {
      heading: 'Putting things right',
      rows: [
        {
          label: 'Compensation offered',
          value: `${pounds(compensation.offered.pence)} in ${plural(compensation.offered.count, 'offer')}`,
        },
        ...(Object.entries(compensation.offered.byKindPence) as [CompensationKind, number][])
          .filter(([, pence]) => pence > 0)
          .map(([kind, pence]) => ({ label: `  offered ${COMPENSATION_WORDS[kind]}`, value: pounds(pence) })),
        {
          label: 'Compensation paid',
          value: `${pounds(compensation.paid.pence)} in ${plural(compensation.paid.count, 'payment')}`,
        },
        {
          label: 'Lessons recorded',
          value: `${n(figures.lessons.recorded)} (${n(figures.lessons.withImprovementAction)} with an improvement action)`,
        },
      ],
    },
    {
      heading: 'Complaints not taken on',
      rows: (Object.entries(refusals.byGround) as [RefusalGround, number][]).map(([ground, count]) => ({
        label: REFUSAL_WORDS[ground],
        value: n(count),
      })),
      note: `${plural(refusals.count, 'complaint')} not taken on in all.`,
    },
    {
      heading: 'The Housing Ombudsman',
      rows: [
        { label: 'Complaints referred to the Ombudsman', value: n(ombudsman.referrals) },
        { label: 'Determinations received', value: n(ombudsman.determinations) },
        ...(Object.keys(FINDING_WORDS) as OmbudsmanFinding[])
          .filter((finding) => (ombudsman.findings[finding] ?? 0) > 0)
          .map((finding) => ({
            label: `  finding: ${FINDING_WORDS[finding]}`,
            value: n(ombudsman.findings[finding] ?? 0),
          })),
        { label: 'Orders made by the Ombudsman', value: n(ombudsman.ordersMade) },
        { label: 'Orders complied with', value: n(ombudsman.ordersComplied) },
      ],
    },
    {
      heading: 'Residents’ satisfaction with complaint handling',
      rows: [
        {
          label: 'Satisfied with how the complaint was handled',
          value: satisfiedShare(satisfaction.recorded, satisfaction.withHandling),
        },
        { label: 'Satisfied with the outcome', value: satisfiedShare(satisfaction.recorded, satisfaction.withOutcome) },
      ],
      note: 'Very or fairly satisfied, of the residents who answered the survey after their complaint.',
    },
  ];
  if (enquiries) {
    sections.push({
      heading: 'Enquiries from MPs, councillors and representative bodies',
      rows: [
        ...(Object.entries(enquiries.byKind) as [EnquirySource, { received: number; answered: number }][]).map(
          ([kind, tally]) => ({
            label: ENQUIRY_WORDS[kind],
            value: `${n(tally.received)} received, ${n(tally.answered)} answered`,
          }),
        ),
        { label: 'Median time to answer', value: days(enquiries.medianWorkingDaysToAnswer) },
      ],
    });
  }
  return sections;
}

/** The period in one paragraph, for the first page: what a board member or the Member Responsible reads first. */
export function atAGlance(figures: PeriodFigures): ReportSection {
  const { volumes, timeliness, outcomes, ombudsman, compensation } = figures;
  const within = (stage: 1 | 2) => {
    const t = timeliness[`stage${stage}`];
    return t.responded === 0
      ? 'none answered'
      : `${pct(t.withinCodeTimescalesPercent)} of ${plural(t.responded, 'answer')}`;
  };
  const upheld =
    outcomes.stage1.responses === 0
      ? null
      : Math.round(((outcomes.stage1.upheld + outcomes.stage1.partiallyUpheld) * 1000) / outcomes.stage1.responses) /
        10;
  const found = (Object.keys(FINDING_WORDS) as OmbudsmanFinding[]).filter((f) => (ombudsman.findings[f] ?? 0) > 0);
  return {
    heading: 'At a glance',
    paragraphs: [
      `${plural(volumes.received, 'complaint')} received, ${n(volumes.escalated)} taken to stage 2 and ${n(volumes.closed)} closed.`,
      `Answered within the Code’s timescales: at stage 1, ${within(1)}; at stage 2, ${within(2)}.` +
        (upheld === null ? '' : ` ${pct(upheld)} of stage 1 responses upheld the complaint in whole or in part.`),
      `The Housing Ombudsman received ${plural(ombudsman.referrals, 'referral')} and determined ${n(ombudsman.determinations)}` +
        (found.length === 0
          ? ''
          : ` (${found.map((f) => `${FINDING_WORDS[f].toLowerCase()} ${n(ombudsman.findings[f] ?? 0)}`).join(', ')})`) +
        `; ${plural(ombudsman.ordersMade, 'order')} made, ${n(ombudsman.ordersComplied)} complied with. Compensation offered: ${pounds(compensation.offered.pence)}; paid: ${pounds(compensation.paid.pence)}.`,
    ],
  };
}

/**
 * Complaints by service area, as a document that is published (Code 8.2) may show them: a
 * count under 5 is printed as "fewer than 5", and where that alone could be worked out from the
 * total, the next smallest is withheld too (suppressSmallNumbers, as the published performance
 * does); upheld shares only over 5 or more responses. Exact counts stay in /reports/annual.
 */
function serviceAreaSection(areas: PeriodFigures['byServiceArea']): ReportSection {
  const shown = suppressSmallNumbers(areas.map((g, i) => ({ answer: String(i), count: g.received })));
  const rows = areas.map((g, i) => {
    const count = shown.cells[i]?.count ?? g.received;
    const received =
      typeof count === 'number'
        ? `${plural(count, 'complaint')} received`
        : count === 'withheld'
          ? 'Complaints received: withheld'
          : 'Fewer than 5 complaints received';
    const { responses, upheld, partiallyUpheld } = g.outcomes;
    const outcomes =
      responses === 0
        ? 'no responses'
        : typeof count === 'number' && responses >= SMALL_NUMBER_THRESHOLD
          ? `${n(upheld + partiallyUpheld)} of ${n(responses)} responses upheld in whole or part`
          : 'fewer than 5 responses';
    return { label: String(g['serviceArea'] ?? ''), value: `${received}; ${outcomes}` };
  });
  const suppressed = shown.cells.some((cell) => typeof cell.count !== 'number');
  return {
    heading: 'Complaints by service area',
    rows,
    ...(areas.length === 0
      ? { note: 'No complaints were received or answered in the period.' }
      : suppressed
        ? {
            note: 'Counts under 5 are not printed (and one more is withheld where it would give one away), so that no resident can be identified.',
          }
        : {}),
  };
}
