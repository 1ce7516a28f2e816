import type {
  CalendarDate,
  CompensationKind,
  ComplaintEvent,
  DecisionOutcome,
  Instant,
  OmbudsmanFinding,
  RefusalGround,
  Satisfaction,
} from '@complaints/contracts';
import { overallOutcome } from '@complaints/projections';
import { averageOf, outcomesOf, percent, type OutcomeCounts, type Outcomes, type Period } from './figures-arithmetic';
import {
  CODE_2024,
  complaintDecider,
  computeSla,
  fold,
  isReceived,
  toLondonDate,
  type ReceivedComplaint,
  type StageRecord,
  type WorkingDayCalendar,
} from '@complaints/domain';

export type { Period, Outcomes } from './figures-arithmetic';
export { percent } from './figures-arithmetic';

const inPeriod = (period: Period, date: CalendarDate | null) =>
  date !== null && date >= period.from && date <= period.to;
const onDate = (at: Instant | null) => (at === null ? null : toLondonDate(at));

class OutcomeTally {
  private readonly counts: OutcomeCounts = { upheld: 0, partially_upheld: 0, not_upheld: 0 };
  add(outcome: DecisionOutcome | null): void {
    if (outcome) this.counts[outcome] += 1;
  }
  result(): Outcomes {
    return outcomesOf(this.counts);
  }
}

const average = (values: number[]) =>
  averageOf(
    values.reduce((a, b) => a + b, 0),
    values.length,
  );

interface StageTimes {
  acknowledgedDays: number[];
  acknowledgedLate: number;
  respondedDays: number[];
  withinCode: number;
}

interface Group {
  received: number;
  outcomes: OutcomeTally;
}

/**
 * THE REFERENCE the SQL report (periodFiguresFromFacts, over case_measures) is proved against
 * in tests/measures-from-facts.property.int.spec.ts: it folds every history, so it stays off the HTTP hot
 * path (the panel monthly report still calls it until it is composed from the facts).
 *
 * The aggregate figures of a period (a reporting year, a month), computed ONLY from enumerated,
 * numeric and date fields of the state (service area and category are the organisation's own
 * labels): never a name, a reference, an id or any free text, so panels may read all of it.
 * Each figure is counted on the date of its own event: volumes on receipt, outcomes and
 * timeliness on the response, payments on payment, and so on.
 */
export function periodFigures(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  period: Period,
) {
  let received = 0;
  let closed = 0;
  let withdrawn = 0;
  let escalated = 0;
  // The escalation rate is a cohort: of the stage 1 responses issued in the period, how many the
  // resident took to stage 2 (whenever they asked), so it can never pass 100%.
  let stage1ResponsesEscalated = 0;
  const outcomesByStage = { 1: new OutcomeTally(), 2: new OutcomeTally() };
  const byServiceArea = new Map<string, Group>();
  const byCategory = new Map<string, Group>();
  const stageTimes = (): StageTimes => ({
    acknowledgedDays: [],
    acknowledgedLate: 0,
    respondedDays: [],
    withinCode: 0,
  });
  const times: Record<1 | 2, StageTimes> = { 1: stageTimes(), 2: stageTimes() };
  const extensions = {
    count: 0,
    workingDays: 0,
    /** The working days that moved the Code target (up to the limit, agreed on or before it). */
    workingDaysCountedTowardsCode: 0,
    /** Extensions that took their stage beyond the Code's limit, or were agreed once it was beyond (Code 6.5). */
    beyondCodeLimit: 0,
    /** Of those, the ones with a good reason recorded: reported, yet they never move the Code target. */
    beyondCodeLimitWithGoodReason: 0,
    /** Agreed after the Code target had passed: they cure nothing. */
    agreedAfterCodeTarget: 0,
  };
  const offered: Record<CompensationKind, number> = { loss: 0, time_and_trouble: 0, goodwill: 0 };
  let offers = 0;
  const paid: Record<CompensationKind | 'unspecified', number> = {
    loss: 0,
    time_and_trouble: 0,
    goodwill: 0,
    unspecified: 0,
  };
  let payments = 0;
  const refusals: Record<RefusalGround, number> = {
    older_than_12_months: 0,
    legal_proceedings: 0,
    already_considered: 0,
    other: 0,
  };
  const lessons = { recorded: 0, withImprovementAction: 0 };
  const findings: Partial<Record<OmbudsmanFinding, number>> = {};
  const ombudsman = { referrals: 0, determinations: 0, ordersMade: 0, ordersComplied: 0 };
  // Every stage's survey counts (one per stage), in total and per stage.
  const surveyTally = () => ({
    recorded: 0,
    withHandling: {} as Partial<Record<Satisfaction, number>>,
    withOutcome: {} as Partial<Record<Satisfaction, number>>,
  });
  const satisfaction = { ...surveyTally(), stage1: surveyTally(), stage2: surveyTally() };

  const group = (map: Map<string, Group>, key: string) => {
    const existing = map.get(key);
    if (existing) return existing;
    const created = { received: 0, outcomes: new OutcomeTally() };
    map.set(key, created);
    return created;
  };

  for (const history of histories) {
    const state = fold(complaintDecider, history);
    if (!isReceived(state)) continue;
    const area = group(byServiceArea, state.serviceArea);
    const category = group(byCategory, state.category ?? '(none)');
    if (inPeriod(period, toLondonDate(state.receivedAt))) {
      received += 1;
      area.received += 1;
      category.received += 1;
    }
    if (inPeriod(period, onDate(state.closure?.closedAt ?? null))) closed += 1;
    // A stage 1 closure that an escalation reopened still happened.
    if (inPeriod(period, onDate(state.stage2?.escalation?.reopenedClosure?.closedAt ?? null))) closed += 1;
    if (inPeriod(period, onDate(state.withdrawal?.withdrawnAt ?? null))) withdrawn += 1;
    if (state.refusal && inPeriod(period, onDate(state.refusal.refusedAt))) refusals[state.refusal.ground] += 1;

    const sla = computeSla(history, calendar, CODE_2024);
    for (const stage of stagesOf(state)) {
      if (stage.stage === 2 && inPeriod(period, onDate(stage.escalation?.requestedAt ?? stage.startedAt)))
        escalated += 1;
      const timing = sla.stages.find((s) => s.stage === stage.stage);
      if (timing?.acknowledgedOn && inPeriod(period, timing.acknowledgedOn)) {
        times[stage.stage].acknowledgedDays.push(calendar.workingDaysBetween(timing.startedOn, timing.acknowledgedOn));
        // A late acknowledgement is its own breach, reported apart; the response clock still starts at it (docs/domain.md, "Timescales").
        if ((timing.acknowledgementLateByWorkingDays ?? 0) > 0) times[stage.stage].acknowledgedLate += 1;
      }
      if (stage.stage === 1 && timing?.respondedOn && inPeriod(period, timing.respondedOn) && state.stage2 !== null)
        stage1ResponsesEscalated += 1;
      if (timing?.respondedOn && inPeriod(period, timing.respondedOn)) {
        times[stage.stage].respondedDays.push(calendar.workingDaysBetween(timing.startedOn, timing.respondedOn));
        if (timing.withinCodeTimescales) times[stage.stage].withinCode += 1;
        const outcome = overallOutcome(stage);
        outcomesByStage[stage.stage].add(outcome);
        area.outcomes.add(outcome);
        category.outcomes.add(outcome);
        for (const offer of stage.compensationOffered) {
          offers += 1;
          offered[offer.kind] += offer.amountPence;
        }
      }
      // Each extension as the domain counted it towards the Code target, in the order agreed.
      let agreedSoFar = 0;
      for (const extension of timing?.extensions ?? []) {
        agreedSoFar += extension.workingDays;
        if (!inPeriod(period, extension.agreedOn)) continue;
        extensions.count += 1;
        extensions.workingDays += extension.workingDays;
        extensions.workingDaysCountedTowardsCode += extension.countedTowardsCodeWorkingDays;
        if (extension.agreedAfterCodeTarget) extensions.agreedAfterCodeTarget += 1;
        if (agreedSoFar > CODE_2024.stages[stage.stage].maxExtensionWorkingDays) {
          extensions.beyondCodeLimit += 1;
          if (extension.goodReason) extensions.beyondCodeLimitWithGoodReason += 1;
        }
      }
    }
    for (const payment of state.compensation.payments) {
      if (!inPeriod(period, onDate(payment.paidAt))) continue;
      payments += 1;
      paid[payment.kind ?? 'unspecified'] += payment.amountPence;
    }
    for (const lesson of state.lessons) {
      if (!inPeriod(period, onDate(lesson.recordedAt))) continue;
      lessons.recorded += 1;
      if (lesson.improvementAction !== null && lesson.improvementAction.trim() !== '')
        lessons.withImprovementAction += 1;
    }
    for (const stage of stagesOf(state)) {
      const survey = stage.satisfaction;
      if (!survey || !inPeriod(period, onDate(survey.recordedAt))) continue;
      for (const tally of [satisfaction, stage.stage === 1 ? satisfaction.stage1 : satisfaction.stage2]) {
        tally.recorded += 1;
        tally.withHandling[survey.withHandling] = (tally.withHandling[survey.withHandling] ?? 0) + 1;
        tally.withOutcome[survey.withOutcome] = (tally.withOutcome[survey.withOutcome] ?? 0) + 1;
      }
    }
    if (state.ombudsman) {
      if (inPeriod(period, onDate(state.ombudsman.referredAt))) ombudsman.referrals += 1;
      const determination = state.ombudsman.determination;
      if (determination && inPeriod(period, onDate(determination.determinedAt))) {
        ombudsman.determinations += 1;
        ombudsman.ordersMade += determination.orders.length;
        for (const f of determination.findings) findings[f.finding] = (findings[f.finding] ?? 0) + 1;
      }
      for (const order of determination?.orders ?? [])
        if (inPeriod(period, onDate(order.compliedAt))) ombudsman.ordersComplied += 1;
    }
  }

  const stageTimeliness = (stage: 1 | 2) => ({
    acknowledged: times[stage].acknowledgedDays.length,
    acknowledgedLate: times[stage].acknowledgedLate,
    averageWorkingDaysToAcknowledge: average(times[stage].acknowledgedDays),
    responded: times[stage].respondedDays.length,
    averageWorkingDaysToRespond: average(times[stage].respondedDays),
    // Judged against the Code target, counted from the acknowledgement (docs/domain.md, "Timescales").
    withinCodeTimescales: times[stage].withinCode,
    withinCodeTimescalesPercent: percent(times[stage].withinCode, times[stage].respondedDays.length),
  });
  const groups = (map: Map<string, Group>, label: 'serviceArea' | 'category') =>
    [...map.entries()]
      .filter(([, g]) => g.received > 0 || g.outcomes.result().responses > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({ [label]: key, received: g.received, outcomes: g.outcomes.result() }));
  const stage1Responses = times[1].respondedDays.length;
  const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

  return {
    period,
    volumes: { received, escalated, closed, withdrawn, refused: sum(refusals) },
    outcomes: { stage1: outcomesByStage[1].result(), stage2: outcomesByStage[2].result() },
    byServiceArea: groups(byServiceArea, 'serviceArea'),
    byCategory: groups(byCategory, 'category'),
    timeliness: { stage1: stageTimeliness(1), stage2: stageTimeliness(2) },
    extensions,
    // Escalations requested in the period against stage 1 responses issued in it.
    escalation: {
      stage1Responses,
      escalated,
      stage1ResponsesEscalated,
      ratePercent: percent(stage1ResponsesEscalated, stage1Responses),
    },
    compensation: {
      offered: { count: offers, pence: sum(offered), byKindPence: offered },
      paid: { count: payments, pence: sum(paid), byKindPence: paid },
    },
    refusals: { count: sum(refusals), byGround: refusals },
    lessons,
    satisfaction,
    ombudsman: { ...ombudsman, findings },
  };
}

function stagesOf(state: ReceivedComplaint): StageRecord[] {
  return [state.stage1, ...(state.stage2 ? [state.stage2] : [])];
}

/** The period figures' JSON: what the SQL report over the measures returns too. */
export type PeriodFigures = ReturnType<typeof periodFigures>;
