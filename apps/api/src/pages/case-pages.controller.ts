import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Role } from '@complaints/contracts';
import { chronologyCsv, chronologyPdf } from '@complaints/documents';
import { TransparencyLog } from '@complaints/projections';
import { longUkDate } from '@complaints/reporting';
import {
  caseActionsOf,
  readyLetters,
  isCaseStep,
  STEP_TITLES,
  caseAsAtErrorContext,
  caseAsAtPageContext,
  casePageContext,
  complaintsListPageContext,
  LIST_FIELD_MESSAGES,
  listFormInputOf,
  listQueryOf,
  parseAsAtDate,
  type CheckpointOrAbsence,
} from '@complaints/pages';
import { INFRASTRUCTURE } from '../app/tokens';
import {
  AUDIT_READERS,
  CASE_READERS,
  DOCUMENT_READERS,
  ERASERS,
  INTEGRITY_CHECKERS,
  WRITERS,
} from '../auth/role-policy';
import { caseDocumentsSection } from '../documents/case-documents-section';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { listComplaints, ListQuery } from '../complaints/read/complaint-list';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ProblemException } from '../http/problem';
import { requestContext } from '../http/request-context';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { evidencePackOf } from '../integrity/evidence-pack';
import { latestCheckpoint } from '../integrity/latest-checkpoint';
import { ReadModels } from '../read-models/read-models.service';
import { PageKit } from './page-kit';
import { caseStateOf } from '../complaints/read/current-case-state';

const allows = (roles: readonly Role[], role: Role | undefined) => role !== undefined && roles.includes(role);

/**
 * The auditor's pages (issue 14, item 2): the complaint list with its filters and the search by
 * reference, the case with its timescales, chronology and integrity check, the case as it stood
 * at the end of a date, and the downloads. Each calls what the matching API route calls
 * (GET /api/v1/complaints, /{id}, /{id}/history?asAt=, /{id}/chronology, /{id}/integrity,
 * /{id}/evidence, /integrity/checkpoint) under the same role lists, and a section is shown only
 * to the roles its API route admits (its data is not even read for anyone else).
 */
@ApiExcludeController()
@Controller('complaints')
export class CasePagesController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
    private readonly log: TransparencyLog,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  async list(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const input = listFormInputOf(query);
    const { query: listQuery, pageError } = listQueryOf(input);
    const parsed = ListQuery.safeParse(listQuery);
    const errors: Record<string, string> = {};
    if (pageError) errors['page'] = pageError;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const id = field === 'offset' || field === 'limit' ? 'page' : field;
        errors[id] ??= LIST_FIELD_MESSAGES[id] ?? `${id}: ${issue.message}`;
      }
    }
    if (Object.keys(errors).length > 0 || !parsed.success) {
      return this.kit.page(
        req,
        res,
        'complaints-list',
        'Complaints',
        complaintsListPageContext(input, null, errors),
        400,
      );
    }
    const result = await listComplaints(this.readModels, this.queries.today(), parsed.data);
    return this.kit.page(req, res, 'complaints-list', 'Complaints', complaintsListPageContext(input, result));
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  async case(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const complaintId = complaintIdOrNotFound(id);
    const { actingRole: role, principal } = requestContext(req);
    // The steps the case allows now, for those who record them: from the decider's own state.
    // One read of the stream: the view, the chronology and the decider's state all come from it.
    const envelopes = await this.queries.stream(complaintId);
    const writer = allows(WRITERS, role);
    // Administrators record the data-protection steps (legal holds, erasure) from the case page.
    const eraser = allows(ERASERS, role);
    const auditReader = allows(AUDIT_READERS, role);
    // Folded once, for the steps and the letters alike.
    const state = writer || auditReader || eraser ? caseStateOf(complaintId, envelopes).complaint : undefined;
    const actions = (writer || eraser) && state ? caseActionsOf(state, principal?.roles ?? [], complaintId) : [];
    // The draft letters the record allows now (docs/letters.md), for those who may read them.
    const letters = auditReader && state ? readyLetters(state) : [];
    const integrityChecker = allows(INTEGRITY_CHECKERS, role);
    // The chronology carries its own view of the case, from the same read of the stream.
    const { view, entries } = auditReader
      ? await this.queries.chronologyOf(complaintId, envelopes)
      : { view: this.queries.complaintFrom(complaintId, envelopes), entries: undefined };
    const integrity = integrityChecker
      ? { report: await this.queries.integrity(complaintId), checkpoint: await this.checkpointOrWhyNot() }
      : undefined;
    const context = casePageContext({
      view,
      entries,
      integrity,
      downloads: { chronology: auditReader, evidence: integrityChecker },
      asAtAllowed: auditReader,
      actions,
      recordsCasework: writer,
      letters,
    });
    // After a form's 303: say what was recorded (only a step's known name is ever echoed).
    const recorded =
      typeof done === 'string' && isCaseStep(done)
        ? STEP_TITLES[done]
        : done === 'received'
          ? 'Complaint received'
          : undefined;
    // Documents: for those who may download them (never panels), with the upload form for writers.
    const documents = allows(DOCUMENT_READERS, role)
      ? caseDocumentsSection(complaintId, envelopes, allows(WRITERS, role))
      : undefined;
    return this.kit.page(req, res, 'case', `Complaint ${view.reference}`, { ...context, recorded, documents });
  }

  @Get(':id/as-at')
  @Roles(...AUDIT_READERS)
  async asAt(
    @Param('id') id: string,
    @Query('date') date: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const complaintId = complaintIdOrNotFound(id);
    const parsed = parseAsAtDate(date, this.queries.today());
    if ('error' in parsed) {
      // The complaint must exist for the form to be worth showing again (404 otherwise, as the API).
      const { id: found, reference } = await this.queries.complaint(complaintId);
      const typed = typeof date === 'string' ? date.slice(0, 40) : '';
      return this.kit.page(
        req,
        res,
        'case-as-at',
        'The case as it stood on a date',
        caseAsAtErrorContext({ id: found, reference }, typed, parsed.error),
        400,
      );
    }
    const [history, now] = await Promise.all([
      this.queries.history(complaintId, parsed.endsAt),
      this.queries.complaint(complaintId),
    ]);
    const context = caseAsAtPageContext(history, {
      date: parsed.date,
      calendar: this.queries.organisation.calendar,
      current: now,
    });
    const title = `Complaint ${now.reference} as it stood on ${longUkDate(parsed.date)}`;
    return this.kit.page(req, res, 'case-as-at', title, context);
  }

  @Get(':id/chronology.csv')
  @Roles(...AUDIT_READERS)
  async chronologyCsv(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const chronology = await this.queries.chronology(complaintIdOrNotFound(id));
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="chronology-${chronology.view.reference}.csv"`);
    res.send(chronologyCsv(chronology));
  }

  @Get(':id/chronology.pdf')
  @Roles(...AUDIT_READERS)
  async chronologyPdf(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const document = await this.queries.chronologyDocument(complaintIdOrNotFound(id));
    let gone = false;
    res.once('close', () => (gone = true));
    const pdf = await chronologyPdf(document, { abandoned: () => gone });
    if (!pdf) return;
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="chronology-${document.view.reference}.pdf"`);
    res.send(pdf);
  }

  @Get(':id/evidence.json')
  @Roles(...INTEGRITY_CHECKERS)
  async evidence(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const complaintId = complaintIdOrNotFound(id);
    const pack = await evidencePackOf(
      {
        infrastructure: this.infrastructure,
        organisation: this.queries.organisation,
        log: this.log,
        readModels: this.readModels,
      },
      complaintId,
      [],
    );
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('application/json')
      .setHeader('Content-Disposition', `attachment; filename="evidence-${complaintId}.json"`);
    res.send(JSON.stringify(pack, null, 2));
  }

  /** The checkpoint to show beside the check; a log that refuses to sign is said so on the page, not turned into an error page. */
  private async checkpointOrWhyNot(): Promise<CheckpointOrAbsence> {
    try {
      return { checkpoint: await latestCheckpoint(this.log, this.readModels) };
    } catch (error) {
      if (error instanceof ProblemException)
        return { unavailable: `No checkpoint can be shown: ${error.problem.detail ?? error.problem.title}` };
      throw error;
    }
  }
}
