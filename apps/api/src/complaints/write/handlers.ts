import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toLondonDate } from '@complaints/domain';
import { DomainRuleError } from '@complaints/event-store';
import { APP_CONFIG } from '../../app/tokens';
import type { AppConfig } from '../../config/app-config';
import { ReferenceGenerator } from '../../infrastructure/reference-generator';
import { ProblemException, problems } from '../../http/problem';
import { ReceiveComplaintCommand, RecordComplaintStepCommand, type WriteResult } from './commands';
import { ComplaintWriter } from './complaint-writer';
import { writes } from './write-definitions';

const NOT_RECEIVED = 'complaint-not-received';

@CommandHandler(ReceiveComplaintCommand)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaintCommand, WriteResult> {
  constructor(
    private readonly writer: ComplaintWriter,
    private readonly references: ReferenceGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    complaintId,
    body,
    context,
    relatedTo,
    raisedFromFeedback,
    freshId,
  }: ReceiveComplaintCommand): Promise<WriteResult> {
    const now = this.writer.now();
    const receivedAt = typeof body['receivedAt'] === 'string' ? body['receivedAt'] : now;
    // References are numbered within the year the complaint was received, in London.
    const reference = await this.references.next(Number(toLondonDate(receivedAt).slice(0, 4)));
    return this.writer.write(
      complaintId,
      writes.receive,
      // Each complaint gets its own data subject: erasing one complaint's personal data never touches another's.
      // The organisation's categories go on the command: the domain never reads configuration.
      {
        ...body,
        receivedAt,
        reference,
        dataSubjectId: randomUUID(),
        categories: [...this.config.org.complaintCategories],
        ...(relatedTo ? { relatedTo } : {}),
        ...(raisedFromFeedback ? { raisedFromFeedback } : {}),
      },
      context,
      now,
      { newStream: freshId },
    );
  }
}

@CommandHandler(RecordComplaintStepCommand)
export class RecordComplaintStepHandler implements ICommandHandler<RecordComplaintStepCommand, WriteResult> {
  constructor(
    private readonly writer: ComplaintWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    complaintId,
    definition,
    body,
    pathFields,
    context,
  }: RecordComplaintStepCommand): Promise<WriteResult> {
    try {
      return await this.writer.write(
        complaintId,
        definition,
        { ...body, ...pathFields, ...this.serverFields(definition) },
        context,
      );
    } catch (error) {
      // For a step, "never received" is the client naming a complaint that does not exist.
      if (error instanceof DomainRuleError && error.rule === NOT_RECEIVED) {
        throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
      }
      throw error;
    }
  }

  /** The policy in force now goes on the command: the domain never reads configuration. */
  private serverFields(definition: RecordComplaintStepCommand['definition']): Record<string, unknown> {
    if (definition.command === 'ApproveRetentionErasure')
      return { retentionYears: this.config.retention.yearsAfterEnd };
    const window = this.config.org.reviewRequestWindowDays;
    return definition.command === 'EscalateComplaint' && window !== undefined
      ? { reviewRequestWindowDays: window }
      : {};
  }
}
