import type { ComplaintEvent, Stage, Tenure } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import { reportingYear } from './reporting-year';
import { tsmEntry, tsmMembership, type TsmComplaint, type TsmComplaintsQuery } from './tsm-membership';

/** Homes owned, from the organisation's configuration; any may be unknown. */
export interface TsmHomes {
  readonly total?: number;
  readonly lcra?: number;
  readonly lcho?: number;
}

export interface TsmOptions {
  /** The reporting year by the year it starts in: 2025 = 1 April 2025 to 31 March 2026. */
  readonly year: number;
  readonly calendar: WorkingDayCalendar;
  readonly homes: TsmHomes;
}

export interface ComplaintsPerThousandHomes {
  readonly count: number;
  /** count × 1000 / homes, to 2 dp; null when the number of homes is unknown or 0. */
  readonly perThousandHomes: number | null;
}

export interface StageVolumes {
  readonly stage1: ComplaintsPerThousandHomes;
  readonly stage2: ComplaintsPerThousandHomes;
}

export interface ResponsesWithinTimescales {
  readonly responded: number;
  readonly withinTimescales: number;
  /** To 1 dp; null when nothing was responded to. */
  readonly percent: number | null;
}

export interface TsmReport {
  readonly year: number;
  /** CH01: complaints received per 1,000 homes, counted on receipt. */
  readonly ch01: StageVolumes & {
    /** Refused (excluded) complaints received in the year: reported apart, never in CH01. */
    readonly refused: { readonly count: number };
    /** Only when homes per tenure are configured; only complaints whose tenure is known. */
    readonly byTenure?: { readonly [T in Tenure]: StageVolumes };
  };
  /** CH02: stage responses issued in the year within the 2024 Code's timescales. */
  readonly ch02: { readonly stage1: ResponsesWithinTimescales; readonly stage2: ResponsesWithinTimescales };
}

interface Tally {
  stage1: number;
  stage2: number;
}

export function computeTsm(histories: readonly (readonly ComplaintEvent[])[], options: TsmOptions): TsmReport {
  const period = reportingYear(options.year);
  const { homes, calendar } = options;
  for (const [name, value] of Object.entries(homes)) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      throw new RangeError(`homes.${name} must be a number >= 0, got ${value}`);
    }
  }

  const all: Tally = { stage1: 0, stage2: 0 };
  const byTenure: Record<Tenure, Tally> = { LCRA: { stage1: 0, stage2: 0 }, LCHO: { stage1: 0, stage2: 0 } };
  let refused = 0;
  const responded: Record<Stage, { responded: number; within: number }> = {
    1: { responded: 0, within: 0 },
    2: { responded: 0, within: 0 },
  };

  for (const history of histories) {
    const membership = tsmMembership(history, period, calendar);
    if (!membership) continue;
    if (membership.refused) refused += 1;
    for (const [stage, counted] of [
      ['stage1', membership.ch01Stage1],
      ['stage2', membership.ch01Stage2],
    ] as const) {
      if (!counted) continue;
      all[stage] += 1;
      if (membership.tenure) byTenure[membership.tenure][stage] += 1;
    }
    for (const response of membership.responses) {
      responded[response.stage].responded += 1;
      if (response.withinTimescales) responded[response.stage].within += 1;
    }
  }

  const tenureGiven = homes.lcra !== undefined || homes.lcho !== undefined;
  return {
    year: period.year,
    ch01: {
      ...stageVolumes(all, homes.total),
      refused: { count: refused },
      ...(tenureGiven
        ? { byTenure: { LCRA: stageVolumes(byTenure.LCRA, homes.lcra), LCHO: stageVolumes(byTenure.LCHO, homes.lcho) } }
        : {}),
    },
    ch02: { stage1: withinTimescales(responded[1]), stage2: withinTimescales(responded[2]) },
  };
}

/**
 * The complaints behind one figure of computeTsm (same year, same rules), in the order received:
 * their number equals the figure (count, responded or withinTimescales).
 */
export function tsmComplaints(
  histories: readonly (readonly ComplaintEvent[])[],
  options: Omit<TsmOptions, 'homes'>,
  query: TsmComplaintsQuery,
): TsmComplaint[] {
  const period = reportingYear(options.year);
  const entries: TsmComplaint[] = [];
  for (const history of histories) {
    const membership = tsmMembership(history, period, options.calendar);
    const entry = membership && tsmEntry(membership, query);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.reference.localeCompare(b.reference));
}

function stageVolumes(tally: Tally, homes: number | undefined): StageVolumes {
  return {
    stage1: { count: tally.stage1, perThousandHomes: perThousand(tally.stage1, homes) },
    stage2: { count: tally.stage2, perThousandHomes: perThousand(tally.stage2, homes) },
  };
}

function perThousand(count: number, homes: number | undefined): number | null {
  if (homes === undefined || homes === 0) return null;
  // One division then one rounding: count*1000/homes*100 in two steps could land on x.4999….
  return Math.round((count * 100_000) / homes) / 100;
}

function withinTimescales({ responded, within }: { responded: number; within: number }): ResponsesWithinTimescales {
  return {
    responded,
    withinTimescales: within,
    percent: responded === 0 ? null : Math.round((within * 1000) / responded) / 10,
  };
}
