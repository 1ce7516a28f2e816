import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainRuleError } from '@complaints/event-store';
import { INFRASTRUCTURE } from '../../app/tokens';
import { ERASERS, WRITERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import { parseOr400 } from '../../http/validation';
import type { StoredResponse } from '../../infrastructure/idempotency-store';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import { examples } from '../../openapi/examples';
import { WriteResultSchema } from '../../openapi/response-schemas';
import { ProblemResponses, ZodBody, ZodResponse } from '../../openapi/zod-openapi';
import { complaintIdOrNotFound } from '../complaint-id';
import { ReceiveComplaintCommand, RecordComplaintStepCommand, type WriteResult } from './commands';
import { complaintIdForKey, IdempotentRequests } from './idempotent-requests';
import { etagOf, writeContextOf, type WriteContext } from './write-context';
import { requestSchemaOf, writes, type WriteDefinition } from './write-definitions';

const IF_MATCH = ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read (the ETag, e.g. "3"): 412 if the complaint has moved on' });
const STEP_PROBLEMS = ProblemResponses(400, 401, 403, 404, 409, 412, 413, 415);
const stepOk = (what: string) => ZodResponse(200, `${what}. ETag: the new revision.`, WriteResultSchema);

/** Every write of api.md ("Writes", fixed) and the further steps users need, all as commands. */
@ApiTags('complaints: writes')
@Controller('api/v1/complaints')
export class ComplaintWritesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotent: IdempotentRequests,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Receive a complaint', description: 'Logs a new complaint at stage 1 and gives it a reference. Repeat safely with an Idempotency-Key.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeating the request with the same key returns the first answer and records nothing more' })
  @ZodBody(requestSchemaOf(writes.receive), examples.receive)
  @ZodResponse(201, 'Received. Location: the complaint; ETag: its revision.', WriteResultSchema)
  @ProblemResponses(400, 401, 403, 409, 412, 413, 415, 422)
  async receive(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown): Promise<unknown> {
    const context = writeContextOf(req);
    const rawKey = req.header('idempotency-key');
    const key = rawKey === undefined ? undefined : IdempotentRequests.validKey(rawKey);
    const fields = parseOr400(requestSchemaOf(writes.receive), body ?? {});

    const run = async (): Promise<StoredResponse> => {
      const id = key ? complaintIdForKey(key) : randomUUID();
      const result = await this.receiveOrFind(id, fields, context, key !== undefined);
      return {
        status: 201,
        body: result,
        headers: { Location: `/api/v1/complaints/${id}`, ETag: etagOf(result.revision) },
      };
    };
    const response = key
      ? await this.idempotent.run(key, IdempotentRequests.fingerprint('POST /api/v1/complaints', body), run)
      : { ...(await run()), replayed: false };

    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    if (response.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return response.body;
  }

  /**
   * With an Idempotency-Key the id is derived from the key, so "already received" means an
   * earlier attempt appended and then died before its answer was stored: answer as it would have.
   */
  private async receiveOrFind(id: string, fields: Record<string, unknown>, context: WriteContext, keyed: boolean): Promise<WriteResult> {
    try {
      return await this.commands.execute<ReceiveComplaintCommand, WriteResult>(new ReceiveComplaintCommand(id, fields, context));
    } catch (error) {
      if (!(keyed && error instanceof DomainRuleError && error.rule === 'complaint-already-received')) throw error;
      const { envelopes } = await this.infrastructure.complaints.load(id, { toRevision: 1 });
      const first = envelopes[0];
      if (first?.event.type !== 'ComplaintReceived') throw error;
      return { id, reference: first.event.data.reference, revision: 1, position: first.globalPosition.toString(), events: ['ComplaintReceived'] };
    }
  }

  @Post(':id/acknowledgements')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Acknowledge the current stage', description: 'Names the handler and defines the complaint: heads of complaint and outcomes sought (Code 5.6).' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.acknowledge), examples.acknowledge)
  @stepOk('Acknowledged')
  @STEP_PROBLEMS
  acknowledge(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.acknowledge, req, res, id, body);
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Agree an extension', description: 'Adds working days to the current stage response deadline, with a reason (Code 6.4-6.5).' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.extend), examples.extend)
  @stepOk('Extension recorded')
  @STEP_PROBLEMS
  extend(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.extend, req, res, id, body);
  }

  @Post(':id/responses')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Issue the stage response', description: 'A decision with reasons on every head of complaint, and any remedies.' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.respond), examples.respond)
  @stepOk('Response issued')
  @STEP_PROBLEMS
  respond(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.respond, req, res, id, body);
  }

  @Post(':id/escalations')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Escalate to stage 2', description: 'The resident asked for stage 2; a reason is optional (Code 6.12).' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.escalate), examples.escalate)
  @stepOk('Escalated')
  @STEP_PROBLEMS
  escalate(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.escalate, req, res, id, body);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Close the complaint', description: 'Needs the final response of the current stage, and lessons recorded or a reason why there are none.' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.close), examples.close)
  @stepOk('Closed')
  @STEP_PROBLEMS
  close(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.close, req, res, id, body);
  }

  @Post(':id/lessons')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a lesson learned' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.recordLesson), examples.recordLesson)
  @stepOk('Lesson recorded')
  @STEP_PROBLEMS
  recordLesson(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.recordLesson, req, res, id, body);
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Log a contact or a failed attempt' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.logContact), examples.logContact)
  @stepOk('Contact logged')
  @STEP_PROBLEMS
  logContact(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.logContact, req, res, id, body);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record that the resident withdrew the complaint' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.withdraw), examples.withdraw)
  @stepOk('Withdrawn')
  @STEP_PROBLEMS
  withdraw(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.withdraw, req, res, id, body);
  }

  @Post(':id/refusal')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Refuse the complaint under an exclusion ground', description: 'The resident is told of their right to refer to the Ombudsman.' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.refuse), examples.refuse)
  @stepOk('Refused')
  @STEP_PROBLEMS
  refuse(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.refuse, req, res, id, body);
  }

  @Post(':id/assignments')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Reassign the current stage to another handler' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.reassign), examples.reassign)
  @stepOk('Reassigned')
  @STEP_PROBLEMS
  reassign(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.reassign, req, res, id, body);
  }

  @Post(':id/remedy-actions/:actionId/completion')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record that a remedy action was completed' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.completeRemedyAction), examples.completeRemedyAction)
  @stepOk('Remedy action completed')
  @STEP_PROBLEMS
  completeRemedyAction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('actionId') actionId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.completeRemedyAction, req, res, id, body, { actionId });
  }

  @Post(':id/compensation-payments')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a compensation payment' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.payCompensation), examples.payCompensation)
  @stepOk('Payment recorded')
  @STEP_PROBLEMS
  payCompensation(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.payCompensation, req, res, id, body);
  }

  @Post(':id/satisfaction')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Record the resident's satisfaction with the handling and the outcome" })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.recordSatisfaction), examples.recordSatisfaction)
  @stepOk('Satisfaction recorded')
  @STEP_PROBLEMS
  recordSatisfaction(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.recordSatisfaction, req, res, id, body);
  }

  @Post(':id/ombudsman/referral')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record that the Housing Ombudsman is investigating' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.recordOmbudsmanReferral), examples.recordOmbudsmanReferral)
  @stepOk('Referral recorded')
  @STEP_PROBLEMS
  recordOmbudsmanReferral(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.recordOmbudsmanReferral, req, res, id, body);
  }

  @Post(':id/ombudsman/determination')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Record the Ombudsman's determination: findings and orders" })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.recordOmbudsmanDetermination), examples.recordOmbudsmanDetermination)
  @stepOk('Determination recorded')
  @STEP_PROBLEMS
  recordOmbudsmanDetermination(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.recordOmbudsmanDetermination, req, res, id, body);
  }

  @Post(':id/ombudsman/orders/:orderId/compliance')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record compliance with an Ombudsman order' })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.recordOmbudsmanOrderCompliance), examples.recordOmbudsmanOrderCompliance)
  @stepOk('Compliance recorded')
  @STEP_PROBLEMS
  recordOmbudsmanOrderCompliance(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('orderId') orderId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordOmbudsmanOrderCompliance, req, res, id, body, { orderId });
  }

  @Post(':id/personal-data/erasure')
  @HttpCode(200)
  @Roles(...ERASERS)
  @ApiOperation({
    summary: "Erase the complaint's personal data (admin)",
    description: 'Destroys the data subject key: every personal field, in every event, then reads as "[erased]"; the facts and timings stay.',
  })
  @IF_MATCH
  @ZodBody(requestSchemaOf(writes.erasePersonalData), examples.erasePersonalData)
  @stepOk('Erased')
  @STEP_PROBLEMS
  erasePersonalData(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.step(writes.erasePersonalData, req, res, id, body);
  }

  private async step(
    definition: WriteDefinition,
    req: Request,
    res: Response,
    id: string,
    body: unknown,
    pathFields: Record<string, string> = {},
  ): Promise<WriteResult> {
    const complaintId = complaintIdOrNotFound(id);
    const context = writeContextOf(req);
    const fields = parseOr400(requestSchemaOf(definition), body ?? {});
    const result = await this.commands.execute<RecordComplaintStepCommand, WriteResult>(
      new RecordComplaintStepCommand(complaintId, definition, fields, pathFields, context),
    );
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
