import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { METRICS_CONTENT_TYPE, METRICS_WWW_AUTHENTICATE, metricsRefusal } from '@complaints/runtime';
import { APP_CONFIG, METRICS_REGISTRY } from '../app/tokens';
import { Public } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { ProblemException, problems } from '../http/problem';
import { MediaResponse, TEXT } from '../openapi/zod-openapi';

@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** No user token (Prometheus has none): the static METRICS_TOKEN instead (metricsRefusal says why). */
  @Get('metrics')
  @Public()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getMetrics',
    summary:
      'Read-model lag and checkpoints, the relay, HTTP request durations and process figures, in the Prometheus text format (Authorization: Bearer <METRICS_TOKEN>)',
  })
  @ApiSecurity('metricsToken')
  @MediaResponse(200, 'projection_lag_events{projection="…"}, projection_checkpoint_position{projection="…"}, …', {
    'text/plain': TEXT,
  })
  @ApiResponse({ status: 401, description: 'No or wrong METRICS_TOKEN' })
  @ApiResponse({ status: 404, description: 'METRICS_TOKEN is not set: metrics are off' })
  metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const refusal = metricsRefusal(authorization, this.config.metricsToken);
    if (refusal) {
      if (refusal.status === 404) throw new ProblemException(problems.notFound(refusal.detail));
      throw new ProblemException(problems.unauthorized(refusal.detail), {
        'WWW-Authenticate': METRICS_WWW_AUTHENTICATE,
      });
    }
    return this.registry.metrics();
  }
}
