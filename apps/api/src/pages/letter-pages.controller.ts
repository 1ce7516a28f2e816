import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AUDIT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { LetterDrafts } from '../complaints/letters/letter-drafts';
import { LetterPath, LetterQuery, type LetterType } from '../complaints/letters/letter-request';

const BY_EXTENSION: Readonly<Record<string, LetterType>> = {
  pdf: 'application/pdf',
  html: 'text/html',
  txt: 'text/plain',
};

/**
 * The case page's links to each draft letter (/complaints/{id}/letters/{letter}.pdf|.html|.txt):
 * the same drafts as GET /api/v1/complaints/{id}/letters/{letter}, for a signed-in browser,
 * the kind named by the extension rather than the Accept header.
 */
@ApiExcludeController()
@Controller('complaints')
export class LetterPagesController {
  constructor(private readonly drafts: LetterDrafts) {}

  @Get(':id/letters/:file')
  @Roles(...AUDIT_READERS)
  async letter(
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const complaintId = complaintIdOrNotFound(id);
    const [name = '', extension = ''] = file.split(/\.(?=[a-z]+$)/);
    const type = BY_EXTENSION[extension];
    if (!type)
      throw new ProblemException(
        problems.notFound(`There is no letter file ${file}: a letter is .pdf, .html or .txt.`),
      );
    const { letter } = parseOr400(LetterPath, { letter: name });
    await this.drafts.send(res, complaintId, letter, parseOr400(LetterQuery, query), () => type);
  }
}
