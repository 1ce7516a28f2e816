import type { Stage, Tenure } from '@complaints/contracts';
import type { ResponsesWithinTimescales, StageVolumes, TsmHomes, TsmReport } from '@complaints/domain';

/** What the TSM of a year counts, per tenure where it splits (null: tenure not known). */
export interface TsmCounts {
  readonly ch01: readonly { readonly stage: Stage; readonly tenure: Tenure | null; readonly count: number }[];
  readonly refused: number;
  readonly ch02: readonly { readonly stage: Stage; readonly responded: number; readonly within: number }[];
}

/**
 * The TSM report (computeTsm's JSON) from the counts: the same rates, roundings and checks of
 * the homes as computeTsm (libs/domain/src/measures/compute-tsm.ts), which the SQL counts are
 * proved against in tests/measures-from-facts.property.int.spec.ts.
 */
export function tsmReportFromCounts(year: number, homes: TsmHomes, counts: TsmCounts): TsmReport {
  for (const [name, value] of Object.entries(homes)) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      throw new RangeError(`homes.${name} must be a number >= 0, got ${value}`);
  }
  const ch01 = (stage: Stage, tenure?: Tenure) =>
    counts.ch01
      .filter((c) => c.stage === stage && (tenure === undefined || c.tenure === tenure))
      .reduce((sum, c) => sum + c.count, 0);
  const volumes = (tenure: Tenure | undefined, homesOf: number | undefined): StageVolumes => ({
    stage1: { count: ch01(1, tenure), perThousandHomes: perThousand(ch01(1, tenure), homesOf) },
    stage2: { count: ch01(2, tenure), perThousandHomes: perThousand(ch01(2, tenure), homesOf) },
  });
  const ch02 = (stage: Stage): ResponsesWithinTimescales => {
    const responded = counts.ch02.filter((c) => c.stage === stage).reduce((sum, c) => sum + c.responded, 0);
    const within = counts.ch02.filter((c) => c.stage === stage).reduce((sum, c) => sum + c.within, 0);
    return {
      responded,
      withinTimescales: within,
      percent: responded === 0 ? null : Math.round((within * 1000) / responded) / 10,
    };
  };
  const tenureGiven = homes.lcra !== undefined || homes.lcho !== undefined;
  return {
    year,
    ch01: {
      ...volumes(undefined, homes.total),
      refused: { count: counts.refused },
      ...(tenureGiven ? { byTenure: { LCRA: volumes('LCRA', homes.lcra), LCHO: volumes('LCHO', homes.lcho) } } : {}),
    },
    ch02: { stage1: ch02(1), stage2: ch02(2) },
  };
}

function perThousand(count: number, homes: number | undefined): number | null {
  if (homes === undefined || homes === 0) return null;
  // One division then one rounding: count*1000/homes*100 in two steps could land on x.4999….
  return Math.round((count * 100_000) / homes) / 100;
}
