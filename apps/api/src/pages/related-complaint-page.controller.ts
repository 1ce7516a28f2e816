import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ReceivedComplaint } from '@complaints/domain';
import { DomainRuleError } from '@complaints/event-store';
import {
  labelsOf,
  receiveFields,
  receivePageContext,
  receiveRequestOf,
  receiveRuleError,
  type FormError,
  type FormValues,
} from '@complaints/pages';
import { WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { LogRelatedComplaintCommand, type RelatedComplaintResult } from '../complaints/related/log-related-complaint';
import { complaintIdForKey } from '../complaints/write/idempotent-requests';
import { writeContextOf } from '../complaints/write/write-context';
import { requestSchemaOf, writes } from '../complaints/write/write-definitions';
import { formKeyOf, formValuesOf, schemaErrorsOf } from './form-input';
import { PageKit } from './page-kit';
import { currentCaseState } from '../complaints/read/current-case-state';

const ALREADY_DONE = new Set(['complaint-link-already-recorded', 'complaint-already-received']);

/**
 * Code 6.8 from the case page: the receipt form, for a new complaint about an unrelated issue
 * raised during this one; it posts through POST /complaints/{id}/related-complaints' command,
 * so the two complaints are linked both ways (docs/domain.md, "Related issues").
 */
@ApiExcludeController()
@Controller('complaints')
export class RelatedComplaintPageController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly commands: CommandBus,
    private readonly queries: ComplaintQueries,
  ) {}

  @Get(':id/related-complaint')
  @Roles(...WRITERS)
  async form(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string): Promise<string> {
    const { complaint } = await currentCaseState(this.queries, complaintIdOrNotFound(id));
    return this.page(req, res, complaint, {}, [], randomUUID(), 200);
  }

  @Post(':id/related-complaint')
  @Roles(...WRITERS)
  async receive(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
  ): Promise<string | void> {
    const { complaint } = await currentCaseState(this.queries, complaintIdOrNotFound(id));
    const values = formValuesOf(req);
    const key = formKeyOf(values);
    const { body, errors } = receiveRequestOf(values, this.queries.today(), new Date().toISOString());
    const schemaErrors = errors.length
      ? []
      : schemaErrorsOf('receive', requestSchemaOf(writes.receive), body, labelsOf(receiveFields(values)));
    if (errors.length || schemaErrors.length)
      return this.page(req, res, complaint, values, [...errors, ...schemaErrors], key, 400);

    const context = writeContextOf(req);
    const newId = complaintIdForKey({ caller: context.actor.id, key: `related-complaint/${key}` });
    try {
      await this.commands.execute<LogRelatedComplaintCommand, RelatedComplaintResult>(
        new LogRelatedComplaintCommand(
          complaint.complaintId,
          requestSchemaOf(writes.receive).parse(body),
          context,
          newId,
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      // A second press of the button: the new complaint (same id, from the form's key) was linked, and received, the first time.
      if (!ALREADY_DONE.has(error.rule))
        return this.page(req, res, complaint, values, [receiveRuleError(error.rule, error.message)], key, 409);
    }
    res.redirect(303, `/complaints/${newId}/received`);
  }

  private page(
    req: Request,
    res: Response,
    complaint: ReceivedComplaint,
    values: FormValues,
    errors: readonly FormError[],
    key: string,
    status: number,
  ): string {
    const context = receivePageContext(values, this.queries.today(), errors);
    return this.kit.page(
      req,
      res,
      'steps/form',
      'Log an unrelated issue as a new complaint',
      {
        ...context,
        heading: 'Log an unrelated issue as a new complaint',
        caption: `Raised during stage ${complaint.stage} of ${complaint.reference}: the two complaints are linked`,
        action: `/complaints/${encodeURIComponent(complaint.complaintId)}/related-complaint`,
        backHref: `/complaints/${encodeURIComponent(complaint.complaintId)}`,
        formKey: key,
      },
      status,
    );
  }
}
