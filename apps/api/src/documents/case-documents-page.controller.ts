import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DOCUMENT_READERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { writeContextOf } from '../complaints/write/write-context';
import { ProblemException } from '../http/problem';
import { formExpiredProblem, PageKit } from '../pages/page-kit';
import { ComplaintDocuments } from './complaint-documents';
import { readUpload } from './multipart-upload';
import { sendDocument } from './send-document';

/**
 * The case page's documents (docs/documents.md): the download links and the upload form, under
 * the session cookie, calling what the API routes call under the same roles.
 */
@ApiExcludeController()
@Controller('complaints')
export class CaseDocumentsPageController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly documents: ComplaintDocuments,
  ) {}

  @Get(':id/documents/:documentId')
  @Roles(...DOCUMENT_READERS)
  async download(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { document, bytes } = await this.documents.read(complaintIdOrNotFound(id), documentId);
    sendDocument(res, document, bytes);
  }

  /**
   * The form posts multipart/form-data, which is read here, after the roles guard: so its
   * `_csrf` is checked here too, once the body is read (the shared check, which runs before any
   * body of this kind is parsed, leaves this one route to it: pages/http/csrf-check.middleware.ts).
   */
  @Post(':id/documents')
  @Roles(...WRITERS)
  async upload(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const complaintId = complaintIdOrNotFound(id);
    const upload = await readUpload(req, res, this.documents.maxBytes);
    const { _csrf: offered, ...fields } = upload.fields;
    if (!this.kit.csrf.matches(this.kit.csrfBinding(req), offered)) throw new ProblemException(formExpiredProblem());
    // A form sends an empty box as an empty string: left out, as the API would have it.
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== ''));
    await this.documents.attach(complaintId, { ...upload, fields: given }, writeContextOf(req));
    res.redirect(303, `/complaints/${encodeURIComponent(complaintId)}#documents`);
  }
}
