import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROMETHEUS_CONTENT_TYPE } from '@complaints/projections';
import { Public } from '../auth/roles.decorator';
import { ReadModels } from './read-models.service';

@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(private readonly readModels: ReadModels) {}

  /** Public like /health: positions and lag say nothing about any complaint. */
  @Get('metrics')
  @Public()
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Read-model lag and checkpoints in the Prometheus text format (no token needed)' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'projection_lag_events{projection="…"}, projection_checkpoint_position{projection="…"}, …' })
  metrics(): Promise<string> {
    return this.readModels.metrics();
  }
}
