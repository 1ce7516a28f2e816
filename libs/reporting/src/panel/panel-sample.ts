import { createHash } from 'node:crypto';
import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { toLondonDate, type WorkingDayCalendar } from '@complaints/domain';
import { caseStateAsOf, timeCase } from '../case-as-of/case-as-of';
import { anonymisedCase } from './panel-cases';
import { anonymisedTimeline } from './anonymised-timeline';
import { panelPeriod } from './panel-period';

export interface PanelSampleOptions {
  /** YYYY-MM, YYYY or YYYY-Qn (see panelPeriod). */
  period: string;
  size: number;
  /** Default: derived from the period, so the same URL always names the same sample. */
  seed?: string;
  /** Officers and managers also get the complaint id and reference, to pull the case the panel asks about. */
  identify: boolean;
  /** Today: the date the anonymised case's SLA flags are judged on. */
  asOf: CalendarDate;
}

/**
 * The key a panel uses to talk about a sampled case: a hash of the seed and the complaint id.
 * The panel never sees the id, and a UUID cannot be guessed from its hash, so the key leads back
 * to the case only through an officer, who sees both.
 */
export function caseKey(seed: string, complaintId: string): string {
  return createHash('sha256').update(`${seed}\u0000${complaintId}`).digest('hex').slice(0, 16);
}

/**
 * A reproducible random sample of the complaints closed in the period: every closed complaint is
 * ranked by its case key (a hash, so the ranking is random but fixed by seed and id) and the
 * first `size` are taken. The same seed and period always give the same sample, whatever order
 * the complaints come in; a new seed gives a fresh draw.
 */
export function panelSample(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  options: PanelSampleOptions,
) {
  const { from, to } = panelPeriod(options.period);
  const seed = options.seed ?? `panel-sample:${options.period}`;
  const candidates = [];
  for (const history of histories) {
    // Folded once; only the cases drawn are timed.
    const folded = caseStateAsOf(history, options.asOf);
    const closure = folded?.state.status === 'closed' ? folded.state.closure : null;
    if (!folded || !closure) continue;
    const closedOn = toLondonDate(closure.closedAt);
    if (closedOn < from || closedOn > to) continue;
    candidates.push({ key: caseKey(seed, folded.state.complaintId), folded, closedMonth: closedOn.slice(0, 7) });
  }
  candidates.sort((a, b) => a.key.localeCompare(b.key));
  const sample = candidates.slice(0, options.size).map(({ key, folded, closedMonth }) => {
    const timed = timeCase(folded, calendar);
    return {
      caseKey: key,
      ...(options.identify ? { complaintId: folded.state.complaintId, reference: folded.state.reference } : {}),
      closedMonth,
      ...anonymisedCase(timed, calendar),
      // What happened, step by step, in working days after receipt (anonymisedTimeline).
      timeline: anonymisedTimeline(timed, calendar),
    };
  });
  return {
    period: options.period,
    from,
    to,
    seed,
    closedInPeriod: candidates.length,
    size: sample.length,
    cases: sample,
  };
}
