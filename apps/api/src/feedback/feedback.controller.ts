import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { PathId, type FeedbackCommandType } from '@complaints/contracts';
import { queryFeedback, FEEDBACK_ITEMS } from '@complaints/projections';
import { feedbackView } from '@complaints/reporting';
import { feedbackRules } from '@complaints/domain';
import { DomainRuleError } from '@complaints/event-store';
import { FEEDBACK_READERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import type { StoredResponse } from '../infrastructure/idempotency-store';
import { named, ProblemResponses, ZodBody, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { WriteResultSchema } from '../openapi/response-schemas';
import { ReadModels } from '../read-models/read-models.service';
import { complaintIdForKey, IdempotentRequests } from '../complaints/write/idempotent-requests';
import { etagOf, writeContextOf, type WriteContext } from '../complaints/write/write-context';
import { ConvertFeedbackCommand, type ConversionResult } from './convert-feedback';
import { FeedbackWriter, type FeedbackWriteResult } from './feedback-writer';
import {
  CompleteServiceRequestBody,
  ConvertFeedbackBody,
  FeedbackListQuery,
  MAX_FEEDBACK_OFFSET,
  PassFeedbackToManagerBody,
  ReceiveFeedbackBody,
  ShareFeedbackBody,
} from './feedback-requests';
import { FeedbackPageSchema, FeedbackViewSchema } from '../openapi/report-schemas';

const FeedbackWriteSchema = named(
  'FeedbackWriteResult',
  z.object({
    id: z.string(),
    revision: z.number().int().describe("The feedback item's revision after the write; also the ETag"),
    position: z.string().nullable().describe('Global position of the last event written (64-bit integer as a string)'),
    events: z.array(z.string()).describe('Types of the events appended'),
  }),
);
const ConversionSchema = named(
  'FeedbackConversion',
  WriteResultSchema.extend({
    created: z
      .boolean()
      .describe('false: the complaint had been received already (a retry finishing the link, or a repeat)'),
    feedback: z.object({ id: z.string(), revision: z.number().int() }),
  }),
);

/** An id that cannot name a feedback item is simply an unknown one (404), and never reaches SQL. */
function feedbackIdOrNotFound(id: string): string {
  if (!PathId.safeParse(id).success)
    throw new ProblemException(problems.notFound(`There is no feedback ${JSON.stringify(id.slice(0, 100))}.`));
  return id;
}

/**
 * Feedback that is not a complaint (docs/feedback.md): compliments, comments, concerns resolved
 * at first contact, service requests (Code 1.4); their steps; and turning one into a complaint.
 */
@ApiTags('feedback')
@Controller('api/v1/feedback')
export class FeedbackController {
  constructor(
    private readonly writer: FeedbackWriter,
    private readonly commands: CommandBus,
    private readonly idempotent: IdempotentRequests,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'receiveFeedback',
    summary: 'Record feedback that is not a complaint',
    description:
      "A compliment (with the staffMember and/or team it praises), a comment, a concern resolved at first contact or a service request. receivedAt defaults to now; channel takes the complaint vocabulary and its synonyms. The summary, from (who gave it) and staffMember are personal data, encrypted with the item's own key. Repeat safely with an Idempotency-Key.",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating the request with the same key returns the first answer and records nothing more',
  })
  @ZodBody('ReceiveFeedbackRequest', ReceiveFeedbackBody, {
    kind: 'compliment',
    receivedAt: '2026-03-02T10:00:00Z',
    channel: 'phone',
    serviceArea: 'Repairs',
    summary: 'Mrs Ellis rang to say the boiler was fixed the same day and the engineer was very kind.',
    staffMember: 'Priya Shah',
    team: 'Repairs north',
  })
  @ZodResponse(201, 'Recorded. Location: the item; ETag: its revision.', FeedbackWriteSchema)
  @ProblemResponses(400, 401, 403, 409, 413, 415, 422)
  async receive(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const context = writeContextOf(req);
    const rawKey = req.header('idempotency-key');
    const key =
      rawKey === undefined ? undefined : { caller: context.actor.id, key: IdempotentRequests.validKey(rawKey) };
    const fields = parseOr400(ReceiveFeedbackBody, body ?? {});
    const run = async (): Promise<StoredResponse> => {
      const id = key ? complaintIdForKey(key) : randomUUID();
      // Each item gets its own data subject: erasing one item's personal data never touches another's.
      const result = await this.receiveOrFind(
        id,
        { ...fields, dataSubjectId: randomUUID() },
        context,
        key !== undefined,
      );
      return {
        status: 201,
        body: result,
        headers: { Location: `/api/v1/feedback/${id}`, ETag: etagOf(result.revision) },
      };
    };
    const response = key
      ? await this.idempotent.run(key, IdempotentRequests.fingerprint('POST /api/v1/feedback', body), run)
      : { ...(await run()), replayed: false };
    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    if (response.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return response.body;
  }

  /**
   * With an Idempotency-Key the id is derived from the key, so "already received" means an
   * earlier attempt appended and then died before its answer was stored: answer as it would have
   * (as the complaints' receipt does).
   */
  private async receiveOrFind(
    id: string,
    fields: Readonly<Record<string, unknown>>,
    context: WriteContext,
    keyed: boolean,
  ): Promise<FeedbackWriteResult> {
    try {
      return await this.writer.write(id, 'ReceiveFeedback', fields, context);
    } catch (error) {
      if (!(keyed && error instanceof DomainRuleError && error.rule === feedbackRules.alreadyReceived.id)) throw error;
      const { envelopes } = await this.writer.current(id);
      const first = envelopes[0];
      if (first?.event.type !== 'FeedbackReceived') throw error;
      return { id, revision: 1, position: first.globalPosition.toString(), events: ['FeedbackReceived'] };
    }
  }

  @Get()
  @Roles(...FEEDBACK_READERS)
  @ApiOperation({
    operationId: 'listFeedback',
    summary: 'List feedback',
    description:
      'Newest first, filtered by kind, service area (ignoring case) and the London dates of receipt (from and to, inclusive), paged. No personal data in the list: the item has it.',
  })
  @ZodQuery(FeedbackListQuery, {
    from: 'YYYY-MM-DD, inclusive',
    to: 'YYYY-MM-DD, inclusive',
    limit: '1-500, default 100',
    offset: `0-${MAX_FEEDBACK_OFFSET}, default 0`,
  })
  @ZodResponse(200, '{ total, limit, offset, items[] }', FeedbackPageSchema)
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: Record<string, unknown>) {
    const q = parseOr400(FeedbackListQuery, query);
    await this.readModels.caughtUp(FEEDBACK_ITEMS);
    return queryFeedback(this.readModels.sql, {
      ...(q.kind !== undefined ? { kind: q.kind } : {}),
      ...(q.serviceArea !== undefined ? { serviceArea: q.serviceArea } : {}),
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Get(':id')
  @Roles(...FEEDBACK_READERS)
  @ApiOperation({
    operationId: 'getFeedback',
    summary: 'One feedback item',
    description:
      'What was received (with its personal fields), each step, the complaint it became, and its history in plain words. ETag: the revision.',
  })
  @ZodResponse(200, 'The feedback item', FeedbackViewSchema)
  @ProblemResponses(401, 403, 404)
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const feedbackId = feedbackIdOrNotFound(id);
    const { envelopes } = await this.writer.events.load(feedbackId);
    const view = feedbackView(envelopes);
    if (!view) throw new ProblemException(problems.notFound(`There is no feedback ${feedbackId}.`));
    res.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  @Post(':id/shared')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'shareFeedback',
    summary: 'Record that a compliment was shared with the staff member or team (Salix §35)',
    description: 'Compliments only (409 otherwise). sharedAt defaults to now.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read: 412 if the item has moved on' })
  @ZodBody('ShareFeedbackRequest', ShareFeedbackBody, { sharedAt: '2026-03-03T09:00:00Z', sharedWith: 'Priya Shah' })
  @ZodResponse(200, 'Recorded. ETag: the new revision.', FeedbackWriteSchema)
  @ProblemResponses(400, 401, 403, 404, 409, 412, 413, 415)
  share(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(req, res, id, 'ShareFeedback', parseOr400(ShareFeedbackBody, body ?? {}));
  }

  @Post(':id/passed-to-manager')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'passFeedbackToManager',
    summary: 'Record that a comment was passed to the service manager',
    description:
      'Comments and concerns resolved at first contact only; not once the item became a complaint (409). passedAt defaults to now.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read: 412 if the item has moved on' })
  @ZodBody('PassFeedbackToManagerRequest', PassFeedbackToManagerBody, {
    passedAt: '2026-03-03T09:00:00Z',
    manager: 'Sam Head',
    note: 'For the repairs team meeting.',
  })
  @ZodResponse(200, 'Recorded. ETag: the new revision.', FeedbackWriteSchema)
  @ProblemResponses(400, 401, 403, 404, 409, 412, 413, 415)
  passToManager(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(req, res, id, 'PassFeedbackToManager', parseOr400(PassFeedbackToManagerBody, body ?? {}));
  }

  @Post(':id/completed')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'completeFeedback',
    summary: 'Record that a service request was completed (Code 1.4)',
    description: 'Service requests only, once; not once it became a complaint (409). completedAt defaults to now.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read: 412 if the item has moved on' })
  @ZodBody('CompleteFeedbackRequest', CompleteServiceRequestBody, {
    completedAt: '2026-03-05T15:00:00Z',
    outcome: 'Gutter cleared.',
  })
  @ZodResponse(200, 'Recorded. ETag: the new revision.', FeedbackWriteSchema)
  @ProblemResponses(400, 401, 403, 404, 409, 412, 413, 415)
  complete(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(req, res, id, 'CompleteServiceRequest', parseOr400(CompleteServiceRequestBody, body ?? {}));
  }

  @Post(':id/complaint')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'convertFeedbackToComplaint',
    summary: 'Turn a concern resolved at first contact or a service request into a formal complaint',
    description:
      "The body is a complaint as POST /api/v1/complaints takes it, every field optional: channel, serviceArea, description (the summary), complainant.name (from `from`) and tenure are taken from the feedback when left out; receivedAt defaults to now. The complaint's receipt records ComplaintRaisedFromFeedback (its history and chronology say where it came from) and the feedback records FeedbackConvertedToComplaint. Safe to retry: the complaint's id is derived from the feedback's, so a retry after a failure finishes the link and never makes a second complaint (200, created: false). Refused (409, nothing recorded) for a compliment or comment, or once it became another complaint. If-Match and Idempotency-Key do not apply.",
  })
  @ZodBody('ConvertFeedbackToComplaintRequest', ConvertFeedbackBody, {
    outcomeSought: 'The repair done properly',
    complainant: { name: 'Margaret Ellis', email: 'margaret.ellis@example.org' },
  })
  @ZodResponse(201, "Received and linked. Location: the complaint; ETag: the complaint's revision.", ConversionSchema)
  @ProblemResponses(400, 401, 403, 404, 409, 413, 415)
  async convert(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const feedbackId = feedbackIdOrNotFound(id);
    const fields = parseOr400(ConvertFeedbackBody, body ?? {});
    const result = await this.commands.execute<ConvertFeedbackCommand, ConversionResult>(
      new ConvertFeedbackCommand(feedbackId, fields, writeContextOf(req)),
    );
    res.status(result.created ? 201 : 200);
    res.setHeader('Location', `/api/v1/complaints/${result.id}`);
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  }

  private async step(
    req: Request,
    res: Response,
    id: string,
    type: FeedbackCommandType,
    fields: Record<string, unknown>,
  ) {
    const feedbackId = feedbackIdOrNotFound(id);
    try {
      const result = await this.writer.write(feedbackId, type, fields, writeContextOf(req));
      res.setHeader('ETag', etagOf(result.revision));
      return result;
    } catch (error) {
      // For a step, "never received" is the client naming an item that does not exist.
      if (error instanceof DomainRuleError && error.rule === feedbackRules.notReceived.id) {
        throw new ProblemException(problems.notFound(`There is no feedback ${feedbackId}.`));
      }
      throw error;
    }
  }
}
