import type { Satisfaction } from '@complaints/contracts';
import type { MonthlyPanelReport, Outcomes } from '@complaints/reporting';

/** One table of the monthly report: a heading and its figures in words, as the page and the PDF both print them. */
export interface MonthlyReportSection {
  heading: string;
  rows: { label: string; value: string }[];
}

const n = (value: number) => value.toLocaleString('en-GB');
const pct = (value: number | null) =>
  value === null ? 'None to count' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const days = (value: number | null) =>
  value === null ? 'None to count' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} working days`;
const pounds = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
const counted = (part: number, whole: number, share: number | null) =>
  whole === 0 ? n(part) : `${n(part)} (${pct(share)})`;
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;
const SATISFIED: readonly Satisfaction[] = ['very_satisfied', 'fairly_satisfied'];

function outcomeRows(stage: string, outcomes: Outcomes) {
  return [
    { label: `Stage ${stage} responses issued`, value: n(outcomes.responses) },
    { label: `Stage ${stage} upheld`, value: counted(outcomes.upheld, outcomes.responses, outcomes.upheldPercent) },
    {
      label: `Stage ${stage} partly upheld`,
      value: counted(outcomes.partiallyUpheld, outcomes.responses, outcomes.partiallyUpheldPercent),
    },
    {
      label: `Stage ${stage} not upheld`,
      value: counted(outcomes.notUpheld, outcomes.responses, outcomes.notUpheldPercent),
    },
  ];
}

/** Share of the surveys in which the resident was very or fairly satisfied. */
function satisfiedShare(recorded: number, scores: Partial<Record<Satisfaction, number>>): string {
  if (recorded === 0) return 'No surveys recorded';
  const satisfied = SATISFIED.reduce((sum, s) => sum + (scores[s] ?? 0), 0);
  return `${n(satisfied)} of ${n(recorded)} (${pct(Math.round((satisfied * 1000) / recorded) / 10)})`;
}

/**
 * The scrutiny panel's monthly report (queryMonthlyPanelReport's JSON) in plain English, section
 * by section: one wording for the page and the PDF, so the two never say different things.
 */
export function monthlyReportSections(report: MonthlyPanelReport): MonthlyReportSection[] {
  const { volumes, timeliness, extensions, escalation, compensation, satisfaction, openAtMonthEnd, overdueAtMonthEnd } =
    report;
  return [
    {
      heading: 'Complaints in the month',
      rows: [
        { label: 'Received', value: n(volumes.received) },
        { label: 'Taken to stage 2', value: n(volumes.escalated) },
        { label: 'Closed', value: n(volumes.closed) },
        { label: 'Withdrawn', value: n(volumes.withdrawn) },
        { label: 'Refused (not taken on)', value: n(volumes.refused) },
      ],
    },
    {
      heading: 'At the end of the month',
      rows: [
        {
          label: 'Open complaints',
          value: `${n(openAtMonthEnd.total)} (${n(openAtMonthEnd.stage1)} at stage 1, ${n(openAtMonthEnd.stage2)} at stage 2)`,
        },
        { label: 'Overdue against the Code', value: n(overdueAtMonthEnd.complaints) },
        { label: 'Acknowledgements overdue', value: n(overdueAtMonthEnd.acknowledgements) },
        { label: 'Responses overdue', value: n(overdueAtMonthEnd.responses) },
      ],
    },
    {
      heading: 'Timescales',
      rows: ([1, 2] as const).flatMap((stage) => {
        const t = timeliness[`stage${stage}`];
        return [
          {
            label: `Stage ${stage} acknowledged`,
            value:
              t.acknowledged === 0
                ? 'None'
                : `${n(t.acknowledged)}, ${n(t.acknowledgedLate)} late; on average in ${days(t.averageWorkingDaysToAcknowledge)}`,
          },
          {
            label: `Stage ${stage} answered within the Code’s timescales`,
            value:
              t.responded === 0
                ? 'None answered'
                : `${n(t.withinCodeTimescales)} of ${n(t.responded)} (${pct(t.withinCodeTimescalesPercent)})`,
          },
          { label: `Stage ${stage} average time to answer`, value: days(t.averageWorkingDaysToRespond) },
        ];
      }),
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
          label: 'Stage 1 responses taken to stage 2',
          value:
            escalation.stage1Responses === 0
              ? 'No stage 1 responses'
              : `${n(escalation.stage1ResponsesEscalated)} of ${n(escalation.stage1Responses)} (${pct(escalation.ratePercent)})`,
        },
      ],
    },
    {
      heading: 'Outcomes of the responses issued',
      rows: [...outcomeRows('1', report.outcomes.stage1), ...outcomeRows('2', report.outcomes.stage2)],
    },
    {
      heading: 'Putting things right',
      rows: [
        {
          label: 'Compensation offered',
          value: `${pounds(compensation.offered.pence)} in ${plural(compensation.offered.count, 'offer')}`,
        },
        {
          label: 'Compensation paid',
          value: `${pounds(compensation.paid.pence)} in ${plural(compensation.paid.count, 'payment')}`,
        },
        {
          label: 'Lessons recorded',
          value: `${n(report.lessons.recorded)} (${n(report.lessons.withImprovementAction)} with an improvement action)`,
        },
      ],
    },
    {
      heading: 'Residents’ satisfaction',
      rows: [
        {
          label: 'Satisfied with how the complaint was handled',
          value: satisfiedShare(satisfaction.recorded, satisfaction.withHandling),
        },
        { label: 'Satisfied with the outcome', value: satisfiedShare(satisfaction.recorded, satisfaction.withOutcome) },
      ],
    },
  ];
}
