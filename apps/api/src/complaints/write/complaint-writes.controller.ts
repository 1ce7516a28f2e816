import { randomUUID } from 'node:crypto';
import { applyDecorators, Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Role } from '@complaints/contracts';
import { DomainRuleError } from '@complaints/event-store';
import { INFRASTRUCTURE } from '../../app/tokens';
import { ERASERS, RESTRICTION_APPROVERS, WRITERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import { parseOr400 } from '../../http/validation';
import type { StoredResponse } from '../../infrastructure/idempotency-store';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import { caseworkExamples } from '../../openapi/casework-examples';
import { examples } from '../../openapi/examples';
import { circumstancesExamples } from '../../openapi/circumstances-examples';
import { WriteResultSchema } from '../../openapi/response-schemas';
import { ProblemResponses, ZodBody, ZodResponse } from '../../openapi/zod-openapi';
import { ResidentAccessCodes } from '../../resident/resident-access-codes';
import { complaintIdOrNotFound } from '../complaint-id';
import { ReceiveComplaintCommand, RecordComplaintStepCommand, type WriteResult } from './commands';
import { complaintIdForKey, IdempotentRequests } from './idempotent-requests';
import { etagOf, writeContextOf, type WriteContext } from './write-context';
import { pathSchemaOf, requestSchemaOf, writes, type WriteDefinition } from './write-definitions';

/**
 * One step of a complaint's life as a route: POST, 200, its roles, its OpenAPI operation, the
 * If-Match header, the zod request body with an example, the write result and the problems a
 * step can answer with. The handler itself only names which write it is.
 */
function StepRoute(
  path: string,
  write: WriteDefinition,
  example: unknown,
  done: string,
  operation: { operationId: string; summary: string; description?: string },
  roles: readonly Role[] = WRITERS,
) {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...roles),
    ApiOperation(operation),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The revision last read (the ETag, e.g. "3"): 412 if the complaint has moved on',
    }),
    ZodBody(
      `${operation.operationId.charAt(0).toUpperCase()}${operation.operationId.slice(1)}Request`,
      requestSchemaOf(write),
      example,
    ),
    ZodResponse(200, `${done}. ETag: the new revision.`, WriteResultSchema),
    ProblemResponses(400, 401, 403, 404, 409, 412, 413, 415),
  );
}

/** Every write of api.md ("Writes", fixed) and the further steps users need, all as commands. */
@ApiTags('complaints: writes')
@Controller('api/v1/complaints')
export class ComplaintWritesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotent: IdempotentRequests,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly residentCodes: ResidentAccessCodes,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'receiveComplaint',
    summary: 'Receive a complaint',
    description: 'Logs a new complaint at stage 1 and gives it a reference. Repeat safely with an Idempotency-Key.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating the request with the same key returns the first answer and records nothing more',
  })
  @ZodBody('ReceiveComplaintRequest', requestSchemaOf(writes.receive), examples.receive)
  @ZodResponse(201, 'Received. Location: the complaint; ETag: its revision.', WriteResultSchema)
  @ProblemResponses(400, 401, 403, 409, 412, 413, 415, 422)
  async receive(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<unknown> {
    const context = writeContextOf(req);
    const rawKey = req.header('idempotency-key');
    // Scoped by the caller: one officer's key never replays another's answer (or resident access code).
    const key =
      rawKey === undefined ? undefined : { caller: context.actor.id, key: IdempotentRequests.validKey(rawKey) };
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
    // Added after the idempotency store, so the code (a credential) is derived each time, never stored.
    const created = response.body as WriteResult;
    return response.status === 201
      ? { ...created, residentAccessCode: await this.residentCodes.codeFor(created.id) }
      : response.body;
  }

  /**
   * With an Idempotency-Key the id is derived from the key, so "already received" means an
   * earlier attempt appended and then died before its answer was stored: answer as it would have.
   */
  private async receiveOrFind(
    id: string,
    fields: Record<string, unknown>,
    context: WriteContext,
    keyed: boolean,
  ): Promise<WriteResult> {
    try {
      return await this.commands.execute<ReceiveComplaintCommand, WriteResult>(
        new ReceiveComplaintCommand(id, fields, context, undefined, undefined, !keyed),
      );
    } catch (error) {
      if (!(keyed && error instanceof DomainRuleError && error.rule === 'complaint-already-received')) throw error;
      const { envelopes } = await this.infrastructure.complaints.load(id, { toRevision: 1 });
      const first = envelopes[0];
      if (first?.event.type !== 'ComplaintReceived') throw error;
      return {
        id,
        reference: first.event.data.reference,
        revision: 1,
        position: first.globalPosition.toString(),
        events: ['ComplaintReceived'],
      };
    }
  }

  @StepRoute(':id/acknowledgements', writes.acknowledge, examples.acknowledge, 'Acknowledged', {
    operationId: 'acknowledgeComplaint',
    summary: 'Acknowledge the current stage',
    description: 'Names the handler and defines the complaint: heads of complaint and outcomes sought (Code 5.6).',
  })
  acknowledge(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.acknowledge, req, res, id, body);
  }

  @StepRoute(':id/extensions', writes.extend, examples.extend, 'Extension recorded', {
    operationId: 'agreeExtension',
    summary: 'Agree an extension',
    description: 'Adds working days to the current stage response deadline, with a reason (Code 6.4-6.5).',
  })
  extend(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.extend, req, res, id, body);
  }

  @StepRoute(':id/responses', writes.respond, examples.respond, 'Response issued', {
    operationId: 'issueStageResponse',
    summary: 'Issue the stage response',
    description: 'A decision with reasons on every head of complaint, and any remedies.',
  })
  respond(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.respond, req, res, id, body);
  }

  @StepRoute(':id/escalations', writes.escalate, examples.escalate, 'Escalated', {
    operationId: 'escalateComplaint',
    summary: 'Escalate to stage 2',
    description:
      "The resident asked for stage 2; a reason is optional (Code 6.12). Also after a stage 1 closure, which it reopens at stage 2 (Code 6.10-6.11). A request after the organisation's review-request window (ORG_REVIEW_REQUEST_WINDOW_DAYS) is accepted and flagged late on the event.",
  })
  escalate(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.escalate, req, res, id, body);
  }

  @StepRoute(':id/escalation-refusal', writes.refuseEscalation, examples.refuseEscalation, 'Escalation refused', {
    operationId: 'refuseEscalation',
    summary: 'Refuse a request for stage 2',
    description:
      'A recorded decision (Code 5.11) on the grounds a complaint may be refused, true to the facts, with an explanation and the resident told of their Ombudsman referral right (must be true). That request, and any made before the decision, can no longer escalate the complaint; a later request can.',
  })
  refuseEscalation(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.refuseEscalation, req, res, id, body);
  }

  @StepRoute(':id/closure', writes.close, examples.close, 'Closed', {
    operationId: 'closeComplaint',
    summary: 'Close the complaint',
    description: 'Needs the final response of the current stage, and lessons recorded or a reason why there are none.',
  })
  close(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.close, req, res, id, body);
  }

  @StepRoute(':id/lessons', writes.recordLesson, examples.recordLesson, 'Lesson recorded', {
    operationId: 'recordLesson',
    summary: 'Record a lesson learned',
  })
  recordLesson(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordLesson, req, res, id, body);
  }

  @StepRoute(
    ':id/lessons/:lessonId/plan',
    writes.planImprovementAction,
    examples.planImprovementAction,
    'Improvement action planned',
    {
      operationId: 'planImprovementAction',
      summary: "Give a lesson's improvement action its owner and due date",
      description:
        'Also to re-plan it (a new owner or date) until it is made, and after the complaint has closed. The due date is not before the day it is planned; an overdue action is in the attention queue (improvement_action_overdue).',
    },
  )
  planImprovementAction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.planImprovementAction, req, res, id, body, { lessonId });
  }

  @StepRoute(
    ':id/lessons/:lessonId/completion',
    writes.completeImprovementAction,
    examples.completeImprovementAction,
    'Improvement action recorded as made',
    {
      operationId: 'completeImprovementAction',
      summary: "Record that a lesson's improvement action was made",
      description:
        'What changed and the evidence (optionally documentId: a document attached to the complaint by then). Once per lesson, not before the lesson or its plan; also after the complaint has closed.',
    },
  )
  completeImprovementAction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.completeImprovementAction, req, res, id, body, { lessonId });
  }

  @StepRoute(':id/contacts', writes.logContact, examples.logContact, 'Contact logged', {
    operationId: 'logContact',
    summary: 'Log a contact or a failed attempt',
  })
  logContact(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.logContact, req, res, id, body);
  }

  @StepRoute(':id/withdrawal', writes.withdraw, examples.withdraw, 'Withdrawn', {
    operationId: 'withdrawComplaint',
    summary: 'Record that the resident withdrew the complaint',
  })
  withdraw(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.withdraw, req, res, id, body);
  }

  @StepRoute(':id/refusal', writes.refuse, examples.refuse, 'Refused', {
    operationId: 'refuseComplaint',
    summary: 'Refuse the complaint under an exclusion ground',
    description:
      'The ground must be true to the facts (older_than_12_months: the issue known at least 12 months before receipt, from the date recorded at receipt or, when none was, the issueKnownSince the refusal states), and the resident is told of their right to refer to the Ombudsman (ombudsmanReferralRightGiven must be true, Code 2.4).',
  })
  refuse(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.refuse, req, res, id, body);
  }

  @StepRoute(':id/assignments', writes.reassign, examples.reassign, 'Reassigned', {
    operationId: 'reassignComplaint',
    summary: 'Reassign the current stage to another handler',
  })
  reassign(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.reassign, req, res, id, body);
  }

  @StepRoute(
    ':id/remedy-actions/:actionId/completion',
    writes.completeRemedyAction,
    examples.completeRemedyAction,
    'Remedy action completed',
    { operationId: 'completeRemedyAction', summary: 'Record that a remedy action was completed' },
  )
  completeRemedyAction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('actionId') actionId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.completeRemedyAction, req, res, id, body, { actionId });
  }

  @StepRoute(':id/compensation-payments', writes.payCompensation, examples.payCompensation, 'Payment recorded', {
    operationId: 'payCompensation',
    summary: 'Record a compensation payment',
  })
  payCompensation(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.payCompensation, req, res, id, body);
  }

  @StepRoute(':id/satisfaction', writes.recordSatisfaction, examples.recordSatisfaction, 'Satisfaction recorded', {
    operationId: 'recordSatisfaction',
    summary: "Record the resident's satisfaction with the handling and the outcome",
  })
  recordSatisfaction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordSatisfaction, req, res, id, body);
  }

  @StepRoute(
    ':id/ombudsman/referral',
    writes.recordOmbudsmanReferral,
    examples.recordOmbudsmanReferral,
    'Referral recorded',
    { operationId: 'recordOmbudsmanReferral', summary: 'Record that the Housing Ombudsman is investigating' },
  )
  recordOmbudsmanReferral(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordOmbudsmanReferral, req, res, id, body);
  }

  @StepRoute(
    ':id/ombudsman/determination',
    writes.recordOmbudsmanDetermination,
    examples.recordOmbudsmanDetermination,
    'Determination recorded',
    {
      operationId: 'recordOmbudsmanDetermination',
      summary: "Record the Ombudsman's determination: findings and orders",
    },
  )
  recordOmbudsmanDetermination(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordOmbudsmanDetermination, req, res, id, body);
  }

  @StepRoute(
    ':id/ombudsman/orders/:orderId/compliance',
    writes.recordOmbudsmanOrderCompliance,
    examples.recordOmbudsmanOrderCompliance,
    'Compliance recorded',
    { operationId: 'recordOmbudsmanOrderCompliance', summary: 'Record compliance with an Ombudsman order' },
  )
  recordOmbudsmanOrderCompliance(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('orderId') orderId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordOmbudsmanOrderCompliance, req, res, id, body, { orderId });
  }

  @StepRoute(
    ':id/personal-data/erasure',
    writes.erasePersonalData,
    examples.erasePersonalData,
    'Erased',
    {
      operationId: 'erasePersonalData',
      summary: "Erase the complaint's personal data (admin)",
      description:
        'Destroys the data subject key: every personal field, in every event, then reads as "[erased]"; the facts and timings stay. `basis` (data_subject_request by default, or other; retention_schedule only through POST /api/v1/retention/erasures, which checks the case is due) is kept; `reason`, optional, is personal: encrypted under the key this destroys, so it reads as "[erased]" too.',
    },
    ERASERS,
  )
  erasePersonalData(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.erasePersonalData, req, res, id, body);
  }

  @StepRoute(
    ':id/legal-holds',
    writes.placeLegalHold,
    examples.placeLegalHold,
    'Legal hold placed',
    {
      operationId: 'placeLegalHold',
      summary: 'Place a legal hold (admin)',
      description:
        "Keeps the complaint's personal data past its retention period, for a claim, litigation or an investigation (category only: no free text). Numbered LH1, LH2… within the complaint (the complaint's retention.holds). An open Ombudsman case holds by itself.",
    },
    ERASERS,
  )
  placeLegalHold(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.placeLegalHold, req, res, id, body);
  }

  @StepRoute(
    ':id/legal-holds/:holdId/release',
    writes.liftLegalHold,
    examples.liftLegalHold,
    'Legal hold lifted',
    {
      operationId: 'liftLegalHold',
      summary: 'Lift a legal hold (admin)',
      description: 'An erasure that is due may then be approved; the retention period is not restarted.',
    },
    ERASERS,
  )
  liftLegalHold(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('holdId') holdId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.liftLegalHold, req, res, id, body, { holdId });
  }

  @StepRoute(
    ':id/restrictions',
    writes.imposeRestriction,
    examples.imposeRestriction,
    'Restriction imposed',
    {
      operationId: 'imposeRestriction',
      summary: 'Impose a restriction on contact (manager)',
      description:
        "A complaints manager's approval of a restriction for unreasonable behaviour: its kind (single_point_of_contact, contact_limits, written_contact_only, no_visits_without_appointment, other), the reason and terms (personal, encrypted), and the review date: after today and within 6 months. The approver is the caller. Numbered R1, R2… (the complaint's restrictions). Once its review date has passed unreviewed it no longer applies (status review_overdue). It never stops a step of the complaint: the complaints procedure stays open to the resident.",
    },
    RESTRICTION_APPROVERS,
  )
  imposeRestriction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.imposeRestriction, req, res, id, body);
  }

  @StepRoute(
    ':id/restrictions/:restrictionId/reviews',
    writes.reviewRestriction,
    examples.reviewRestriction,
    'Restriction reviewed',
    {
      operationId: 'reviewRestriction',
      summary: 'Review a restriction (manager)',
      description:
        'continued (as it is) or varied (with new `terms`), with the next review date: after today and within 6 months. A restriction past its review date may still be reviewed, which makes it apply again.',
    },
    RESTRICTION_APPROVERS,
  )
  reviewRestriction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('restrictionId') restrictionId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.reviewRestriction, req, res, id, body, { restrictionId });
  }

  @StepRoute(
    ':id/restrictions/:restrictionId/lifting',
    writes.liftRestriction,
    examples.liftRestriction,
    'Restriction lifted',
    {
      operationId: 'liftRestriction',
      summary: 'Lift a restriction (manager)',
      description: 'Ends a restriction, lapsed or not; `reason` is optional and personal.',
    },
    RESTRICTION_APPROVERS,
  )
  liftRestriction(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('restrictionId') restrictionId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.liftRestriction, req, res, id, body, { restrictionId });
  }

  @StepRoute(':id/enquiries', writes.receiveEnquiry, examples.receiveEnquiry, 'Enquiry received', {
    operationId: 'receiveEnquiry',
    summary: 'Record an enquiry from an MP, a councillor or another representative body',
    description:
      '`from`: mp, councillor or other_representative_body; `who` and `summary` are personal (encrypted). Numbered E1, E2…; counted in the annual report.',
  })
  receiveEnquiry(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.receiveEnquiry, req, res, id, body);
  }

  @StepRoute(':id/enquiries/:enquiryId/answer', writes.answerEnquiry, examples.answerEnquiry, 'Enquiry answered', {
    operationId: 'answerEnquiry',
    summary: 'Record the answer to an enquiry',
    description: 'When and by which channel; once per enquiry, not before it was received.',
  })
  answerEnquiry(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('enquiryId') enquiryId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.answerEnquiry, req, res, id, body, { enquiryId });
  }

  // Circumstances and keeping informed (docs/api.md, "Circumstances").
  @StepRoute(
    ':id/vulnerabilities',
    writes.recordVulnerability,
    circumstancesExamples.recordVulnerability,
    'Vulnerability recorded',
    {
      operationId: 'recordVulnerability',
      summary: 'Record a vulnerability',
      description:
        'Categories (one or more of the vocabulary) and optional details: special-category data, encrypted, shown to officers on the case and never in the chronology or to panels. Numbered V1, V2… within the complaint; at most 10 current.',
    },
  )
  recordVulnerability(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordVulnerability, req, res, id, body);
  }

  @StepRoute(
    ':id/vulnerabilities/:vulnerabilityId/end',
    writes.endVulnerability,
    circumstancesExamples.endVulnerability,
    'Vulnerability ended',
    {
      operationId: 'endVulnerability',
      summary: 'End a vulnerability that no longer applies',
    },
  )
  endVulnerability(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('vulnerabilityId') vulnerabilityId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.endVulnerability, req, res, id, body, { vulnerabilityId });
  }

  @StepRoute(
    ':id/reasonable-adjustments',
    writes.agreeReasonableAdjustment,
    circumstancesExamples.agreeReasonableAdjustment,
    'Reasonable adjustment agreed',
    {
      operationId: 'agreeReasonableAdjustment',
      summary: 'Agree a reasonable adjustment',
      description:
        'A kind from the vocabulary (large_print, plain_text_for_screen_reader, easy_read, interpreter, british_sign_language, phone_only, email_only, named_contact, home_visit, extra_time, other), the adjustment in the words agreed (personal) and its review date (not before today, within a year). Numbered RA1, RA2…; one of each kind at a time (except other); at most 10 in place. Its review shows in the attention queue.',
    },
  )
  agreeReasonableAdjustment(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.agreeReasonableAdjustment, req, res, id, body);
  }

  @StepRoute(
    ':id/reasonable-adjustments/:adjustmentId/reviews',
    writes.reviewReasonableAdjustment,
    circumstancesExamples.reviewReasonableAdjustment,
    'Reasonable adjustment reviewed',
    {
      operationId: 'reviewReasonableAdjustment',
      summary: 'Review a reasonable adjustment',
      description:
        'outcome continued (with nextReviewDue), changed (with the new adjustment words and nextReviewDue) or ended (with neither). Reviewed on the London date of reviewedAt.',
    },
  )
  reviewReasonableAdjustment(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('adjustmentId') adjustmentId: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.reviewReasonableAdjustment, req, res, id, body, { adjustmentId });
  }

  @StepRoute(
    ':id/equality-monitoring',
    writes.recordEqualityMonitoring,
    circumstancesExamples.recordEqualityMonitoring,
    'Equality monitoring recorded',
    {
      operationId: 'recordEqualityMonitoring',
      summary: 'Record equality monitoring answers',
      description:
        'Answers the resident gave voluntarily, each optional, prefer_not_to_say an answer. All special-category: encrypted, never shown on the case, reported only in aggregate (GET /api/v1/reports/equality) with small numbers suppressed. A later record replaces an earlier one.',
    },
  )
  recordEqualityMonitoring(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordEqualityMonitoring, req, res, id, body);
  }

  @StepRoute(
    ':id/update-interval',
    writes.agreeUpdateInterval,
    circumstancesExamples.agreeUpdateInterval,
    'Update interval agreed',
    {
      operationId: 'agreeUpdateInterval',
      summary: 'Agree how often to update the resident',
      description:
        'Working days (1-30) between updates while the complaint is open. The next update is due that many working days after the last outbound contact that reached the resident (or after this agreement); the case shows it and the attention queue lists it.',
    },
  )
  agreeUpdateInterval(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.agreeUpdateInterval, req, res, id, body);
  }

  @StepRoute(
    ':id/panel-participation/request',
    writes.requestPanelParticipation,
    caseworkExamples.requestPanelParticipation,
    'Panel participation requested',
    {
      operationId: 'requestPanelParticipation',
      summary: 'Record a request for a panel member at stage 2',
      description:
        'The resident (or their representative) asked for a panel member to take part in the stage 2 review: after the escalation, before the stage 2 response, once.',
    },
  )
  requestPanelParticipation(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.requestPanelParticipation, req, res, id, body);
  }

  @StepRoute(
    ':id/panel-participation/meeting',
    writes.recordPanelMeeting,
    caseworkExamples.recordPanelMeeting,
    'Panel meeting recorded',
    {
      operationId: 'recordPanelMeeting',
      summary: 'Record the stage 2 meeting with the panel member(s)',
      description:
        'After the request, before the stage 2 response, once; `heldOn` between the request and today. Panel members and outcome notes are personal data (encrypted).',
    },
  )
  recordPanelMeeting(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordPanelMeeting, req, res, id, body);
  }

  @StepRoute(
    ':id/panel-participation/decline',
    writes.declinePanelParticipation,
    caseworkExamples.declinePanelParticipation,
    'Panel participation declined',
    {
      operationId: 'declinePanelParticipation',
      summary: 'Record that the request for a panel member was declined',
      description: 'With the reason (personal data). Only an open request: not one already met or declined.',
    },
  )
  declinePanelParticipation(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.declinePanelParticipation, req, res, id, body);
  }

  @StepRoute(
    ':id/heads-of-complaint',
    writes.addHeadsOfComplaint,
    caseworkExamples.addHeadsOfComplaint,
    'Heads of complaint added',
    {
      operationId: 'addHeadsOfComplaint',
      summary: "Add related heads of complaint to the current stage's definition",
      description:
        "A related issue raised during the stage (Code 6.8): after the stage's acknowledgement, before its response, which must then decide these heads too. An unrelated issue is a new complaint: POST /api/v1/complaints/{id}/related-complaints.",
    },
  )
  addHeadsOfComplaint(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.addHeadsOfComplaint, req, res, id, body);
  }

  @StepRoute(
    ':id/representative-authority',
    writes.recordRepresentativeAuthority,
    caseworkExamples.recordRepresentativeAuthority,
    'Authority recorded',
    {
      operationId: 'recordRepresentativeAuthority',
      summary: "Record the representative's authority to act for the resident",
      description:
        'How it was given (written_consent, verbal_consent_recorded, power_of_attorney, deputyship, mp_or_councillor, other), when it was confirmed (confirmedAt) and, optionally, the last day it holds (expiresOn). Contacting the representative needs it current at the time.',
    },
  )
  recordRepresentativeAuthority(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordRepresentativeAuthority, req, res, id, body);
  }

  @StepRoute(
    ':id/representative-authority/withdrawal',
    writes.withdrawRepresentativeAuthority,
    caseworkExamples.withdrawRepresentativeAuthority,
    'Authority withdrawn',
    {
      operationId: 'withdrawRepresentativeAuthority',
      summary: "Record that the representative's authority was withdrawn",
      description: 'Only while an authority is in place; the optional reason is personal data.',
    },
  )
  withdrawRepresentativeAuthority(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.withdrawRepresentativeAuthority, req, res, id, body);
  }

  @StepRoute(
    ':id/letters/:letter/sent',
    writes.recordLetterSent,
    examples.recordLetterSent,
    'Letter recorded as sent',
    {
      operationId: 'recordLetterSent',
      summary: 'Record that a letter was sent',
      description:
        'Which letter (the path: acknowledgement-1, acknowledgement-2, extension-1, extension-2, response-1, response-2, refusal), how (channel), when and to whom (resident or representative); who sent it is the caller. Only a letter that can be drafted now (GET …/letters/{letter}) can have been sent: otherwise 409 letter-not-ready naming what is missing. It counts as outbound contact and the chronology shows it (docs/letters.md).',
    },
  )
  recordLetterSent(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('letter') letter: string,
    @Body() body: unknown,
  ) {
    return this.step(writes.recordLetterSent, req, res, id, body, { letter });
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
    const fromPath = parseOr400(pathSchemaOf(definition), pathFields) as Record<string, string>;
    const fields = parseOr400(requestSchemaOf(definition), body ?? {});
    const result = await this.commands.execute<RecordComplaintStepCommand, WriteResult>(
      new RecordComplaintStepCommand(complaintId, definition, fields, fromPath, context),
    );
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
