import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { INFRASTRUCTURE } from '../app/tokens';
import { Public } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { ZodResponse } from '../openapi/zod-openapi';
import { HealthSchema, ReadinessSchema } from '../openapi/read-schemas';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  @Get('health')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Liveness: 200 once the server accepts requests (no token needed)',
  })
  @ZodResponse(200, '{ status: "ok" }', HealthSchema)
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: 200 when the event store answers, 503 otherwise (no token needed)',
  })
  @ZodResponse(200, '{ status: "ready" }', ReadinessSchema)
  @ApiResponse({ status: 503, description: 'The event store cannot be reached' })
  async ready() {
    try {
      await this.infrastructure.ping();
    } catch {
      throw new ProblemException(problems.unavailable('The event store cannot be reached.'));
    }
    return { status: 'ready' };
  }
}
