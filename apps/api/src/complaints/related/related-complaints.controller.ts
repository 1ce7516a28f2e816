import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { WRITERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import { parseOr400 } from '../../http/validation';
import { caseworkExamples } from '../../openapi/casework-examples';
import { WriteResultSchema } from '../../openapi/response-schemas';
import { ProblemResponses, ZodBody, ZodResponse } from '../../openapi/zod-openapi';
import { ResidentAccessCodes } from '../../resident/resident-access-codes';
import { complaintIdOrNotFound } from '../complaint-id';
import { etagOf, writeContextOf } from '../write/write-context';
import { requestSchemaOf, writes } from '../write/write-definitions';
import { LogRelatedComplaintCommand, type RelatedComplaintResult } from './log-related-complaint';

/** Code 6.8: an unrelated issue raised during a complaint becomes a new complaint, linked both ways. */
@ApiTags('complaints: writes')
@Controller('api/v1/complaints')
export class RelatedComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly residentCodes: ResidentAccessCodes,
  ) {}

  @Post(':id/related-complaints')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'logRelatedComplaint',
    summary: 'Log an unrelated issue raised during this complaint as a new complaint',
    description:
      "The body is a new complaint, as POST /api/v1/complaints takes it. The new complaint's receipt records the complaint (and stage) it was raised during, and this complaint records the new one: each case view lists the other under linkedComplaints, each chronology says so. Refused (409, nothing recorded) when this complaint has ended. If-Match and Idempotency-Key do not apply. The answer is the new complaint's, with `relatedTo` naming this one and its new revision.",
  })
  @ZodBody('ReceiveComplaintRequest', requestSchemaOf(writes.receive), caseworkExamples.logRelatedComplaint)
  @ZodResponse(
    201,
    "Received and linked. Location: the new complaint; ETag: the new complaint's revision.",
    WriteResultSchema,
  )
  @ProblemResponses(400, 401, 403, 404, 409, 413, 415)
  async logRelated(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const originalId = complaintIdOrNotFound(id);
    const fields = parseOr400(requestSchemaOf(writes.receive), body ?? {});
    const result = await this.commands.execute<LogRelatedComplaintCommand, RelatedComplaintResult>(
      new LogRelatedComplaintCommand(originalId, fields, writeContextOf(req)),
    );
    res.setHeader('Location', `/api/v1/complaints/${result.id}`);
    res.setHeader('ETag', etagOf(result.revision));
    return { ...result, residentAccessCode: await this.residentCodes.codeFor(result.id) };
  }
}
