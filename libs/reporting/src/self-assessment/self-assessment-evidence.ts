import type { SqlQueryable } from '@complaints/adapter-postgres';
import { RefusalGround, type Stage } from '@complaints/contracts';
import { CODE_2024, reportingYear } from '@complaints/domain';
import { CASE_FILES, CASE_MEASURES_TABLE, withActiveTables } from '@complaints/projections';
import { percent } from '../period/figures-arithmetic';

/**
 * What the product itself can show about one provision for a reporting year, computed from the
 * case facts the annual report counts (case_measures, dated as the period figures date them:
 * an acknowledgement on the day acknowledged, a response on the day issued, an extension on the
 * day agreed). Aggregates only: counts and shares, never a name, a reference or free text.
 */
export interface ComputedEvidence {
  /** One sentence a reader of the form can take as it stands. */
  readonly summary: string;
  /** The figures behind it, by name. A share is a percentage to 1 dp, null when nothing was counted. */
  readonly figures: Readonly<Record<string, number | null | Readonly<Record<string, number>>>>;
  /** Where the figure is held by a rule of the product (the step cannot be recorded otherwise), which rule. */
  readonly enforcedBy?: string;
  /**
   * The complaints behind the figure (those that did not meet it, or all of them where there is
   * no such split): a path of GET /api/v1/reports/self-assessment/{year}/complaints. For
   * officers, managers and auditors; left out of a panel's answer.
   */
  readonly complaints?: string;
}

/** The provisions whose evidence can list its complaints, and what is listed. */
export const DRILL_DOWN_PROVISIONS = ['2.4', '5.6', '6.2', '6.3', '6.4', '6.11', '6.14', '6.15', '7.1'] as const;
export type DrillDownProvision = (typeof DRILL_DOWN_PROVISIONS)[number];

interface Totals {
  measure: string;
  stage: Stage | null;
  kind: string | null;
  n: number;
  late: number;
  within_code: number;
  beyond_limit: number;
  beyond_limit_good_reason: number;
  agreed_after_target: number;
  defined: number;
  outcomes_recorded: number;
  with_upheld: number;
  upheld_with_apology: number;
  with_improvement_action: number;
  pence: number;
}

const EVIDENCE_MEASURES = [
  'acknowledged',
  'responded',
  'extension_agreed',
  'refused',
  'lesson_recorded',
  'compensation_offered',
];

/**
 * The year's evidence, by provision, in ONE statement over the year's case_measures rows of the
 * measures it uses (the (measure, on_date) index). The caller waits for the read models first.
 */
export async function selfAssessmentEvidenceFromFacts(
  sql: SqlQueryable,
  year: number,
): Promise<Record<string, ComputedEvidence>> {
  const period = reportingYear(year);
  const rows = await withActiveTables(sql, CASE_FILES, (tables) =>
    sql.query<Totals>(
      `SELECT measure, stage, CASE WHEN measure = 'refused' THEN kind END AS kind, count(*)::int AS n,
              count(*) FILTER (WHERE late)::int AS late,
              count(*) FILTER (WHERE within_code)::int AS within_code,
              count(*) FILTER (WHERE beyond_limit)::int AS beyond_limit,
              count(*) FILTER (WHERE beyond_limit AND good_reason)::int AS beyond_limit_good_reason,
              count(*) FILTER (WHERE agreed_after_target)::int AS agreed_after_target,
              count(*) FILTER (WHERE defined)::int AS defined,
              count(*) FILTER (WHERE defined AND outcomes_recorded)::int AS outcomes_recorded,
              count(*) FILTER (WHERE decision IN ('upheld', 'partially_upheld'))::int AS with_upheld,
              count(*) FILTER (WHERE decision IN ('upheld', 'partially_upheld') AND apology)::int AS upheld_with_apology,
              count(*) FILTER (WHERE with_improvement_action)::int AS with_improvement_action,
              coalesce(sum(pence), 0)::float8 AS pence
         FROM ${tables.table(CASE_MEASURES_TABLE)}
        WHERE measure IN (${EVIDENCE_MEASURES.map((m) => `'${m}'`).join(', ')}) AND on_date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2, 3`,
      [period.from, period.to],
    ),
  );
  return evidenceFrom(year, rows);
}

const ZERO: Omit<Totals, 'measure' | 'stage' | 'kind'> = {
  n: 0,
  late: 0,
  within_code: 0,
  beyond_limit: 0,
  beyond_limit_good_reason: 0,
  agreed_after_target: 0,
  defined: 0,
  outcomes_recorded: 0,
  with_upheld: 0,
  upheld_with_apology: 0,
  with_improvement_action: 0,
  pence: 0,
};

function evidenceFrom(year: number, rows: readonly Totals[]): Record<string, ComputedEvidence> {
  const of = (measure: string, stage: Stage | null = null) =>
    rows
      .filter((row) => row.measure === measure && (stage === null || row.stage === stage))
      .reduce((sum, row) => {
        const next = { ...sum };
        for (const key of Object.keys(ZERO) as (keyof typeof ZERO)[]) next[key] = sum[key] + Number(row[key]);
        return next;
      }, ZERO);
  const list = (provision: DrillDownProvision, met?: boolean) =>
    `/api/v1/reports/self-assessment/${year}/complaints?provision=${provision}${met === undefined ? '' : `&met=${met}`}`;
  const share = (part: number, whole: number) =>
    whole === 0 ? 'none were recorded' : `${part} of ${whole} (${percent(part, whole)}%)`;

  const acknowledgement = (stage: Stage, provision: DrillDownProvision): ComputedEvidence => {
    const a = of('acknowledged', stage);
    const within = a.n - a.late;
    return {
      // Counted over the acknowledgements made: one never made is not in it (the SLA dashboard lists those overdue).
      summary: `Stage ${stage} acknowledgements made in the year within five working days: ${share(within, a.n)}. A complaint not acknowledged at all is not counted here; the SLA dashboard lists those overdue.`,
      figures: { acknowledged: a.n, withinFiveWorkingDays: within, late: a.late, percentWithin: percent(within, a.n) },
      complaints: list(provision, false),
    };
  };
  const response = (stage: Stage, provision: DrillDownProvision): ComputedEvidence => {
    const r = of('responded', stage);
    const days = CODE_2024.stages[stage].respondWithinWorkingDays;
    return {
      summary: `Stage ${stage} responses within the Code's ${days} working days of acknowledgement (with any extension the Code allows): ${share(r.within_code, r.n)}.`,
      figures: {
        responded: r.n,
        withinCodeTimescales: r.within_code,
        outside: r.n - r.within_code,
        percentWithin: percent(r.within_code, r.n),
      },
      complaints: list(provision, false),
    };
  };
  const extensions = (stage: Stage, provision: DrillDownProvision): ComputedEvidence => {
    const e = of('extension_agreed', stage);
    const limit = CODE_2024.stages[stage].maxExtensionWorkingDays;
    const withoutGoodReason = e.beyond_limit - e.beyond_limit_good_reason;
    return {
      summary:
        e.n === 0
          ? `No stage ${stage} extension was agreed.`
          : `${e.n} stage ${stage} extension${e.n === 1 ? '' : 's'} agreed; ${e.beyond_limit} took the stage beyond the Code's ${limit} working days, ${e.beyond_limit_good_reason} of them with a good reason recorded${withoutGoodReason > 0 ? `, ${withoutGoodReason} without` : ''}; ${e.agreed_after_target} agreed after the Code target had passed.`,
      figures: {
        extensionsAgreed: e.n,
        beyondCodeLimit: e.beyond_limit,
        beyondCodeLimitWithGoodReason: e.beyond_limit_good_reason,
        beyondCodeLimitWithoutGoodReason: withoutGoodReason,
        agreedAfterCodeTarget: e.agreed_after_target,
      },
      enforcedBy: 'extension-beyond-limit-needs-good-reason',
      complaints: list(provision),
    };
  };
  const ombudsmanDetails = (stage: Stage): ComputedEvidence => {
    const e = of('extension_agreed', stage);
    return {
      summary: `Every stage ${stage} extension recorded (${e.n}) was recorded with the resident informed and given the Ombudsman's details: the product records none otherwise.`,
      figures: { extensionsAgreed: e.n, withOmbudsmanDetails: e.n },
      enforcedBy: 'extension-needs-resident-informed',
    };
  };

  const refused = of('refused');
  const byGround = Object.fromEntries(RefusalGround.options.map((ground) => [ground, 0])) as Record<string, number>;
  for (const row of rows)
    if (row.measure === 'refused' && row.kind !== null) byGround[row.kind] = (byGround[row.kind] ?? 0) + row.n;
  const refusals: ComputedEvidence = {
    summary: `${refused.n} complaint${refused.n === 1 ? ' was' : 's were'} not accepted in the year, each with its ground and explanation recorded and the resident told of the right to refer the refusal to the Ombudsman.`,
    figures: { refused: refused.n, byGround },
    enforcedBy: 'ombudsman-referral-right-required',
    complaints: list('2.4'),
  };

  const ack1 = of('acknowledged', 1);
  const ack2 = of('acknowledged', 2);
  const acks = ack1.n + ack2.n;
  const defined = ack1.defined + ack2.defined;
  const withOutcomes = ack1.outcomes_recorded + ack2.outcomes_recorded;
  const responded = of('responded');
  const offered = of('compensation_offered');
  const lessons = of('lesson_recorded');

  return {
    '2.1': refusals,
    '2.4': refusals,
    '5.6': {
      summary: `Acknowledgements with a complaint definition (heads of complaint): ${share(defined, acks)}; with the outcomes the resident is seeking recorded as well: ${share(withOutcomes, acks)}.`,
      figures: {
        acknowledged: acks,
        withHeadsOfComplaint: defined,
        withOutcomesSought: withOutcomes,
        percentWithOutcomesSought: percent(withOutcomes, acks),
        stage1Acknowledged: ack1.n,
        stage1WithOutcomesSought: ack1.outcomes_recorded,
        stage2Acknowledged: ack2.n,
        stage2WithOutcomesSought: ack2.outcomes_recorded,
      },
      complaints: list('5.6', false),
    },
    '6.2': acknowledgement(1, '6.2'),
    '6.3': response(1, '6.3'),
    '6.4': extensions(1, '6.4'),
    '6.5': ombudsmanDetails(1),
    '6.11': acknowledgement(2, '6.11'),
    '6.13': {
      summary: `Every stage 2 acknowledged (${ack2.n}) named a handler who had not acted on stage 1: the product records none otherwise.`,
      figures: { stage2Acknowledged: ack2.n },
      enforcedBy: 'stage-2-handler-must-differ',
    },
    '6.14': response(2, '6.14'),
    '6.15': extensions(2, '6.15'),
    '6.16': ombudsmanDetails(2),
    '7.1': {
      summary: `Responses upholding the complaint in whole or in part: ${responded.with_upheld} of ${responded.n}; of those, with an apology: ${share(responded.upheld_with_apology, responded.with_upheld)}. Compensation offered: ${offered.n} offer${offered.n === 1 ? '' : 's'}, £${(offered.pence / 100).toFixed(2)}.`,
      figures: {
        responses: responded.n,
        upheldInWholeOrPart: responded.with_upheld,
        upheldWithApology: responded.upheld_with_apology,
        percentWithApology: percent(responded.upheld_with_apology, responded.with_upheld),
        compensationOffers: offered.n,
        compensationOfferedPence: offered.pence,
      },
      enforcedBy: 'apology-or-reason-required',
      complaints: list('7.1', false),
    },
    '8.1': {
      summary: `The year's figures for the annual report are in GET /api/v1/reports/annual?year=${year}; the types of complaint refused: ${
        RefusalGround.options
          .filter((g) => (byGround[g] ?? 0) > 0)
          .map((g) => `${g.replaceAll('_', ' ')} ${byGround[g]}`)
          .join(', ') || 'none'
      }.`,
      figures: { refused: refused.n, byGround },
    },
    '9.1': {
      summary: `${lessons.n} lesson${lessons.n === 1 ? '' : 's'} recorded from complaints in the year, ${lessons.with_improvement_action} with an improvement action.`,
      figures: { lessonsRecorded: lessons.n, withImprovementAction: lessons.with_improvement_action },
    },
  };
}
