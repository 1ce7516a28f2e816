import type { AnonymisedStep, panelSample } from '@complaints/reporting';
import { humanise } from '../../render/page-renderer';
import { monthName } from './panel-months';

export type PanelSample = ReturnType<typeof panelSample>;
type SampledCase = PanelSample['cases'][number];

const pounds = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const dayOf = (workingDay: number) => (workingDay === 0 ? 'Day received' : `Working day ${workingDay}`);

/** One step of the anonymised timeline in plain English (enumerations and counts only). */
export function stepWords(step: AnonymisedStep): string {
  switch (step.step) {
    case 'received':
      return 'Complaint received';
    case 'acknowledged':
      return `Stage ${step.stage} acknowledged${step.lateByWorkingDays > 0 ? `, ${plural(step.lateByWorkingDays, 'working day')} late` : ' on time'}`;
    case 'extended':
      return `Stage ${step.stage} extended by ${plural(step.workingDays, 'working day')}${step.agreedAfterCodeTarget ? ', agreed after the Code’s deadline had passed' : ''}${step.countedTowardsCodeWorkingDays < step.workingDays && !step.agreedAfterCodeTarget ? ` (${step.countedTowardsCodeWorkingDays} counted under the Code)` : ''}${step.goodReason ? '; a good reason was recorded' : ''}`;
    case 'responded': {
      const { upheld, partiallyUpheld, notUpheld } = step.decisions;
      const parts = [
        upheld && `${upheld} upheld`,
        partiallyUpheld && `${partiallyUpheld} partly upheld`,
        notUpheld && `${notUpheld} not upheld`,
      ].filter(Boolean);
      const timing =
        step.withinCodeTimescales === null
          ? ''
          : step.withinCodeTimescales
            ? ', within the Code’s timescales'
            : ', later than the Code allows';
      const apology = step.apology === true ? '; an apology was given' : '';
      const offered =
        step.compensationOfferedPence > 0 ? `; ${pounds(step.compensationOfferedPence)} compensation offered` : '';
      return `Stage ${step.stage} response${timing}: ${parts.length ? parts.join(', ') : 'no decisions recorded'}${apology}${offered}`;
    }
    case 'escalated':
      return 'Resident asked for stage 2';
    case 'contact':
      return `${step.direction === 'inbound' ? 'Contact from the resident' : 'Contact with the resident'}${step.reached ? '' : ' (not reached)'}`;
    case 'remedy_completed':
      return `A promised stage ${step.stage} remedy was completed`;
    case 'compensation_paid':
      return `${pounds(step.amountPence)} compensation paid${step.kind ? ` (${humanise(step.kind).toLowerCase()})` : ''}`;
    case 'lesson_recorded':
      return 'A lesson was recorded';
    case 'satisfaction':
      return `Stage ${step.stage} satisfaction survey: handling ${humanise(step.withHandling).toLowerCase()}, outcome ${humanise(step.withOutcome).toLowerCase()}`;
    case 'closed':
      return 'Complaint closed';
    case 'referred_to_ombudsman':
      return 'Referred to the Housing Ombudsman';
    case 'ombudsman_determined':
      return `Housing Ombudsman decided: ${step.findings.length ? step.findings.map((f) => humanise(f).toLowerCase()).join(', ') : 'no findings recorded'}${step.orders ? `; ${plural(step.orders, 'order')}` : ''}`;
  }
}

function caseRows(c: SampledCase) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const stageRows = c.stages.map((stage) =>
    row(
      `Stage ${stage.stage}`,
      stage.withinCodeTimescales === null
        ? 'No response recorded'
        : `${stage.withinCodeTimescales ? 'Answered within the Code’s timescales' : 'Answered later than the Code allows'}${stage.workingDaysToRespond === null ? '' : `, in ${plural(stage.workingDaysToRespond, 'working day')}`}`,
    ),
  );
  return [
    row('Service area', c.serviceArea),
    row('Category', c.category ?? 'None given'),
    row('Tenure', c.tenure ?? 'Not known'),
    row('Received', monthName(c.receivedMonth)),
    row('Closed', monthName(c.closedMonth)),
    ...stageRows,
    row('Compensation', `${pounds(c.compensationOfferedPence)} offered, ${pounds(c.compensationPaidPence)} paid`),
    row(
      'Remedy actions',
      c.remedyActions.total === 0
        ? 'None promised'
        : `${c.remedyActions.completed} of ${c.remedyActions.total} completed`,
    ),
    row('Lessons recorded', String(c.lessonsRecorded)),
  ];
}

export interface PanelSampleInput {
  sample: PanelSample | null;
  periodInput: string;
  sizeInput: string;
  seedInput: string;
  errors: { field: 'period' | 'size' | 'seed'; text: string }[];
}

/** The sample page: the form that fixes the draw, and each drawn case with its anonymised timeline. */
export function panelSampleContext(input: PanelSampleInput) {
  const errorOf = (field: string) => input.errors.find((e) => e.field === field)?.text;
  return {
    periodInput: input.periodInput,
    sizeInput: input.sizeInput,
    seedInput: input.seedInput,
    periodError: errorOf('period'),
    sizeError: errorOf('size'),
    seedError: errorOf('seed'),
    errorSummary: input.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    sample: input.sample && {
      period: input.sample.period,
      from: input.sample.from,
      to: input.sample.to,
      seed: input.sample.seed,
      closedInPeriod: input.sample.closedInPeriod,
      size: input.sample.size,
      cases: input.sample.cases.map((c) => ({
        caseKey: c.caseKey,
        // Only officers and managers are given these (panelSample's `identify`), to find the case the panel names.
        complaintId: 'complaintId' in c ? c.complaintId : undefined,
        reference: 'reference' in c ? c.reference : undefined,
        rows: caseRows(c),
        timeline: c.timeline.map((step) => ({ when: dayOf(step.workingDay), text: stepWords(step) })),
      })),
    },
  };
}
