import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EvidencePackSchema } from '@complaints/transparency';
import { z } from 'zod';
import { TransparencyLog } from '@complaints/projections';
import { INFRASTRUCTURE, ORGANISATION } from '../app/tokens';
import type { Organisation } from '@complaints/reporting';
import { INTEGRITY_CHECKERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { complaintIdOrNotFound } from '../complaints/complaint-id';
import { parseOr400 } from '../http/validation';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { named, ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { evidencePackOf } from './evidence-pack';

const MAX_CONSISTENCY_SIZES = 16;
const EvidenceQuery = z.object({
  consistencyFrom: z
    .string()
    .regex(/^\d{1,16}(,\d{1,16}){0,15}$/, `must be up to ${MAX_CONSISTENCY_SIZES} tree sizes, comma-separated`)
    .transform((text) => text.split(',').map(Number))
    .refine((sizes) => sizes.every(Number.isSafeInteger), 'must be tree sizes (whole numbers)')
    .optional(),
});

@ApiTags('integrity')
@Controller('api/v1/complaints')
export class EvidenceController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(ORGANISATION) private readonly organisation: Organisation,
    private readonly log: TransparencyLog,
    private readonly readModels: ReadModels,
  ) {}

  @Get(':id/evidence')
  @Roles(...INTEGRITY_CHECKERS)
  @ApiOperation({
    operationId: 'getEvidencePack',
    summary: 'The evidence pack of a complaint (auditors)',
    description:
      "The events exactly as stored (personal fields still encrypted), the hash chain, every leaf of the log for this stream with its inclusion proof against a checkpoint issued now, the checkpoint and the keys, consistency proofs from the tree sizes in consistencyFrom (the auditor's earlier checkpoints), and the chronology with personal data withheld. Verify it offline: npm run verify -- --evidence FILE [--checkpoint FILE]. Format: docs/integrity.md.",
  })
  @ZodQuery(EvidenceQuery, {
    consistencyFrom: 'up to 16 tree sizes, comma-separated: earlier checkpoints the pack must prove it extends',
  })
  @ZodResponse(200, 'The evidence pack (format complaints-evidence-pack/v1)', named('EvidencePack', EvidencePackSchema))
  @ApiResponse({
    status: 503,
    description: 'The transparency log has not yet recorded the latest events of the complaint; Retry-After',
  })
  @ProblemResponses(400, 401, 403, 404)
  async evidence(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    const complaintId = complaintIdOrNotFound(id);
    const { consistencyFrom } = parseOr400(EvidenceQuery, query);
    return evidencePackOf(
      {
        infrastructure: this.infrastructure,
        organisation: this.organisation,
        log: this.log,
        readModels: this.readModels,
      },
      complaintId,
      consistencyFrom ?? [],
    );
  }
}
