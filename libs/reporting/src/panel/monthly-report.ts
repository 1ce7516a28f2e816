import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import type { PanelLessonEntry } from '@complaints/projections';
import {
  caseSlaStatus,
  CODE_2024,
  complaintDecider,
  computeSla,
  fold,
  isReceived,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { eventsUpTo } from '../case-view/complaint-view';
import { periodFigures, type PeriodFigures } from '../period/period-figures';
import type { CaseloadAt } from '../dashboard/caseload-at';

/** First and last day of a month given as YYYY-MM. */
export function monthBounds(month: string): { from: CalendarDate; to: CalendarDate } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * The reference the SQL monthly report (queryMonthlyPanelReport) is proved against, part by part;
 * no request folds every case through it any more. The scrutiny panel's monthly report: the
 * period figures for the month (received, closed, timeliness, outcomes, compensation,
 * satisfaction), the open caseload and what was overdue at
 * the end of the month against the Code target (the domain's caseSlaStatus: an extension beyond
 * the Code's limit does not hide a breach), and the lessons recorded in it. Lessons are given by
 * their text and labels only (no complaint id, reference or owner), and their text is the panel's
 * screened copy from the lessons read model (queryPanelLessons), never the text as written.
 */
export function monthlyPanelReport(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  month: string,
  lessonsInMonth: readonly PanelLessonEntry[],
) {
  const period = monthBounds(month);
  const figures = periodFigures(histories, calendar, period);
  const openAtMonthEnd = { total: 0, stage1: 0, stage2: 0 };
  const overdueAtMonthEnd = { complaints: 0, acknowledgements: 0, responses: 0 };

  for (const history of histories) {
    const events = eventsUpTo(history, period.to);
    const state = fold(complaintDecider, events);
    if (!isReceived(state) || state.status !== 'open') continue;
    openAtMonthEnd.total += 1;
    openAtMonthEnd[state.stage === 1 ? 'stage1' : 'stage2'] += 1;
    const status = caseSlaStatus(
      computeSla(events, calendar, CODE_2024),
      { open: true, stage: state.stage },
      period.to,
      calendar,
    );
    if (status.overdueAgainstCode) overdueAtMonthEnd.complaints += 1;
    if (status.current?.acknowledgement.state === 'overdue') overdueAtMonthEnd.acknowledgements += 1;
    if (status.current?.codeResponse.state === 'overdue') overdueAtMonthEnd.responses += 1;
  }

  return monthlyReportOf(month, figures, { open: openAtMonthEnd, overdue: overdueAtMonthEnd }, lessonsInMonth);
}

/**
 * The report from its parts, however they were counted (SQL over the read models, or the fold):
 * the month's figures without what the panel's month leaves out (the per-area and per-category
 * breakdowns, Ombudsman and refusals: the annual report has them), the month-end caseload, and the
 * month's lessons.
 */
export function monthlyReportOf(
  month: string,
  figures: PeriodFigures,
  caseload: CaseloadAt,
  lessonsInMonth: readonly PanelLessonEntry[],
) {
  const period = monthBounds(month);
  const {
    period: _period,
    byServiceArea: _areas,
    byCategory: _categories,
    ombudsman: _ombudsman,
    refusals: _refusals,
    ...monthFigures
  } = figures;
  return {
    month,
    from: period.from,
    to: period.to,
    ...monthFigures,
    openAtMonthEnd: caseload.open,
    overdueAtMonthEnd: caseload.overdue,
    lessonsRecorded: lessonsOf(lessonsInMonth, period),
  };
}

export type MonthlyPanelReport = ReturnType<typeof monthlyReportOf>;

/** The month's lessons by their text and labels only (no complaint id, reference or owner), in date then text order. */
export function lessonsOf(lessons: readonly PanelLessonEntry[], period: { from: CalendarDate; to: CalendarDate }) {
  return lessons
    .filter((lesson) => lesson.recordedOn >= period.from && lesson.recordedOn <= period.to)
    .map((lesson) => ({ recordedOn: lesson.recordedOn, serviceArea: lesson.serviceArea, lesson: lesson.lesson }))
    .sort((a, b) => a.recordedOn.localeCompare(b.recordedOn) || a.lesson.localeCompare(b.lesson));
}
