import type { SqlQueryable } from '@complaints/adapter-postgres';
import {
  CompensationKind,
  DecisionOutcome,
  RefusalGround,
  type OmbudsmanFinding,
  type Satisfaction,
  type Stage,
} from '@complaints/contracts';
import { CASE_FILES, CASE_MEASURES_TABLE, MEASURES, withActiveTables } from '@complaints/projections';
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

/** One row of the single aggregate: which grouping it is (`by`), its keys, and every count (the ones of other groupings are simply unused). */
interface AggregateRow extends MeasureTotals {
  by: 'measure' | LabelTotals['by'] | GroupTotals['by'];
  label: string | null;
  key: string | null;
  received: number;
  pence: number;
}

const decisionCounts = DecisionOutcome.options
  .map(
    (outcome) =>
      `coalesce(sum(n) FILTER (WHERE measure = 'responded' AND decision = '${outcome}'), 0)::int AS ${outcome}`,
  )
  .join(', ');

/**
 * The period figures (the same JSON as periodFigures, the fold they are proved against) as ONE
 * statement over the case_measures rows dated in the period (one index range scan, aggregated
 * once per combination of labels), grouped six ways at once: per measure and stage, per label (compensation kind, refusal ground, finding; each
 * survey answer per stage), per service area and per category. Every figure is cast to int or
 * float8, so both drivers return numbers; Node only turns the counts into shares and averages,
 * with the fold's own arithmetic. The caller waits for the read models to catch up first.
 */
export async function periodFiguresFromFacts(sql: SqlQueryable, period: Period): Promise<PeriodFigures> {
  const rows = await withActiveTables(sql, CASE_FILES, (tables) =>
    sql.query<AggregateRow>(
      `SELECT CASE WHEN GROUPING(service_area) = 0 THEN 'serviceArea' WHEN GROUPING(category_key) = 0 THEN 'category' WHEN GROUPING(kind) = 0 THEN 'kind'
                   WHEN GROUPING(with_handling) = 0 THEN 'handling' WHEN GROUPING(with_outcome) = 0 THEN 'outcome' ELSE 'measure' END AS by,
              measure, stage, coalesce(kind, with_handling, with_outcome) AS label, coalesce(service_area, category_key) AS key,
              sum(n)::int AS n, coalesce(sum(n) FILTER (WHERE measure = 'received'), 0)::int AS received, sum(late)::int AS late,
              sum(working_days)::float8 AS working_days, sum(counted_days)::float8 AS counted_days, sum(within_code)::int AS within_code,
              sum(escalated)::int AS escalated, sum(agreed_after_target)::int AS agreed_after_target, sum(beyond_limit)::int AS beyond_limit,
              sum(beyond_limit_good_reason)::int AS beyond_limit_good_reason, sum(with_improvement_action)::int AS with_improvement_action,
              sum(orders)::float8 AS orders, sum(pence)::float8 AS pence, ${decisionCounts}
         FROM (SELECT *, coalesce(category, '(none)') AS category_key FROM (
           -- Once over the period's rows, down to one row per combination of labels; the six groupings then add those up.
           -- Grouped by the plain columns the writer's ndistinct statistics cover (case-measures.writer.ts), so the planner
           -- knows how few combinations there are and hashes them instead of sorting every row on eight text keys.
           SELECT measure, stage, kind, with_handling, with_outcome, service_area, category, decision,
                  count(*) AS n, count(*) FILTER (WHERE late) AS late, coalesce(sum(working_days), 0) AS working_days,
                  coalesce(sum(counted_days), 0) AS counted_days, count(*) FILTER (WHERE within_code) AS within_code,
                  count(*) FILTER (WHERE escalated) AS escalated, count(*) FILTER (WHERE agreed_after_target) AS agreed_after_target,
                  count(*) FILTER (WHERE beyond_limit) AS beyond_limit, count(*) FILTER (WHERE beyond_limit AND good_reason) AS beyond_limit_good_reason,
                  count(*) FILTER (WHERE with_improvement_action) AS with_improvement_action, coalesce(sum(orders), 0) AS orders,
                  coalesce(sum(pence), 0) AS pence
             FROM ${tables.table(CASE_MEASURES_TABLE)}
            WHERE measure IN (${MEASURES.map((m) => `'${m}'`).join(', ')}) AND on_date BETWEEN $1::date AND $2::date
            GROUP BY measure, stage, kind, with_handling, with_outcome, service_area, category, decision
         ) AS by_labels) AS combinations
        GROUP BY GROUPING SETS ((measure, stage), (measure, kind), (measure, stage, with_handling), (measure, stage, with_outcome), (service_area), (category_key))
        ORDER BY 1, 2, 3, 4, 5`,
      [period.from, period.to],
    ),
  );
  const labelled = new Set<AggregateRow['by']>(['kind', 'handling', 'outcome']);
  return figuresFrom(
    period,
    rows.filter((row) => row.by === 'measure'),
    rows.filter((row): row is AggregateRow & LabelTotals => labelled.has(row.by)),
    rows.filter(
      (row): row is AggregateRow & GroupTotals =>
        (row.by === 'serviceArea' || row.by === 'category') && row.key !== null,
    ),
  );
}

function figuresFrom(
  period: Period,
  totals: readonly MeasureTotals[],
  labels: readonly LabelTotals[],
  groups: readonly GroupTotals[],
): PeriodFigures {
  const of = (measure: string, stage: Stage | null = null): MeasureTotals | undefined =>
    totals.find((row) => row.measure === measure && (stage === null || row.stage === stage));
  const sumOf = (measure: string, field: keyof MeasureTotals) =>
    totals.filter((row) => row.measure === measure).reduce((sum, row) => sum + Number(row[field]), 0);
  const count = (measure: string, stage: Stage | null = null) =>
    stage === null ? sumOf(measure, 'n') : (of(measure, stage)?.n ?? 0);

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
    return outcomesOf({
      upheld: responded?.upheld ?? 0,
      partially_upheld: responded?.partially_upheld ?? 0,
      not_upheld: responded?.not_upheld ?? 0,
    });
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
  for (const row of labels)
    if (row.by === 'kind' && row.measure === 'ombudsman_finding' && row.label !== null)
      findings[row.label as OmbudsmanFinding] = row.n;

  const escalated = count('escalated');
  const stage1Responses = count('responded', 1);
  const stage1ResponsesEscalated = of('responded', 1)?.escalated ?? 0;
  return {
    period,
    volumes: {
      received: count('received'),
      escalated,
      closed: count('closed'),
      withdrawn: count('withdrawn'),
      refused: total(refusals.counts),
    },
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
    escalation: {
      stage1Responses,
      escalated,
      stage1ResponsesEscalated,
      ratePercent: percent(stage1ResponsesEscalated, stage1Responses),
    },
    compensation: {
      offered: { count: total(offered.counts), pence: total(offered.pence), byKindPence: offered.pence },
      paid: { count: total(paid.counts), pence: total(paid.pence), byKindPence: paid.pence },
    },
    refusals: { count: total(refusals.counts), byGround: refusals.counts },
    lessons: {
      recorded: count('lesson_recorded'),
      withImprovementAction: sumOf('lesson_recorded', 'with_improvement_action'),
    },
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
