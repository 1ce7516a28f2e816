import type { CompensationKind, OmbudsmanFinding, Satisfaction, Stage } from '@complaints/contracts';
import { toLondonDate, type WorkingDayCalendar } from '@complaints/domain';
import type { CaseAsOf } from '../case-as-of/case-as-of';

/**
 * One step of a sampled case as a scrutiny panel may read it. Its time is the number of working
 * days after the complaint was received (day 0), never a date: with the month received, a date
 * would help tie the case to a resident. Every field is an enumeration, a count, an amount or a
 * flag, built from the folded state and the Code's timings, never copied from an event, so no
 * name, contact detail or free text can reach the panel through it.
 */
export type AnonymisedStep = { workingDay: number } & (
  | { step: 'received' }
  | { step: 'acknowledged'; stage: Stage; lateByWorkingDays: number }
  | {
      step: 'extended';
      stage: Stage;
      workingDays: number;
      countedTowardsCodeWorkingDays: number;
      goodReason: boolean;
      agreedAfterCodeTarget: boolean;
    }
  | {
      step: 'responded';
      stage: Stage;
      withinCodeTimescales: boolean | null;
      decisions: { upheld: number; partiallyUpheld: number; notUpheld: number };
      apology: boolean | null;
      compensationOfferedPence: number;
    }
  | { step: 'escalated' }
  | { step: 'contact'; direction: 'inbound' | 'outbound'; reached: boolean }
  | { step: 'remedy_completed'; stage: Stage }
  | { step: 'compensation_paid'; amountPence: number; kind: CompensationKind | null }
  | { step: 'lesson_recorded' }
  | { step: 'satisfaction'; stage: Stage; withHandling: Satisfaction; withOutcome: Satisfaction }
  | { step: 'closed' }
  | { step: 'referred_to_ombudsman' }
  | { step: 'ombudsman_determined'; findings: OmbudsmanFinding[]; orders: number }
);

/** The case's steps in the order they happened (ties: the order a case moves through its stages). */
export function anonymisedTimeline(complaint: CaseAsOf, calendar: WorkingDayCalendar): AnonymisedStep[] {
  const { state } = complaint;
  const receivedOn = toLondonDate(state.receivedAt);
  const dayOf = (date: string) => calendar.workingDaysBetween(receivedOn, date);
  const at = (instant: string) => dayOf(toLondonDate(instant));
  // Each step with the instant (or date) it sorts by; only the working day is handed out.
  const steps: { when: number; step: AnonymisedStep }[] = [
    { when: Date.parse(state.receivedAt), step: { workingDay: 0, step: 'received' } },
  ];
  const push = (when: string, step: AnonymisedStep) => steps.push({ when: Date.parse(when), step });

  for (const stage of [state.stage1, ...(state.stage2 ? [state.stage2] : [])]) {
    const timing = complaint.code.report.stages.find((s) => s.stage === stage.stage);
    if (stage.stage === 2) push(stage.startedAt, { workingDay: at(stage.startedAt), step: 'escalated' });
    if (stage.acknowledgedAt) {
      push(stage.acknowledgedAt, {
        workingDay: at(stage.acknowledgedAt),
        step: 'acknowledged',
        stage: stage.stage,
        lateByWorkingDays: timing?.acknowledgementLateByWorkingDays ?? 0,
      });
    }
    for (const extension of timing?.extensions ?? []) {
      push(extension.agreedOn, {
        workingDay: dayOf(extension.agreedOn),
        step: 'extended',
        stage: stage.stage,
        workingDays: extension.workingDays,
        countedTowardsCodeWorkingDays: extension.countedTowardsCodeWorkingDays,
        goodReason: extension.goodReason,
        agreedAfterCodeTarget: extension.agreedAfterCodeTarget,
      });
    }
    if (stage.respondedAt) {
      push(stage.respondedAt, {
        workingDay: at(stage.respondedAt),
        step: 'responded',
        stage: stage.stage,
        withinCodeTimescales: timing?.withinCodeTimescales ?? null,
        decisions: {
          upheld: stage.decisions.filter((d) => d.outcome === 'upheld').length,
          partiallyUpheld: stage.decisions.filter((d) => d.outcome === 'partially_upheld').length,
          notUpheld: stage.decisions.filter((d) => d.outcome === 'not_upheld').length,
        },
        apology: stage.apology,
        compensationOfferedPence: stage.compensationOffered.reduce((sum, offer) => sum + offer.amountPence, 0),
      });
    }
    if (stage.satisfaction) {
      const { recordedAt, withHandling, withOutcome } = stage.satisfaction;
      push(recordedAt, {
        workingDay: at(recordedAt),
        step: 'satisfaction',
        stage: stage.stage,
        withHandling,
        withOutcome,
      });
    }
  }
  for (const contact of state.contacts)
    push(contact.at, {
      workingDay: at(contact.at),
      step: 'contact',
      direction: contact.direction,
      reached: contact.reached,
    });
  for (const action of state.remedyActions) {
    if (action.completedAt)
      push(action.completedAt, { workingDay: at(action.completedAt), step: 'remedy_completed', stage: action.stage });
  }
  for (const payment of state.compensation.payments) {
    push(payment.paidAt, {
      workingDay: at(payment.paidAt),
      step: 'compensation_paid',
      amountPence: payment.amountPence,
      kind: payment.kind,
    });
  }
  for (const lesson of state.lessons)
    push(lesson.recordedAt, { workingDay: at(lesson.recordedAt), step: 'lesson_recorded' });
  if (state.closure) push(state.closure.closedAt, { workingDay: at(state.closure.closedAt), step: 'closed' });
  if (state.ombudsman) {
    push(state.ombudsman.referredAt, { workingDay: at(state.ombudsman.referredAt), step: 'referred_to_ombudsman' });
    const determination = state.ombudsman.determination;
    if (determination) {
      push(determination.determinedAt, {
        workingDay: at(determination.determinedAt),
        step: 'ombudsman_determined',
        findings: determination.findings.map((f) => f.finding),
        orders: determination.orders.length,
      });
    }
  }
  // By working day, then by the moment (an extension's date counts as the start of its day).
  return steps
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.step.workingDay - b.step.workingDay || a.when - b.when || a.index - b.index)
    .map(({ step }) => step);
}
