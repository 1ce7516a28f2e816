import type { Role } from '@complaints/contracts';

/**
 * Who may call what (api.md, "Authentication"). Every route names one of these lists, so the
 * policy reads in one place:
 * - officers and managers write and read cases;
 * - auditors read everything (history, chronology, integrity, reports, the feed) and write nothing;
 * - scrutiny panels read only aggregate and anonymised views (dashboards, reports, lessons, panel);
 * - integrations read the event feed, nothing else;
 * - admins erase personal data and may read a case (to confirm an erasure) but do not handle
 *   complaints: running the process is the complaints team's job, and keeping the powerful
 *   erasure role apart from it keeps each audit trail plain.
 */
export const WRITERS = ['complaints_officer', 'complaints_manager'] as const satisfies readonly Role[];
/**
 * Restrictions on a resident's contact (unreasonable behaviour): imposed, reviewed and lifted by
 * complaints managers only (docs/domain.md, "Restrictions"); the domain checks the actor again.
 */
export const RESTRICTION_APPROVERS = ['complaints_manager'] as const satisfies readonly Role[];
/** The self-assessment against the Code (Code 8.1): its statements are the landlord's, recorded by complaints managers; the domain checks the actor again. */
export const SELF_ASSESSMENT_WRITERS = ['complaints_manager'] as const satisfies readonly Role[];
export const CASE_READERS = [...WRITERS, 'auditor', 'admin'] as const satisfies readonly Role[];
export const AUDIT_READERS = [...WRITERS, 'auditor'] as const satisfies readonly Role[];
export const INTEGRITY_CHECKERS = ['complaints_manager', 'auditor'] as const satisfies readonly Role[];
export const REPORT_READERS = [...WRITERS, 'auditor', 'scrutiny_panel'] as const satisfies readonly Role[];
/** Work lists and drill-downs that name cases (references, handlers): the complaints team and auditors, never panels. */
export const CASE_REPORT_READERS = [...WRITERS, 'auditor'] as const satisfies readonly Role[];
/** Equality monitoring in aggregate (special-category data, suppressed small numbers): managers, auditors and panels. */
export const EQUALITY_REPORT_READERS = [
  'complaints_manager',
  'auditor',
  'scrutiny_panel',
] as const satisfies readonly Role[];
export const FEED_READERS = ['integration', 'auditor'] as const satisfies readonly Role[];
/**
 * Documents attached to a case (docs/documents.md): the complaints team and auditors download
 * them; never panels (they are the case's own papers, full of personal data), never residents
 * here, and not admins, whose part is erasing them.
 */
export const DOCUMENT_READERS = [...WRITERS, 'auditor'] as const satisfies readonly Role[];
/** Erasure, the retention schedule (listing, approval) and legal holds: the data-protection function. */
export const ERASERS = ['admin'] as const satisfies readonly Role[];
/**
 * Subject-access exports (UK GDPR art. 15) decrypt one person's data across all their
 * complaints: the data-protection function (admins) only, the role that already holds erasure;
 * not the complaints team, whose access is per case.
 */
export const SUBJECT_ACCESS_EXPORTERS = ['admin'] as const satisfies readonly Role[];
/**
 * The transparency log's signed checkpoints, consistency proofs and public keys: every role,
 * because anyone holding a checkpoint is a witness the landlord cannot rewrite history behind
 * (they name no case). Evidence packs (a case's stored events) are INTEGRITY_CHECKERS'.
 */
export const CHECKPOINT_READERS = [
  'complaints_officer',
  'complaints_manager',
  'auditor',
  'scrutiny_panel',
  'integration',
  'admin',
] as const satisfies readonly Role[];
/** Who sees where the read models stand (no case data: positions, lag, rebuild progress). */
export const READ_MODEL_WATCHERS = ['complaints_manager', 'auditor', 'admin'] as const satisfies readonly Role[];
/** Who may start a rebuild of a read model: an operation on the system, not on a case. */
export const READ_MODEL_OPERATORS = ['admin'] as const satisfies readonly Role[];
/**
 * A reporting year's governance record (the governing body's response to the annual complaints
 * report, its publication; docs/annual-report.md): complaints managers, who take the report to
 * the board and publish it.
 */
export const GOVERNANCE_RECORDERS = ['complaints_manager'] as const satisfies readonly Role[];

/**
 * Feedback that is not a complaint (docs/feedback.md): officers and managers record it and its
 * steps (WRITERS); they and auditors read the list and the items. Panels read counts only
 * (GET /api/v1/panel/feedback, REPORT_READERS), never an item.
 */
export const FEEDBACK_READERS = [...WRITERS, 'auditor'] as const satisfies readonly Role[];
