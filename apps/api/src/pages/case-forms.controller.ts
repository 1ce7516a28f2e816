import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ReceivedComplaint } from '@complaints/domain';
import { DomainRuleError, StaleRevisionError } from '@complaints/event-store';
import {
  isCaseStep,
  labelsOf,
  receiveFields,
  receivePageContext,
  receiveRequestOf,
  receiveRuleError,
  ruleError,
  STEP_FORMS,
  STEP_TITLES,
  stepAllowed,
  stepPageContext,
  stepRoles,
  stepRolesAllow,
  type CaseStep,
  type FormError,
  type FormValues,
} from '@complaints/pages';
import { ERASERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ReceiveComplaintCommand, RecordComplaintStepCommand, type WriteResult } from '../complaints/write/commands';
import { complaintIdForKey } from '../complaints/write/idempotent-requests';
import { writeContextOf, type WriteContext } from '../complaints/write/write-context';
import { pathSchemaOf, requestSchemaOf, writes } from '../complaints/write/write-definitions';
import { ProblemException, problems } from '../http/problem';
import { requestContext } from '../http/request-context';
import { ResidentAccessCodes } from '../resident/resident-access-codes';
import { formKeyOf, formValuesOf, schemaErrorsOf } from './form-input';
import { PageKit } from './page-kit';
import { currentCaseState } from '../complaints/read/current-case-state';

/** A form's idempotency key (hidden `_key`, made when the form was shown): a UUID. */

/**
 * The officer's and manager's forms: receiving a complaint and one page per step of a case.
 * Each POST goes through the same command path as the API (CommandBus, the same request
 * schemas, If-Match from the revision the form was shown at); a refusal by the complaint's
 * rules comes back as the form again with the rule's plain-English message in an error summary.
 */
@ApiExcludeController()
@Controller('complaints')
export class CaseFormsController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly commands: CommandBus,
    private readonly queries: ComplaintQueries,
    private readonly residentCodes: ResidentAccessCodes,
  ) {}

  @Get('new')
  @Roles(...WRITERS)
  newComplaint(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    return this.receivePage(req, res, {}, [], randomUUID(), 200);
  }

  @Post('new')
  @Roles(...WRITERS)
  async receive(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const values = formValuesOf(req);
    const key = formKeyOf(values);
    const { body, errors } = receiveRequestOf(values, this.queries.today(), new Date().toISOString());
    const schemaErrors = errors.length
      ? []
      : schemaErrorsOf('receive', requestSchemaOf(writes.receive), body, labelsOf(receiveFields(values)));
    if (errors.length || schemaErrors.length)
      return this.receivePage(req, res, values, [...errors, ...schemaErrors], key, 400);

    const context = writeContextOf(req);
    // The id comes from the form's key, so a second press of the button finds the first complaint instead of a twin.
    const id = complaintIdForKey({ caller: context.actor.id, key: `page-form/${key}` });
    try {
      await this.commands.execute<ReceiveComplaintCommand, WriteResult>(
        new ReceiveComplaintCommand(id, requestSchemaOf(writes.receive).parse(body), context),
      );
    } catch (error) {
      // A refusal by the rules (a future receipt, an issue known after it): the form again, as typed, with the rule's words.
      if (error instanceof DomainRuleError && error.rule !== 'complaint-already-received') {
        return this.receivePage(req, res, values, [receiveRuleError(error.rule, error.message)], key, 409);
      }
      if (!(error instanceof DomainRuleError)) throw error;
    }
    res.redirect(303, `/complaints/${id}/received`);
  }

  /** The confirmation after receipt: the reference, and the access code the resident needs to look it up. */
  @Get(':id/received')
  @Roles(...WRITERS)
  async received(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
  ): Promise<string> {
    const { complaint } = await this.caseOf(id);
    const accessCode = await this.residentCodes.codeFor(complaint.complaintId);
    return this.kit.page(req, res, 'steps/received', 'Complaint received', {
      reference: complaint.reference,
      accessCode,
      caseHref: `/complaints/${complaint.complaintId}`,
    });
  }

  // Administrators come in for the data-protection steps only (mayRecord checks each step's roles).
  @Get(':id/steps/:step')
  @Roles(...WRITERS, ...ERASERS)
  async stepForm(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('step') step: string,
  ): Promise<string> {
    const known = knownStep(step);
    mayRecord(known, req);
    const { complaint, revision } = await this.caseOf(id);
    this.mustAllow(known, complaint);
    return this.stepPage(req, res, known, complaint, revision, {}, [], 200);
  }

  @Post(':id/steps/:step')
  @Roles(...WRITERS, ...ERASERS)
  async recordStep(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('step') step: string,
  ): Promise<string | void> {
    const known = knownStep(step);
    mayRecord(known, req);
    const { complaint, revision } = await this.caseOf(id);
    const values = formValuesOf(req);
    const shownAt = Number(values['_revision']);
    const form = STEP_FORMS[known];
    const definition = writes[form.write];
    const request = form.read(values, complaint, this.formContext(req));
    const labels = labelsOf(form.fields(complaint, values, this.formContext(req)));
    const errors: FormError[] = [
      ...request.errors,
      ...(request.errors.length ? [] : schemaErrorsOf(known, requestSchemaOf(definition), request.body, labels)),
      ...(request.errors.length ? [] : schemaErrorsOf(known, pathSchemaOf(definition), request.pathFields, labels)),
    ];
    if (errors.length) return this.stepPage(req, res, known, complaint, revision, values, errors, 400);

    const context: WriteContext = {
      ...writeContextOf(req),
      ifMatch: Number.isInteger(shownAt) && shownAt > 0 ? shownAt : revision,
    };
    try {
      await this.commands.execute<RecordComplaintStepCommand, WriteResult>(
        new RecordComplaintStepCommand(
          complaint.complaintId,
          definition,
          requestSchemaOf(definition).parse(request.body),
          request.pathFields,
          context,
        ),
      );
    } catch (error) {
      if (error instanceof DomainRuleError) {
        return this.stepPage(
          req,
          res,
          known,
          complaint,
          revision,
          values,
          [ruleError(known, error.rule, error.message)],
          409,
        );
      }
      if (error instanceof StaleRevisionError) {
        // The form goes back at the new revision, with what they typed, once they have seen why.
        const now = await this.caseOf(id);
        const stale = {
          field: '',
          message:
            'Someone else recorded a step on this complaint while you were filling this in. Check the complaint, then send this again if it is still right.',
        };
        return this.stepPage(req, res, known, now.complaint, now.revision, values, [stale], 412);
      }
      throw error;
    }
    res.redirect(303, `/complaints/${complaint.complaintId}?done=${known}`);
  }

  private caseOf(id: string): Promise<{ complaint: ReceivedComplaint; revision: number }> {
    return currentCaseState(this.queries, complaintIdOrNotFound(id));
  }

  /** A step the case does not allow now is not offered: a person following an old link is told why. */
  private mustAllow(step: CaseStep, complaint: ReceivedComplaint): void {
    if (!stepAllowed(step, complaint)) {
      throw new ProblemException(
        problems.ruleViolation(
          'step-not-allowed-now',
          `“${STEP_TITLES[step]}” cannot be recorded on ${complaint.reference} as it stands now (${complaint.status}, stage ${complaint.stage}).`,
        ),
      );
    }
  }

  private formContext(req: Request) {
    const principal = requestContext(req).principal;
    return {
      viewer: { id: principal?.id ?? '', name: principal?.name ?? '' },
      today: this.queries.today(),
      now: new Date().toISOString(),
    };
  }

  private stepPage(
    req: Request,
    res: Response,
    step: CaseStep,
    complaint: ReceivedComplaint,
    revision: number,
    values: FormValues,
    errors: readonly FormError[],
    status: number,
  ): string {
    const context = stepPageContext(step, complaint, revision, values, this.formContext(req), errors);
    return this.kit.page(req, res, 'steps/form', context.heading, { ...context }, status);
  }

  private receivePage(
    req: Request,
    res: Response,
    values: FormValues,
    errors: readonly FormError[],
    key: string,
    status: number,
  ): string {
    const context = receivePageContext(values, this.queries.today(), errors);
    return this.kit.page(req, res, 'steps/form', 'Receive a complaint', { ...context, formKey: key }, status);
  }
}

function knownStep(step: string): CaseStep {
  if (!isCaseStep(step))
    throw new ProblemException(problems.notFound(`There is no step called ${JSON.stringify(step.slice(0, 50))}.`));
  return step;
}

/**
 * Each step's roles, as the API's routes have them: restrictions on contact are managers'
 * (RESTRICTION_APPROVERS), legal holds and erasure administrators' (ERASERS), the rest the
 * complaints team's (WRITERS). Anyone else is refused the form as the API refuses the write.
 */
function mayRecord(step: CaseStep, req: Request): void {
  if (!stepRolesAllow(step, requestContext(req).principal?.roles ?? [])) {
    requestContext(req).refusedFor = stepRoles(step);
    throw new ProblemException(problems.forbidden(`Your role cannot record “${STEP_TITLES[step]}”.`));
  }
}
