import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEvent, SelfAssessmentCompliance } from '@complaints/contracts';
import { CODE_PROVISIONS, codeSectionTitle, type SelfAssessmentStatement } from '@complaints/domain';
import { NO_TERMS, screenOptional, screenText } from '@complaints/projections';
import { selfAssessmentEvidenceFromFacts, type ComputedEvidence } from './self-assessment-evidence';

/** A statement as the governance stream holds it: its data and when the store recorded it. */
export interface RecordedStatement {
  readonly data: SelfAssessmentStatement;
  readonly recordedAt: string;
}

/** Who reads the self-assessment: staff (officers, managers, auditors) or a scrutiny panel. */
export type SelfAssessmentAudience = 'staff' | 'panel';

export interface StatementView {
  readonly version: number;
  readonly compliance: SelfAssessmentCompliance;
  readonly statement: string;
  readonly commentary: string | null;
  readonly actionsPlanned: string | null;
  /** The time the statement speaks from (the command's recordedAt, default the moment recorded). */
  readonly statedAt: string;
  /** When the store recorded it. */
  readonly recordedAt: string;
  /** The manager who recorded it; left out of a panel's answer (no names there). */
  readonly recordedBy?: { readonly id: string; readonly name: string };
}

export interface SelfAssessmentEntry {
  readonly provision: string;
  readonly section: number;
  readonly sectionTitle: string;
  readonly requirement: string;
  /** The landlord's latest statement for the provision, or null when none is recorded yet. */
  readonly statement: StatementView | null;
  /** The statements it superseded, newest first. */
  readonly superseded: readonly StatementView[];
  /** What the product computes from the year's complaints, where it can; null where it cannot. */
  readonly evidence: ComputedEvidence | null;
}

export interface SelfAssessment {
  readonly year: number;
  readonly code: string;
  readonly provisions: Readonly<Record<string, SelfAssessmentEntry>>;
  readonly summary: {
    readonly provisions: number;
    readonly withStatement: number;
    readonly withoutStatement: number;
    readonly byCompliance: Readonly<Record<SelfAssessmentCompliance, number>>;
    readonly withComputedEvidence: number;
  };
}

export const CODE_NAME = "Housing Ombudsman's Complaint Handling Code (2024)";

/** The statements of a governance stream's envelopes (any other event is skipped). */
export function recordedStatementsOf(
  envelopes: readonly { readonly event: ComplaintEvent; readonly recordedAt: string }[],
): RecordedStatement[] {
  return envelopes.flatMap((envelope) =>
    envelope.event.type === 'SelfAssessmentStatementRecorded'
      ? [{ data: envelope.event.data, recordedAt: envelope.recordedAt }]
      : [],
  );
}

/**
 * The self-assessment of a year as the Ombudsman's form lays it out: one entry per provision of
 * the Code, in the Code's order, keyed by its number, each with the landlord's latest statement
 * (and the ones it superseded) and the evidence computed for it. A panel's answer has the
 * statements' text screened (emails, phone numbers, postcodes: screenText) and no staff names.
 */
export function selfAssessmentFrom(
  year: number,
  statements: readonly RecordedStatement[],
  evidence: Readonly<Record<string, ComputedEvidence>>,
  audience: SelfAssessmentAudience = 'staff',
): SelfAssessment {
  const panel = audience === 'panel';
  const view = ({ data, recordedAt }: RecordedStatement): StatementView => ({
    version: data.version,
    compliance: data.compliance,
    statement: panel ? screenText(data.statement, NO_TERMS) : data.statement,
    commentary: panel ? screenOptional(data.commentary ?? null, NO_TERMS) : (data.commentary ?? null),
    actionsPlanned: panel ? screenOptional(data.actionsPlanned ?? null, NO_TERMS) : (data.actionsPlanned ?? null),
    statedAt: data.occurredAt,
    recordedAt,
    ...(panel ? {} : { recordedBy: data.recordedBy }),
  });
  const ofYear = statements.filter((s) => s.data.year === year);
  const byCompliance: Record<SelfAssessmentCompliance, number> = {
    compliant: 0,
    partly_compliant: 0,
    not_compliant: 0,
    not_applicable: 0,
  };
  const provisions: Record<string, SelfAssessmentEntry> = {};
  for (const provision of CODE_PROVISIONS) {
    const versions = ofYear
      .filter((s) => s.data.provision === provision.provision)
      .sort((a, b) => b.data.version - a.data.version);
    const [latest, ...older] = versions;
    if (latest) byCompliance[latest.data.compliance] += 1;
    const computed = evidence[provision.provision] ?? null;
    provisions[provision.provision] = {
      provision: provision.provision,
      section: provision.section,
      sectionTitle: codeSectionTitle(provision.section),
      requirement: provision.requirement,
      statement: latest ? view(latest) : null,
      superseded: older.map(view),
      evidence: computed && panel ? withoutDrillDown(computed) : computed,
    };
  }
  const entries = Object.values(provisions);
  const withStatement = entries.filter((e) => e.statement !== null).length;
  return {
    year,
    code: CODE_NAME,
    provisions,
    summary: {
      provisions: entries.length,
      withStatement,
      withoutStatement: entries.length - withStatement,
      byCompliance,
      withComputedEvidence: entries.filter((e) => e.evidence !== null).length,
    },
  };
}

function withoutDrillDown(evidence: ComputedEvidence): ComputedEvidence {
  const { complaints: _complaints, ...rest } = evidence;
  return rest;
}

/**
 * The year's self-assessment against the Code from the case facts (for its computed evidence)
 * and the statements of the year's governance stream (`self-assessment-<year>`, read by the
 * caller with recordedStatementsOf): what GET /api/v1/reports/self-assessment answers, and what
 * the annual complaints performance and service improvement report (Code 8.1) includes. The
 * caller waits for the case files read model to catch up first.
 */
export async function selfAssessmentOf(
  sql: SqlQueryable,
  year: number,
  statements: readonly RecordedStatement[],
  audience: SelfAssessmentAudience = 'staff',
): Promise<SelfAssessment> {
  return selfAssessmentFrom(year, statements, await selfAssessmentEvidenceFromFacts(sql, year), audience);
}
