import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { InputInstant } from '@complaints/contracts';
import { AUDIT_READERS, CASE_READERS, INTEGRITY_CHECKERS, WRITERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import { ProblemException, problems } from '../../http/problem';
import { parseOr400 } from '../../http/validation';
import { ComplaintViewSchema, HistorySchema } from '../../openapi/response-schemas';
import { MediaResponse, mediaTypesOf, ProblemResponses, ZodQuery, ZodResponse } from '../../openapi/zod-openapi';
import { complaintIdOrNotFound } from '../complaint-id';
import { etagOf } from '../write/write-context';
import { chronologyCsv, chronologyJson, chronologyPdf } from '@complaints/documents';
import { ReadModels } from '../../read-models/read-models.service';
import { requestContext } from '../../http/request-context';
import { ResidentAccessCodes } from '../../resident/resident-access-codes';
import { ComplaintQueries } from './complaint-queries.service';
import { listComplaints, ListQuery, MAX_LIST_OFFSET } from './complaint-list';
import { ChronologySchema, ComplaintListSchema, IntegrityReportSchema } from '../../openapi/read-schemas';

const HistoryQuery = z.object({ asAt: InputInstant.optional() });
const ChronologyQuery = z.object({ format: z.enum(['json', 'csv', 'pdf']).optional() });

const CHRONOLOGY_TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;

@ApiTags('complaints: reads')
@Controller('api/v1/complaints')
export class ComplaintReadsController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
    private readonly residentCodes: ResidentAccessCodes,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({
    operationId: 'listComplaints',
    summary: 'Search complaints',
    description:
      'Filter by status, stage, overdue (as of today, Code timescales), service area and reference. No personal data in the list.',
  })
  @ZodQuery(ListQuery, {
    vulnerable: 'triage: only complaints with (true) or without (false) a current vulnerability recorded',
    reference: 'one reference, exactly (ignoring case)',
    limit: '1-500, default 100',
    offset: `0-${MAX_LIST_OFFSET}, default 0`,
  })
  @ZodResponse(200, 'One page of complaints, newest first, without personal data', ComplaintListSchema)
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: Record<string, unknown>) {
    const filter = parseOr400(ListQuery, query);
    return listComplaints(this.readModels, this.queries.today(), filter);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  @ApiOperation({
    operationId: 'getComplaint',
    summary: 'The complaint as it stands',
    description: 'Current state with its SLA block (2024 Code, and the local policy beside it). ETag: the revision.',
  })
  @ZodResponse(200, 'The complaint', ComplaintViewSchema)
  @ApiResponse({ status: 304, description: 'If-None-Match matches: unchanged' })
  @ProblemResponses(401, 403, 404)
  async get(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const view = await this.queries.complaint(complaintIdOrNotFound(id));
    const etag = etagOf(view.revision);
    res.setHeader('ETag', etag);
    const ifNoneMatch = req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.status(304);
      return undefined;
    }
    // The code a resident uses to check progress, for the officers who give it to them (not auditors or admins).
    const role = requestContext(req).actingRole;
    if (role && (WRITERS as readonly string[]).includes(role))
      return { ...view, residentAccessCode: await this.residentCodes.codeFor(view.id) };
    return view;
  }

  @Get(':id/history')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    operationId: 'getComplaintHistory',
    summary: 'The audit trail, optionally as it stood at a moment',
    description:
      'Every event with when it happened, when it was recorded and by whom; with asAt, only the events recorded by then and the state as it stood then.',
  })
  @ZodQuery(HistoryQuery, { asAt: 'ISO-8601 instant with offset, e.g. 2026-03-10T17:00:00Z' })
  @ZodResponse(200, 'History and state', HistorySchema)
  @ProblemResponses(400, 401, 403, 404)
  async history(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    const { asAt } = parseOr400(HistoryQuery, query);
    return this.queries.history(complaintIdOrNotFound(id), asAt ? new Date(asAt) : undefined);
  }

  @Get(':id/chronology')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    operationId: 'getChronology',
    summary: 'The Ombudsman-ready chronology',
    description:
      'One dated entry per step in plain English with SLA notes. JSON by default; Accept: text/csv or application/pdf (or ?format=) for the same content. The PDF (A4, long UK dates) also states the result of the hash-chain check, its head hash and when it was generated.',
  })
  @ZodQuery(ChronologyQuery)
  @MediaResponse(200, 'The chronology', mediaTypesOf(CHRONOLOGY_TYPES, ChronologySchema))
  @ProblemResponses(400, 401, 403, 404, 406)
  async chronology(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { format } = parseOr400(ChronologyQuery, query);
    const type = format ? CHRONOLOGY_TYPES[['json', 'csv', 'pdf'].indexOf(format)] : req.accepts([...CHRONOLOGY_TYPES]);
    if (!type) {
      throw new ProblemException(
        problems.notAcceptable(`The chronology is available as ${CHRONOLOGY_TYPES.join(', ')}.`),
      );
    }
    const complaintId = complaintIdOrNotFound(id);
    res.setHeader('Vary', 'Accept');
    if (type === 'application/pdf') {
      // The printed form also carries the hash-chain head and when it was generated.
      const document = await this.queries.chronologyDocument(complaintId);
      // A client that gave up (and may be retrying) must not leave its render running for nobody.
      let gone = false;
      res.once('close', () => (gone = true));
      const pdf = await chronologyPdf(document, { abandoned: () => gone });
      if (!pdf) return;
      res
        .type('application/pdf')
        .setHeader('Content-Disposition', `inline; filename="chronology-${document.view.reference}.pdf"`);
      res.send(pdf);
      return;
    }
    const chronology = await this.queries.chronology(complaintId);
    if (type === 'text/csv') {
      res
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="chronology-${chronology.view.reference}.csv"`);
      res.send(chronologyCsv(chronology));
    } else {
      res.json(chronologyJson(chronology));
    }
  }

  @Get(':id/integrity')
  @Roles(...INTEGRITY_CHECKERS)
  @ApiOperation({
    operationId: 'verifyComplaintIntegrity',
    summary: 'Verify the hash chain of the complaint, and the chain against the transparency log',
    description:
      "Proves no event was altered, removed, inserted or reordered since it was recorded: the chain must hold, and each event must be the one the transparency log recorded (same hash), every leaf of the log for this case must have its event. headHash is the value to keep as evidence; log says how far the log was compared (events recorded after the log's latest are counted in eventsNotYetInLog). problem.kind: hash-mismatch, broken-link, revision-gap (the chain), log-mismatch, missing-from-log, missing-event, log-incomplete, log-rolled-back (against the log).",
  })
  @ZodResponse(
    200,
    '{ complaintId, valid, eventsChecked, headHash, problem?, log: { treeSize, leavesChecked, eventsNotYetInLog } }',
    IntegrityReportSchema,
  )
  @ProblemResponses(401, 403, 404)
  async integrity(@Param('id') id: string) {
    const complaintId = complaintIdOrNotFound(id);
    const report = await this.queries.integrity(complaintId);
    return { complaintId, ...report };
  }
}
