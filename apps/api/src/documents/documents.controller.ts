import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DocumentMediaTypes } from '@complaints/contracts';
import { DOCUMENT_READERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { etagOf, writeContextOf } from '../complaints/write/write-context';
import { ProblemResponses, ZodResponse } from '../openapi/zod-openapi';
import { ComplaintDocuments, type AttachedDocument, type ComplaintDocumentList } from './complaint-documents';
import { AttachedDocumentSchema, DocumentListSchema, UPLOAD_BODY_SCHEMA } from './document-schemas';
import { readUpload } from './multipart-upload';
import { sendDocument } from './send-document';

/** Documents attached to a complaint (docs/documents.md): upload, list, download. */
@ApiTags('complaints: documents')
@Controller('api/v1/complaints')
export class DocumentsController {
  constructor(private readonly documents: ComplaintDocuments) {}

  @Post(':id/documents')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'attachDocument',
    summary: 'Attach a document',
    description:
      'multipart/form-data: the file in `file`, its `kind`, an optional `description` (personal) and `attachedAt`. The type is decided from the content (PDF, JPEG, PNG, GIF, WebP, HEIC, DOCX, XLSX, PPTX, ODT, DOC, XLS, plain text); a file part whose declared Content-Type contradicts its content is 415 naming both. The bytes are stored before the DocumentAttached event is recorded. Location: the download.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ZodResponse(201, 'Attached. Location: the document; ETag: the new revision.', AttachedDocumentSchema)
  @ProblemResponses(400, 401, 403, 404, 409, 413, 415)
  async attach(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
  ): Promise<AttachedDocument> {
    const complaintId = complaintIdOrNotFound(id);
    const context = writeContextOf(req);
    const upload = await readUpload(req, res, this.documents.maxBytes);
    const attached = await this.documents.attach(complaintId, upload, context);
    res.setHeader('Location', `/api/v1/complaints/${complaintId}/documents/${attached.document.documentId}`);
    res.setHeader('ETag', etagOf(attached.revision));
    return attached;
  }

  @Get(':id/documents')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({
    operationId: 'listDocuments',
    summary: "List a complaint's documents",
    description:
      'Their record: kind, detected type, size, SHA-256, file name and description (personal), who attached them and when.',
  })
  @ZodResponse(200, 'The documents, in the order they were attached', DocumentListSchema)
  @ProblemResponses(401, 403, 404)
  list(@Param('id') id: string): Promise<ComplaintDocumentList> {
    return this.documents.list(complaintIdOrNotFound(id));
  }

  @Get(':id/documents/:documentId')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({
    operationId: 'downloadDocument',
    summary: 'Download a document',
    description:
      'The bytes, as recorded: the detected media type, `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, checked against the recorded SHA-256 before anything is sent (also sent as the `X-Content-SHA256` header). 410 once the personal data is erased.',
  })
  @ApiProduces(...DocumentMediaTypes)
  @ApiResponse({ status: 200, description: 'The document', schema: { type: 'string', format: 'binary' } })
  @ProblemResponses(401, 403, 404)
  @ApiResponse({ status: 410, description: "Deleted with the complaint's personal data (application/problem+json)" })
  @ApiResponse({
    status: 500,
    description:
      'The stored bytes are missing or do not match the recorded SHA-256: nothing is sent (application/problem+json)',
  })
  async download(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { document, bytes } = await this.documents.read(complaintIdOrNotFound(id), documentId);
    sendDocument(res, document, bytes);
  }
}
