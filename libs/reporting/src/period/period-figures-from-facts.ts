import type { SqlQueryable } from '@complaints/adapter-postgres';
import { CompensationKind, DecisionOutcome, RefusalGround, type OmbudsmanFinding, type Satisfaction, type Stage } from '@complaints/contracts';
import { CASE_FILES, CASE_MEASURES_TABLE, withActiveTables } from '@complaints/projections';
import { averageOf, outcomesOf, percent, type OutcomeCounts, type Period } from './figures-arithmetic';
import type { PeriodFigures } from './period-figures';

interface MeasureTotals {
  measure: string;
  stage: Stage | null;
  n: number;
  late: number;
  working_days: number;
  counted_days: number;
  within_code: number;
  escalated: number;
  agreed_after_target: number;
  beyond_limit: number;
  beyond_limit_good_reason: number;
  with_improvement_action: number;
  orders: number;
  upheld: number;
  partially_upheld: number;
  not_upheld: number;
}

interface LabelTotals {
  by: 'kind' | 'handling' | 'outcome';
  measure: string;
  stage: Stage | null;
  label: string | null;
  n: number;
  pence: number;
}

interface GroupTotals extends OutcomeCounts {
  by: 'serviceArea' | 'category';
  key: string;
  received: number;
}

const decisionCounts = (filter = 'TRUE') =>
  DecisionOutcome.options.map((outcome) => `count(*) FILTER (WHERE ${filter} AND decision = '${outcome}')::int AS ${outcome}`).join(', ');

/**
 * The period figures (the same JSON as periodFigures, the fold they are proved against) as
 * three aggregates over the case_measures rows dated in the period: per measure and stage, per
 * label (compensation kind, refusal ground, finding, survey answer), and per service area and
 * category (every figure cast to int or float8, so both drivers return numbers). Node only turns the counts into shares and averages, with the fold's own arithmetic.
 * The caller waits for the read models to catch up first.
 */
export async function periodFiguresFromFacts(sql: SqlQueryable, period: Period): Promise<PeriodFigures> {
  const params = [period.from, period.to];
  const [totals, labels, groups] = await withActiveTables(sql, CASE_FILES, (tables) => {
    const t = tables.table(CASE_MEASURES_TABLE);
    const dated = `on_date BETWEEN $1::date AND $2::date`;
    return Promise.all([
      sql.query<MeasureTotals>(
        `SELECT measure, stage, count(*)::int AS n, count(*) FILTER (WHERE late)::int AS late,
                coalesce(sum(working_days), 0)::float8 AS working_days, coalesce(sum(counted_days), 0)::float8 AS counted_days,
                count(*) FILTER (WHERE within_code)::int AS within_code, count(*) FILTER (WHERE escalated)::int AS escalated,
                count(*) FILTER (WHERE agreed_after_target)::int AS agreed_after_target, count(*) FILTER (WHERE beyond_limit)::int AS beyond_limit,
                count(*) FILTER (WHERE beyond_limit AND good_reason)::int AS beyond_limit_good_reason,
                count(*) FILTER (WHERE with_improvement_action)::int AS with_improvement_action,
                coalesce(sum(orders), 0)::float8 AS orders, ${decisionCounts()}
           FROM ${t}
          WHERE measure IN ('received', 'escalated', 'closed', 'withdrawn', 'acknowledged', 'responded', 'extension_agreed', 'compensation_offered',
                            'compensation_paid', 'lesson_recorded', 'ombudsman_referred', 'ombudsman_determined', 'ombudsman_order_complied')
            AND ${dated}
          GROUP BY measure, stage`,
        params,
      ),
      sql.query<LabelTotals>(
        `SELECT 'kind' AS by, measure, NULL::smallint AS stage, kind AS label, count(*)::int AS n, coalesce(sum(pence), 0)::float8 AS pence
           FROM ${t} WHERE measure IN ('compensation_offered', 'compensation_paid', 'refused', 'ombudsman_finding') AND ${dated}
          GROUP BY measure, kind
         UNION ALL
         SELECT 'handling', measure, stage, with_handling, count(*)::int, 0 FROM ${t} WHERE measure = 'survey_recorded' AND ${dated} GROUP BY measure, stage, with_handling
         UNION ALL
         SELECT 'outcome', measure, stage, with_outcome, count(*)::int, 0 FROM ${t} WHERE measure = 'survey_recorded' AND ${dated} GROUP BY measure, stage, with_outcome
         ORDER BY 1, 2, 3, 4`,
        params,
      ),
      sql.query<GroupTotals>(
        `SELECT 'serviceArea' AS by, service_area AS key, count(*) FILTER (WHERE measure = 'received')::int AS received, ${decisionCounts(`measure = 'responded'`)}
           FROM ${t} WHERE measure IN ('received', 'responded') AND ${dated} GROUP BY service_area
         UNION ALL
         SELECT 'category', coalesce(category, '(none)'), count(*) FILTER (WHERE measure = 'received')::int, ${decisionCounts(`measure = 'responded'`)}
           FROM ${t} WHERE measure IN ('received', 'responded') AND ${dated} GROUP BY coalesce(category, '(none)')`,
        params,
      ),
    ]);
  });
  return figuresFrom(period, totals, labels, groups);
}

function figuresFrom(period: Period, totals: readonly MeasureTotals[], labels: readonly LabelTotals[], groups: readonly GroupTotals[]): PeriodFigures {
  const of = (measure: string, stage: Stage | null = null): MeasureTotals | undefined =>
    totals.find((row) => row.measure === measure && (stage === null || row.stage === stage));
  const sumOf = (measure: string, field: keyof MeasureTotals) =>
    totals.filter((row) => row.measure === measure).reduce((sum, row) => sum + Number(row[field]), 0);
  const count = (measure: string, stage: Stage | null = null) => (stage === null ? sumOf(measure, 'n') : (of(measure, stage)?.n ?? 0));

  const byKind = <K extends string>(measure: string, keys: readonly K[]) => {
    const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
    const pence = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
    for (const row of labels) {
      if (row.by !== 'kind' || row.measure !== measure || row.label === null) continue;
      counts[row.label as K] = (counts[row.label as K] ?? 0) + row.n;
      pence[row.label as K] = (pence[row.label as K] ?? 0) + row.pence;
    }
    return { counts, pence };
  };
  const total = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

  const stageTimeliness = (stage: Stage) => {
    const acknowledged = of('acknowledged', stage);
    const responded = of('responded', stage);
    return {
      acknowledged: acknowledged?.n ?? 0,
      acknowledgedLate: acknowledged?.late ?? 0,
      averageWorkingDaysToAcknowledge: averageOf(acknowledged?.working_days ?? 0, acknowledged?.n ?? 0),
      responded: responded?.n ?? 0,
      averageWorkingDaysToRespond: averageOf(responded?.working_days ?? 0, responded?.n ?? 0),
      // Judged against the Code target, counted from the acknowledgement (docs/domain.md, "Timescales").
      withinCodeTimescales: responded?.within_code ?? 0,
      withinCodeTimescalesPercent: percent(responded?.within_code ?? 0, responded?.n ?? 0),
    };
  };
  const stageOutcomes = (stage: Stage) => {
    const responded = of('responded', stage);
    return outcomesOf({ upheld: responded?.upheld ?? 0, partially_upheld: responded?.partially_upheld ?? 0, not_upheld: responded?.not_upheld ?? 0 });
  };
  const grouped = <L extends 'serviceArea' | 'category'>(by: L) =>
    groups
      .filter((row) => row.by === by)
      .map((row) => ({ key: row.key, received: row.received, outcomes: outcomesOf(row) }))
      .filter((g) => g.received > 0 || g.outcomes.responses > 0)
      // The fold's order (localeCompare), not the database's collation: the few groups are the answer.
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((g) => ({ [by]: g.key, received: g.received, outcomes: g.outcomes }));

  // Each survey answers both questions: its count is the sum over either.
  const answers = (by: 'handling' | 'outcome', stage: Stage | null) => {
    const tally: Partial<Record<Satisfaction, number>> = {};
    for (const row of labels) {
      if (row.by !== by || row.label === null || (stage !== null && row.stage !== stage)) continue;
      tally[row.label as Satisfaction] = (tally[row.label as Satisfaction] ?? 0) + row.n;
    }
    return tally;
  };
  const satisfactionOf = (stage: Stage | null) => {
    const withHandling = answers('handling', stage);
    return { recorded: total(withHandling), withHandling, withOutcome: answers('outcome', stage) };
  };

  const offered = byKind('compensation_offered', CompensationKind.options);
  const paid = byKind('compensation_paid', [...CompensationKind.options, 'unspecified'] as const);
  const refusals = byKind('refused', RefusalGround.options);
  const findings: Partial<Record<OmbudsmanFinding, number>> = {};
  for (const row of labels) if (row.by === 'kind' && row.measure === 'ombudsman_finding' && row.label !== null) findings[row.label as OmbudsmanFinding] = row.n;

  const escalated = count('escalated');
  const stage1Responses = count('responded', 1);
  const stage1ResponsesEscalated = of('responded', 1)?.escalated ?? 0;
  return {
    period,
    volumes: { received: count('received'), escalated, closed: count('closed'), withdrawn: count('withdrawn'), refused: total(refusals.counts) },
    outcomes: { stage1: stageOutcomes(1), stage2: stageOutcomes(2) },
    byServiceArea: grouped('serviceArea') as PeriodFigures['byServiceArea'],
    byCategory: grouped('category') as PeriodFigures['byCategory'],
    timeliness: { stage1: stageTimeliness(1), stage2: stageTimeliness(2) },
    extensions: {
      count: count('extension_agreed'),
      workingDays: sumOf('extension_agreed', 'working_days'),
      workingDaysCountedTowardsCode: sumOf('extension_agreed', 'counted_days'),
      beyondCodeLimit: sumOf('extension_agreed', 'beyond_limit'),
      beyondCodeLimitWithGoodReason: sumOf('extension_agreed', 'beyond_limit_good_reason'),
      agreedAfterCodeTarget: sumOf('extension_agreed', 'agreed_after_target'),
    },
    escalation: { stage1Responses, escalated, stage1ResponsesEscalated, ratePercent: percent(stage1ResponsesEscalated, stage1Responses) },
    compensation: {
      offered: { count: total(offered.counts), pence: total(offered.pence), byKindPence: offered.pence },
      paid: { count: total(paid.counts), pence: total(paid.pence), byKindPence: paid.pence },
    },
    refusals: { count: total(refusals.counts), byGround: refusals.counts },
    lessons: { recorded: count('lesson_recorded'), withImprovementAction: sumOf('lesson_recorded', 'with_improvement_action') },
    satisfaction: { ...satisfactionOf(null), stage1: satisfactionOf(1), stage2: satisfactionOf(2) },
    ombudsman: {
      referrals: count('ombudsman_referred'),
      determinations: count('ombudsman_determined'),
      ordersMade: sumOf('ombudsman_determined', 'orders'),
      ordersComplied: count('ombudsman_order_complied'),
      findings,
    },
  };
}
