import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { retentionStatusOf } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import type { SubjectAccessExport, SubjectComplaintExport, SubjectIdentifierKind } from '@complaints/documents';
import {
  CASE_FILES,
  findCaseFileByReference,
  findSubjectComplaints,
  SUBJECT_INDEX,
  type BlindIndexKey,
} from '@complaints/projections';
import { APP_CONFIG, CLOCK, SUBJECT_INDEX_KEY } from '../app/tokens';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import type { WriteContext } from '../complaints/write/write-context';
import type { AppConfig } from '../config/app-config';
import { ReadModels } from '../read-models/read-models.service';
import { SubjectAccessLog, type ExportFormat } from './subject-access-log';

/** How the request identifies the data subject (at least one; checked by the controller). */
export interface SubjectAccessRequest {
  email?: string | undefined;
  phone?: string | undefined;
  reference?: string | undefined;
}

/**
 * Everything held about one data subject across their complaints (UK GDPR art. 15). The
 * complaints are found through the blind index (email, phone) and by reference — a reference
 * also finds, through the index, the other complaints of that complaint's complainant — and each
 * is read from its own stream, decrypted under its own key. The export is logged (who, when,
 * which complaints, which kinds of identifier) before it is answered.
 */
@Injectable()
export class SubjectAccessExports {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
    private readonly log: SubjectAccessLog,
    @Inject(SUBJECT_INDEX_KEY) private readonly indexKey: BlindIndexKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(
    request: SubjectAccessRequest,
    format: ExportFormat,
    context: WriteContext,
  ): Promise<SubjectAccessExport> {
    // A complaint received a moment ago must be in the export: wait (bounded) for the index and
    // the case files (a reference is looked up there); each chronology waits for its own.
    await this.readModels.caughtUp(SUBJECT_INDEX);
    await this.readModels.caughtUp(CASE_FILES);
    const matches = await this.matches(request);
    const complaints: SubjectComplaintExport[] = [];
    for (const [complaintId, matchedOn] of matches) complaints.push(await this.complaint(complaintId, matchedOn));
    complaints.sort(
      (a, b) => a.case.receivedAt.localeCompare(b.case.receivedAt) || a.reference.localeCompare(b.reference),
    );

    const identifiedBy = (['email', 'phone', 'reference'] as const).filter((kind) => request[kind] !== undefined);
    const exported: SubjectAccessExport = {
      exportId: randomUUID(),
      generatedAt: this.clock.now().toISOString(),
      exportedBy: context.actor.id,
      identifiedBy,
      retentionYearsAfterEnd: this.config.retention.yearsAfterEnd,
      complaints,
    };
    await this.log.record({
      exportId: exported.exportId,
      exportedAt: exported.generatedAt,
      exportedBy: context.actor.id,
      actingRole: context.actor.role,
      identifiedBy,
      complaintIds: complaints.map((c) => c.complaintId),
      format,
    });
    return exported;
  }

  /** Complaint id → the identifiers that found it. */
  private async matches(request: SubjectAccessRequest): Promise<Map<string, SubjectIdentifierKind[]>> {
    const found = new Map<string, SubjectIdentifierKind[]>();
    const add = (complaintId: string, kinds: readonly SubjectIdentifierKind[]) => {
      const known = found.get(complaintId) ?? [];
      for (const kind of kinds) if (!known.includes(kind)) known.push(kind);
      found.set(complaintId, known);
    };
    const identifiers = { email: request.email, phone: request.phone };
    if (request.reference !== undefined) {
      const caseFile = await findCaseFileByReference(this.readModels.sql, request.reference);
      if (caseFile) {
        add(caseFile.complaintId, ['reference']);
        // The complainant of that complaint is the subject: their other complaints too.
        const view = await this.queries.complaint(caseFile.complaintId);
        const complainant = view.complainant;
        if (typeof complainant === 'object' && complainant !== null) {
          identifiers.email ??= complainant.email;
          identifiers.phone ??= complainant.phone;
        }
      }
    }
    for (const match of await findSubjectComplaints(this.readModels.sql, this.indexKey, identifiers)) {
      const asked = match.matchedOn.filter((kind) => request[kind] !== undefined);
      // Found only through the contact details of the complaint the reference named: the reference identified the person.
      add(match.complaintId, asked.length > 0 ? asked : ['reference']);
    }
    return found;
  }

  private async complaint(complaintId: string, matchedOn: SubjectIdentifierKind[]): Promise<SubjectComplaintExport> {
    const { view, entries, history } = await this.queries.record(complaintId);
    return {
      complaintId,
      reference: view.reference,
      matchedOn: matchedOn.sort(),
      case: view,
      history,
      chronology: entries,
      retention: retentionStatusOf(view.retention, this.queries.today(), this.config.retention.yearsAfterEnd),
    };
  }
}
