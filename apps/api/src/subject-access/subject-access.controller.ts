import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { InputEmail, InputShortText, PathId } from '@complaints/contracts';
import { SUBJECT_ACCESS_EXPORTERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { writeContextOf } from '../complaints/write/write-context';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import { MediaResponse, mediaTypesOf, ProblemResponses, ZodBody, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { SubjectAccessExports } from './subject-access-export';
import { SubjectAccessLog } from './subject-access-log';
import { subjectAccessPdf } from '@complaints/documents';
import { SubjectAccessExportSchema, SubjectAccessExportsSchema } from '../openapi/report-schemas';

/**
 * How the person is identified: in the body of a POST, never in a URL (URLs end up in access
 * logs, proxies and browser histories). The admin has verified the requester's identity.
 */
const ExportRequest = z
  .strictObject({
    // As a person types them: an email with spaces around it, a reference in lower case.
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), InputEmail).optional(),
    phone: InputShortText.optional(),
    reference: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), PathId).optional(),
  })
  .refine((r) => r.email !== undefined || r.phone !== undefined || r.reference !== undefined, {
    message: 'give at least one of email, phone or reference',
    path: ['email'],
  });
const ExportQuery = z.strictObject({ format: z.enum(['json', 'pdf']).optional() });
const EXPORT_TYPES = ['application/json', 'application/pdf'] as const;

@ApiTags('subject access')
@Controller('api/v1/subject-access/exports')
export class SubjectAccessController {
  constructor(
    private readonly exports: SubjectAccessExports,
    private readonly log: SubjectAccessLog,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles(...SUBJECT_ACCESS_EXPORTERS)
  @ApiOperation({
    operationId: 'exportSubjectAccessData',
    summary: 'Export everything held about one data subject (UK GDPR art. 15; admin)',
    description:
      "Body: email, phone and/or reference (at least one). Finds the complainant's complaints through a keyed blind index of their email and phone (a reference also finds that complainant's other complaints) and answers each with its personal data decrypted, its full history and its chronology. JSON by default; Accept: application/pdf (or ?format=pdf) for a readable PDF. Every export is logged first (GET lists the log): who, when, which complaints, which kinds of identifier — never the identifiers themselves. Erased complaints are not found by email or phone.",
  })
  @ZodQuery(ExportQuery)
  @ZodBody('ExportSubjectAccessDataRequest', ExportRequest, { email: 'jane@example.org' })
  @MediaResponse(
    200,
    '{ exportId, generatedAt, exportedBy, identifiedBy, retentionYearsAfterEnd, complaints: [{ complaintId, reference, matchedOn, case, history, chronology, retention }] }, or the PDF',
    mediaTypesOf(EXPORT_TYPES, SubjectAccessExportSchema),
  )
  @ProblemResponses(400, 401, 403, 406, 413, 415)
  async export(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<void> {
    const { format } = parseOr400(ExportQuery, query);
    const request = parseOr400(ExportRequest, body ?? {});
    const type = format ? EXPORT_TYPES[format === 'json' ? 0 : 1] : req.accepts([...EXPORT_TYPES]);
    if (!type)
      throw new ProblemException(problems.notAcceptable(`The export is available as ${EXPORT_TYPES.join(', ')}.`));
    const exported = await this.exports.export(
      request,
      type === 'application/pdf' ? 'pdf' : 'json',
      writeContextOf(req),
    );
    res.setHeader('Vary', 'Accept');
    // Personal data: no cache anywhere on the way may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    if (type === 'application/pdf') {
      const pdf = await subjectAccessPdf(exported);
      res
        .type('application/pdf')
        .setHeader('Content-Disposition', `attachment; filename="subject-access-${exported.exportId}.pdf"`);
      res.send(pdf);
      return;
    }
    res.json(exported);
  }

  @Get()
  @Roles(...SUBJECT_ACCESS_EXPORTERS)
  @ApiOperation({
    operationId: 'listSubjectAccessExports',
    summary: 'The log of subject-access exports, newest first (admin)',
    description:
      'Who exported which complaints, when, in which form, identified by which kinds of identifier. At most 500.',
  })
  @ZodResponse(
    200,
    '{ exports: [{ exportId, exportedAt, exportedBy, actingRole, identifiedBy, complaintIds, format }] }',
    SubjectAccessExportsSchema,
  )
  @ProblemResponses(401, 403)
  async list() {
    return { exports: await this.log.list() };
  }
}
