import { Inject, Injectable } from '@nestjs/common';
import type { SubjectIdentifierKind } from '@complaints/documents';
import { INFRASTRUCTURE } from '../app/tokens';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
export type ExportFormat = 'json' | 'pdf';

/** One subject-access export, as the audit log keeps it: who, when, what — and nothing personal. */
export interface SubjectAccessExportRecord {
  exportId: string;
  exportedAt: string;
  exportedBy: string;
  actingRole: string;
  /** Which kinds of identifier the request gave (never their values). */
  identifiedBy: SubjectIdentifierKind[];
  complaintIds: string[];
  format: ExportFormat;
}

/** How many records the log lists at most, newest first. */
export const SUBJECT_ACCESS_LOG_PAGE = 500;

/**
 * The audit log of subject-access exports (api_subject_access_exports). A record is written
 * before the export is answered, so no export leaves the service unrecorded: if the record
 * cannot be written, the request fails and discloses nothing.
 */
@Injectable()
export class SubjectAccessLog {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  async record(entry: SubjectAccessExportRecord): Promise<void> {
    await this.infrastructure.sql.query(
      `INSERT INTO api_subject_access_exports (export_id, exported_at, exported_by, acting_role, identified_by, complaint_ids, format)
       VALUES ($1, $2::timestamptz, $3, $4, $5::text::jsonb, $6::text::jsonb, $7)`,
      [
        entry.exportId,
        entry.exportedAt,
        entry.exportedBy,
        entry.actingRole,
        JSON.stringify(entry.identifiedBy),
        JSON.stringify(entry.complaintIds),
        entry.format,
      ],
    );
  }

  async list(): Promise<SubjectAccessExportRecord[]> {
    const rows = await this.infrastructure.sql.query<{
      export_id: string;
      exported_at: string;
      exported_by: string;
      acting_role: string;
      identified_by: string;
      complaint_ids: string;
      format: ExportFormat;
    }>(
      `SELECT export_id, to_char(exported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS exported_at, exported_by, acting_role,
              identified_by::text AS identified_by, complaint_ids::text AS complaint_ids, format
         FROM api_subject_access_exports ORDER BY exported_at DESC, export_id LIMIT ${SUBJECT_ACCESS_LOG_PAGE}`,
    );
    return rows.map((row) => ({
      exportId: row.export_id,
      exportedAt: row.exported_at,
      exportedBy: row.exported_by,
      actingRole: row.acting_role,
      identifiedBy: JSON.parse(row.identified_by) as SubjectIdentifierKind[],
      complaintIds: JSON.parse(row.complaint_ids) as string[],
      format: row.format,
    }));
  }
}
