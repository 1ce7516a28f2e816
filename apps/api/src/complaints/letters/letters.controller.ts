import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LetterNames } from '@complaints/contracts';
import { AUDIT_READERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import { ProblemException, problems } from '../../http/problem';
import { parseOr400 } from '../../http/validation';
import { MediaResponse, mediaTypesOf, ProblemResponses, ZodQuery } from '../../openapi/zod-openapi';
import { complaintIdOrNotFound } from '../complaint-id';
import { LetterDrafts } from './letter-drafts';
import { LetterPath, LetterQuery, typesInOrder, LETTER_TYPES, type LetterType } from './letter-request';

/**
 * GET /complaints/{id}/letters/{letter}: a letter drafted from the complaint's record with the
 * landlord's templates (docs/letters.md). The complaints team and auditors, as for the
 * chronology (it names the resident); never panels. A letter whose step is not recorded yet is
 * the domain's letter-not-ready, 409, naming what is missing: the same rule that refuses
 * recording it as sent.
 */
@ApiTags('complaints: letters')
@Controller('api/v1/complaints')
export class LettersController {
  constructor(private readonly drafts: LetterDrafts) {}

  @Get(':id/letters/:letter')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    operationId: 'getLetter',
    summary: 'A letter drafted from the record',
    description:
      "The acknowledgement, extension, stage 1 or 2 response or refusal letter, with every part the Code requires, addressed to the resident (or their representative), on the landlord's letterhead (ORG_NAME, ORG_ADDRESS). Accept: application/pdf (A4, embedded Unicode font), text/html (a printable page) or text/plain (for screen readers). largePrint=true sets it at 16pt or more; plainText=true answers text/plain when Accept states no preference. 409 letter-not-ready names what is missing when the step the letter reports is not recorded yet.",
  })
  @ApiParam({ name: 'letter', enum: LetterNames })
  @ZodQuery(LetterQuery)
  @MediaResponse(200, 'The letter, as application/pdf, text/html or text/plain', mediaTypesOf(LETTER_TYPES))
  @ProblemResponses(400, 401, 403, 404, 406, 409)
  async letter(
    @Param('id') id: string,
    @Param('letter') letterParam: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const complaintId = complaintIdOrNotFound(id);
    const { letter } = parseOr400(LetterPath, { letter: letterParam });
    const asked = parseOr400(LetterQuery, query);
    if (!req.accepts([...LETTER_TYPES]))
      throw new ProblemException(problems.notAcceptable(`A letter is available as ${LETTER_TYPES.join(', ')}.`));
    res.setHeader('Vary', 'Accept');
    // With no preference in Accept, a resident who reads with a screen reader gets plain text first.
    await this.drafts.send(
      res,
      complaintId,
      letter,
      asked,
      (presentation) => req.accepts(typesInOrder(presentation)) as LetterType,
    );
  }
}
