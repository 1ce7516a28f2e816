import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { deadLetterFields, type ProjectionStatus } from '@complaints/projections';
import { READ_MODEL_OPERATORS, READ_MODEL_WATCHERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { JsonLogger } from '@complaints/runtime';
import { ProblemResponses } from '../openapi/zod-openapi';
import { ReadModels } from './read-models.service';

/**
 * Operating the read models: where each stands (checkpoint, lag, a rebuild's progress) and a
 * rebuild on request — after a fix to a projection's rules that did not change its version, or
 * to prove a read model equals a fresh replay. A rebuild fills fresh tables while the live ones
 * keep serving and swaps them in when caught up; its progress shows here and in /metrics.
 */
@ApiTags('operations')
@Controller('api/v1/admin/read-models')
export class ReadModelsAdminController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly logger: JsonLogger,
  ) {}

  @Get()
  @Roles(...READ_MODEL_WATCHERS)
  @ApiOperation({
    summary:
      'Every read model: active tables, version, checkpoint, lag, rebuild progress, failing, parked events (deadLetters)',
  })
  @ApiResponse({ status: 200, description: '{ readModels[] } (positions as strings)' })
  @ProblemResponses(401, 403)
  async list() {
    const statuses = await this.readModels.engine.status();
    return { readModels: statuses.map(describe) };
  }

  @Get(':name/dead-letters')
  @Roles(...READ_MODEL_OPERATORS)
  @ApiOperation({
    summary: 'The events a read model could not apply (parked), oldest first',
    description:
      'Each: global position, event id and type, complaint id, the error, when parked. A parked event is missing from this read model until a fix is deployed and the read model rebuilt (POST …/rebuild applies the log from the start again, and parks what still fails). At most 1000 listed; `count` is the total.',
  })
  @ApiResponse({ status: 200, description: '{ readModel, count, deadLetters[] } (positions as strings)' })
  @ProblemResponses(401, 403, 404)
  async deadLetters(@Param('name') name: string) {
    const status = (await this.readModels.engine.status()).find((candidate) => candidate.projection === name);
    if (!status) throw new ProblemException(problems.notFound(`There is no read model named ${JSON.stringify(name)}.`));
    const letters = await this.readModels.engine.deadLetters(name);
    return {
      readModel: name,
      count: status.deadLetters,
      deadLetters: letters.map((letter) => {
        const { projection: _readModel, ...fields } = deadLetterFields(letter);
        return fields;
      }),
    };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles(...READ_MODEL_OPERATORS)
  @ApiOperation({
    summary: 'Rebuild a read model from the start of the log, without downtime',
    description:
      'Answers 202 at once; the rebuild runs in the background (joined if one is already under way). Follow it with GET /api/v1/admin/read-models.',
  })
  @ApiResponse({ status: 202, description: '{ readModel, rebuild: "started" }' })
  @ProblemResponses(401, 403, 404)
  async rebuild(@Param('name') name: string, @Res({ passthrough: true }) res: Response) {
    const known = (await this.readModels.engine.status()).some((status) => status.projection === name);
    if (!known) throw new ProblemException(problems.notFound(`There is no read model named ${JSON.stringify(name)}.`));
    this.readModels.engine.rebuild(name).then(
      (report) =>
        this.logger.info('read model rebuild finished', {
          readModel: name,
          outcome: report.outcome,
          eventsApplied: report.eventsApplied.toString(),
        }),
      (error: unknown) =>
        this.logger.warning('read model rebuild failed', {
          readModel: name,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    res.setHeader('Location', '/api/v1/admin/read-models');
    return { readModel: name, rebuild: 'started' };
  }
}

function describe(status: ProjectionStatus) {
  const { rebuild } = status;
  return {
    name: status.projection,
    state: status.state,
    version: status.version,
    activeVersion: status.activeVersion,
    activeTableSet: status.activeTableSet,
    checkpoint: status.checkpoint.toString(),
    head: status.head.toString(),
    lagEvents: status.lagEvents.toString(),
    eventsApplied: status.eventsApplied.toString(),
    rebuild: rebuild
      ? {
          tableSet: rebuild.tableSet,
          position: rebuild.position.toString(),
          head: rebuild.head.toString(),
          eventsApplied: rebuild.eventsApplied.toString(),
          // Of the log as it stood when last looked at: the log keeps growing under a rebuild.
          percent: rebuild.head === 0n ? 100 : Math.min(100, Number((rebuild.position * 1000n) / rebuild.head) / 10),
          // Positions of the log per second since the set was created, and the seconds left at that rate (null until known).
          eventsPerSecond: rebuild.eventsPerSecond,
          etaSeconds: rebuild.etaSeconds,
        }
      : null,
    lastError: status.lastError,
    errors: status.errors,
    failing: status.failing,
    deadLetters: status.deadLetters,
  };
}
