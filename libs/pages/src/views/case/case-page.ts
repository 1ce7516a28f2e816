import type { ChronologyEntry, ComplaintIntegrityReport } from '@complaints/projections';
import { type ComplaintView, type SlaStageView } from '@complaints/reporting';
import type { Checkpoint } from '@complaints/transparency';
import { toLondonDate } from '@complaints/domain';
import { humanise, londonDateTime } from '../../render/page-renderer';
import { escapeHtml } from '../../render/escape-html';
import type { CaseAction } from '../case-forms/case-actions';
import { restrictionAndEnquiryRows } from './restriction-rows';
import { ombudsmanRows } from './ombudsman-rows';
import { circumstancesRows } from './circumstances-rows';
import { caseworkSectionOf } from './casework-section';
import type { LetterName } from '@complaints/contracts';
import { letterLinksOf } from './letter-links';
import { summaryDateRow, summaryRow, timeHtml, type SummaryRow } from './summary-row';

/** The latest signed checkpoint, or why there is none to show. */
export type CheckpointOrAbsence = { checkpoint: Checkpoint } | { unavailable: string };

export interface CasePageInput {
  view: ComplaintView;
  /** The chronology: only for roles that may read the audit trail (AUDIT_READERS); absent otherwise. */
  entries?: readonly ChronologyEntry[] | undefined;
  /** The integrity check: only for INTEGRITY_CHECKERS. */
  integrity?: { report: ComplaintIntegrityReport; checkpoint: CheckpointOrAbsence } | undefined;
  /** Which downloads the viewer may have (the same roles as the API's routes). */
  downloads: { chronology: boolean; evidence: boolean };
  /** May open the "as at" view (AUDIT_READERS). */
  asAtAllowed: boolean;
  actions: readonly CaseAction[];
  /** The viewer records the complaints team's steps (WRITERS), so may log an unrelated issue as a new complaint; absent: whoever has actions. */
  recordsCasework?: boolean;
  /** The letters the record can draft now, for AUDIT_READERS (docs/letters.md); absent or empty: none shown. */
  letters?: readonly LetterName[] | undefined;
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  open: 'Open',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
  refused: 'Refused',
};

/** The summary list: what the case is, where it is, and who has it. */
function summaryRows(view: ComplaintView): SummaryRow[] {
  const rows = [
    summaryRow('Reference', view.reference),
    summaryRow('Status', `${STATUS_TEXT[view.status] ?? humanise(view.status)}, stage ${view.stage}`),
    summaryDateRow('Received', view.receivedOn, ` by ${String(view.channel).replace(/_/g, ' ')}`),
    summaryRow(
      'Service area',
      view.category && view.category !== view.serviceArea ? `${view.serviceArea} (${view.category})` : view.serviceArea,
    ),
    summaryRow('Handled by', view.handler?.name ?? 'Not yet assigned'),
  ];
  if (view.personalDataErased)
    rows.push(summaryRow('Personal data', 'Erased under the retention schedule or on request'));
  else if (view.complainant) rows.push(...contactRows(view.complainant));
  if (!view.personalDataErased) rows.push(...circumstancesRows(view));
  if (view.description) rows.push(summaryRow('What the complaint is about', view.description));
  if (view.endedAt) rows.push(summaryDateRow('Ended', view.endedAt));
  rows.push(...restrictionAndEnquiryRows(view));
  rows.push(...ombudsmanRows(view));
  rows.push(summaryRow('Revision', String(view.revision)));
  return rows;
}

/**
 * How to reach the resident and what they need from us (Code 5.x: reasonable adjustments are
 * acted on): the handling team reads them here, as the API's view gives them to the same roles.
 */
function contactRows(complainant: NonNullable<ComplaintView['complainant']>): SummaryRow[] {
  const c = complainant as Partial<
    Record<'name' | 'email' | 'phone' | 'address' | 'preferredContact' | 'reasonableAdjustments', unknown>
  >;
  const fields: [string, unknown][] = [
    ['Complainant', c.name],
    ['Email', c.email],
    ['Phone', c.phone],
    ['Address', c.address],
    ['Prefers to be contacted', c.preferredContact],
    ['Reasonable adjustments', c.reasonableAdjustments],
  ];
  return fields
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([key, value]) => summaryRow(key, value as string));
}

type Cell = { text: string } | { html: string };

/** A table cell holding a date, as `<time datetime>`. */
const dateCell = (date: string, after = ''): Cell => ({ html: `${timeHtml(date)}${after ? escapeHtml(after) : ''}` });

/** How a milestone stood on the view's date, in words; late by N counted in working days as the Code does. */
function milestoneText(state: string | null, lateBy: number | null): string {
  switch (state) {
    case 'met':
      return 'Met';
    case 'late':
      return lateBy ? `Late by ${lateBy} working ${lateBy === 1 ? 'day' : 'days'}` : 'Late';
    case 'overdue':
      return 'Overdue';
    case 'due_soon':
      return 'Due soon';
    case 'pending':
      return 'Not yet due';
    default:
      return '';
  }
}

const dateOrDash = (date: string | null): Cell => (date ? dateCell(date) : { text: 'Not yet' });

/**
 * One table per stage: the acknowledgement and the response, against the Code's target and the
 * organisation's own (extensions beyond the Code's limit included). Under a local policy
 * profile (`local`), the profile's own dates: one response target, the profile's.
 */
function slaTable(stage: SlaStageView, local = false) {
  const responseLate = stage.responseLateByWorkingDays;
  const rows: Cell[][] = [
    [
      { text: 'Acknowledgement' },
      dateCell(stage.acknowledgementDue),
      dateOrDash(stage.acknowledgedOn),
      { text: milestoneText(stage.acknowledgementStatus, stage.acknowledgementLateByWorkingDays) },
    ],
    [
      { text: local ? 'Response' : 'Response, Code target' },
      dateCell(stage.codeResponseDue, stage.responseDueIsProvisional ? ' (provisional until acknowledged)' : ''),
      dateOrDash(stage.respondedOn),
      { text: milestoneText(stage.codeResponseStatus, responseLate) },
    ],
    [
      { text: "Response, organisation's own target" },
      dateCell(stage.responseDue),
      dateOrDash(stage.respondedOn),
      // The working days late are counted against the Code target; against this one only met or late.
      { text: milestoneText(stage.organisationResponseStatus, null) },
    ],
  ];
  if (local) rows.pop();
  const notes: string[] = [];
  if (stage.extensionWorkingDays > 0) {
    notes.push(
      `Extended by ${stage.extensionWorkingDays} working ${stage.extensionWorkingDays === 1 ? 'day' : 'days'}` +
        (stage.codeExtensionWorkingDays !== stage.extensionWorkingDays
          ? `, of which ${stage.codeExtensionWorkingDays} moved the Code target`
          : '') +
        (stage.extensionsBeyondLimit ? ' (more than the Code allows)' : '') +
        '.',
    );
  }
  if (stage.codeResponseDatePassed && !local)
    notes.push(
      "The Code's response date has passed without a response: the resident may go to the Housing Ombudsman now.",
    );
  return { stage: stage.stage, startedOn: stage.startedOn, rows, notes };
}

/** The timeline, oldest first: what happened, when it happened, when it was recorded, by whom, and the SLA note. */
function timelineOf(entries: readonly ChronologyEntry[]) {
  return entries.map((entry) => ({
    revision: entry.revision,
    description: entry.description,
    by: entry.by,
    occurred: londonDateTime(entry.occurredAt),
    occurredAt: entry.occurredAt,
    recorded: londonDateTime(entry.recordedAt),
    recordedAt: entry.recordedAt,
    // Recorded on a later London day than it happened: worth an auditor's eye.
    recordedLater: toLondonDate(entry.recordedAt) !== entry.date,
    slaNote: entry.slaNote,
  }));
}

/** The integrity check in plain words: what was checked, what it proves, and the values to keep. */
function integrityOf(input: NonNullable<CasePageInput['integrity']>) {
  const { report, checkpoint } = input;
  const rows = [
    summaryRow('Events checked', String(report.eventsChecked)),
    summaryRow('Head hash', report.headHash),
    summaryRow(
      'Transparency log',
      report.log.eventsNotYetInLog > 0
        ? `${report.log.leavesChecked} events compared with the log; ${report.log.eventsNotYetInLog} recorded since the log's latest entry, not compared yet`
        : `${report.log.leavesChecked} events compared with the log (of ${report.log.treeSize} in the whole log)`,
    ),
  ];
  const checkpointRows =
    'checkpoint' in checkpoint
      ? [
          summaryRow('Tree size', String(checkpoint.checkpoint.treeSize)),
          summaryRow('Root hash', checkpoint.checkpoint.rootHash),
          summaryDateRow('Signed', checkpoint.checkpoint.issuedAt),
          summaryRow('Key id', checkpoint.checkpoint.keyId),
          summaryRow('Signature', checkpoint.checkpoint.signature),
        ]
      : [];
  return {
    valid: report.valid,
    problem: report.problem
      ? `${humanise(report.problem.kind)}: ${'detail' in report.problem ? String(report.problem.detail) : ''}`.replace(
          /: $/,
          '',
        )
      : undefined,
    rows,
    checkpointRows,
    checkpointUnavailable: 'unavailable' in checkpoint ? checkpoint.unavailable : undefined,
  };
}

/** The case page's context (also the "as at" page's, which adds its own fields). */
export function casePageContext(input: CasePageInput) {
  const { view } = input;
  const base = `/complaints/${encodeURIComponent(view.id)}`;
  return {
    complaint: {
      id: view.id,
      reference: view.reference,
      status: view.status,
      stage: view.stage,
      revision: view.revision,
    },
    caseHref: base,
    summaryRows: summaryRows(view),
    // Whoever may record steps on an open case may log an unrelated issue as a new complaint.
    casework: caseworkSectionOf(view, (input.recordsCasework ?? input.actions.length > 0) && view.status === 'open'),
    slaAsOf: view.sla.asOf,
    overdueAgainstCode: view.sla.overdueAgainstCode,
    overdueAgainstOrganisationTarget: view.sla.overdueAgainstOrganisationTarget,
    slaStages: view.sla.stages.map((stage) => slaTable(stage)),
    localSla: view.localSla
      ? { profile: view.localSla.profile, stages: view.localSla.stages.map((stage) => slaTable(stage, true)) }
      : undefined,
    timeline: input.entries ? timelineOf(input.entries) : undefined,
    integrity: input.integrity ? integrityOf(input.integrity) : undefined,
    downloads: [
      ...(input.downloads.chronology
        ? [
            { href: `${base}/chronology.csv`, text: 'Chronology (CSV spreadsheet)' },
            { href: `${base}/chronology.pdf`, text: 'Chronology (PDF, with the integrity check)' },
          ]
        : []),
      ...(input.downloads.evidence
        ? [{ href: `${base}/evidence.json`, text: 'Evidence pack (JSON, to verify offline)' }]
        : []),
    ],
    asAtAllowed: input.asAtAllowed,
    actions: input.actions,
    letters: letterLinksOf(base, input.letters ?? []),
  };
}
