import type { CalendarDate, ComplaintEvent, Satisfaction } from '@complaints/contracts';
import { reportingYear, toLondonDate, type SatisfactionRecord, type WorkingDayCalendar } from '@complaints/domain';
import { caseStateAsOf, timeCase, type CaseAsOf } from '../case-as-of/case-as-of';

/**
 * Anonymised case summaries for scrutiny panels (architecture: "panel views are built only from
 * non-personal fields"). Built field by field from the state, never by copying events, so no
 * name, contact detail, address, reference or free text can slip in: only service area,
 * category, tenure, month received, stages, timeliness, decision outcomes and amounts.
 * `asOf` (today) is the date an open case's overdue flag is judged on.
 */
export function panelCases(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  year: number | undefined,
  asOf: CalendarDate,
) {
  const period = year === undefined ? undefined : reportingYear(year);
  const cases = [];
  for (const history of histories) {
    // Folded once; timed only if it is in the year asked for.
    const folded = caseStateAsOf(history, asOf);
    if (!folded) continue;
    const receivedOn = toLondonDate(folded.state.receivedAt);
    if (period && (receivedOn < period.from || receivedOn > period.to)) continue;
    cases.push(anonymisedCase(timeCase(folded, calendar), calendar));
  }
  // Sorted by month and then by non-identifying fields: the order of the log would hint at identity.
  cases.sort(
    (a, b) =>
      a.receivedMonth.localeCompare(b.receivedMonth) ||
      a.serviceArea.localeCompare(b.serviceArea) ||
      a.status.localeCompare(b.status),
  );
  return { year: year ?? null, count: cases.length, cases };
}

/**
 * One complaint as a panel may see it: enumerations, dates to the month, counts and amounts only.
 * The complaint is as it stood on its `asOf` (caseAsOf); whether it is overdue against the Code on
 * that date is the domain's caseSlaStatus, as everywhere else.
 */
export function anonymisedCase(complaint: CaseAsOf, calendar: WorkingDayCalendar) {
  const { state } = complaint;
  const { report: sla, status } = complaint.code;
  const receivedOn = toLondonDate(state.receivedAt);
  const stages = [state.stage1, ...(state.stage2 ? [state.stage2] : [])];
  return {
    receivedMonth: receivedOn.slice(0, 7),
    serviceArea: state.serviceArea,
    category: state.category,
    tenure: state.tenure,
    status: state.status,
    stageReached: state.stage,
    refusalGround: state.refusal?.ground ?? null,
    overdueAgainstCode: status.overdueAgainstCode,
    stages: stages.map((stage) => {
      const timing = sla.stages.find((s) => s.stage === stage.stage);
      return {
        stage: stage.stage,
        acknowledgedLateByWorkingDays: timing?.acknowledgementLateByWorkingDays ?? null,
        withinCodeTimescales: timing?.withinCodeTimescales ?? null,
        extensionWorkingDays: timing?.extensionWorkingDays ?? 0,
        // Only these moved the Code target (up to its limit, agreed in time); the rest moved only the landlord's own.
        codeExtensionWorkingDays: timing?.codeExtensionWorkingDays ?? 0,
        extensionsBeyondLimit: timing?.extensionsBeyondLimit ?? false,
        extensionsWithGoodReason: timing?.extensions.filter((e) => e.goodReason).length ?? 0,
        extensionsAgreedAfterCodeTarget: timing?.extensions.filter((e) => e.agreedAfterCodeTarget).length ?? 0,
        workingDaysToRespond: timing?.respondedOn
          ? calendar.workingDaysBetween(timing.startedOn, timing.respondedOn)
          : null,
        decisions: {
          upheld: stage.decisions.filter((d) => d.outcome === 'upheld').length,
          partiallyUpheld: stage.decisions.filter((d) => d.outcome === 'partially_upheld').length,
          notUpheld: stage.decisions.filter((d) => d.outcome === 'not_upheld').length,
        },
        apology: stage.apology,
      };
    }),
    compensationOfferedPence: state.compensation.offeredPence,
    compensationPaidPence: state.compensation.paidPence,
    remedyActions: {
      total: state.remedyActions.length,
      completed: state.remedyActions.filter((a) => a.completedAt !== null).length,
    },
    lessonsRecorded: state.lessons.length,
    // Per stage: a stage 1 survey is not replaced by the stage 2 one.
    satisfaction: {
      stage1: scoresOf(state.stage1.satisfaction),
      stage2: scoresOf(state.stage2?.satisfaction ?? null),
    },
    ombudsmanFindings: state.ombudsman?.determination?.findings.map((f) => f.finding) ?? [],
  };
}

/** The scores only: the resident's comment is free text about a person, never on a panel view. */
function scoresOf(survey: SatisfactionRecord | null): { withHandling: Satisfaction; withOutcome: Satisfaction } | null {
  return survey ? { withHandling: survey.withHandling, withOutcome: survey.withOutcome } : null;
}
