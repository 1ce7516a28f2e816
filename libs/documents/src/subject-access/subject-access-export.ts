import type { RetentionStatus } from '@complaints/domain';
import type { ChronologyEntry } from '@complaints/projections';
import type { AuditTrailEntry, ComplaintView } from '@complaints/reporting';

export type SubjectIdentifierKind = 'email' | 'phone' | 'reference';

/** One complaint of a subject-access export (UK GDPR art. 15): what the JSON carries and the PDF prints. */
export interface SubjectComplaintExport {
  complaintId: string;
  reference: string;
  /** Which identifiers found it: the request's email or phone (the blind index), or its reference. */
  matchedOn: SubjectIdentifierKind[];
  /** The case as an officer sees it, personal data decrypted (or "[erased]" once erased). */
  case: ComplaintView;
  /** Every event, as recorded: the audit trail. */
  history: AuditTrailEntry[];
  chronology: ChronologyEntry[];
  /** How long it is kept (art. 15(1)(d)): where it stands against the retention schedule today. */
  retention: RetentionStatus;
}

export interface SubjectAccessExport {
  exportId: string;
  generatedAt: string;
  exportedBy: string;
  identifiedBy: SubjectIdentifierKind[];
  retentionYearsAfterEnd: number;
  complaints: SubjectComplaintExport[];
}
