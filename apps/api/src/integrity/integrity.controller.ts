import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { QueryInteger } from '@complaints/contracts';
import { TransparencyLog } from '@complaints/projections';
import { CheckpointSchema, PublishedKeySchema } from '@complaints/transparency';
import { CHECKPOINT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { parseOr400 } from '../http/validation';
import { named, ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { answeringProblems } from './integrity-problems';
import { latestCheckpoint } from './latest-checkpoint';

const SIZE = QueryInteger(0, Number.MAX_SAFE_INTEGER);
const ConsistencyQuery = z.object({ from: SIZE, to: SIZE.optional() });
const CheckpointsQuery = z.object({ after: SIZE.optional(), limit: QueryInteger(1, 500).optional() });

const ConsistencyAnswerSchema = named(
  'ConsistencyProof',
  z.object({
    from: z.number().int(),
    to: z.number().int(),
    fromRootHash: z.string(),
    toRootHash: z.string(),
    proof: z.array(z.string()),
    fromCheckpoint: CheckpointSchema.nullable(),
    toCheckpoint: CheckpointSchema.nullable(),
  }),
);

/**
 * The transparency log's public face (docs/integrity.md, "Checkpoints"; the routes in docs/api.md, "Reads"): the
 * latest signed checkpoint, the keys that verify it, consistency proofs between sizes, and the
 * list of checkpoints issued (for witnesses that keep every one).
 */
@ApiTags('integrity')
@Controller('api/v1/integrity')
export class IntegrityController {
  constructor(
    private readonly log: TransparencyLog,
    private readonly readModels: ReadModels,
  ) {}

  @Get('checkpoint')
  @Roles(...CHECKPOINT_READERS)
  @ApiOperation({
    operationId: 'getLatestCheckpoint',
    summary: 'The latest signed checkpoint of the whole log',
    description:
      'Tree size and RFC 9162 root hash of the Merkle tree over every event, signed with Ed25519. Issued on request when the log grew since the last one (and every CHECKPOINT_INTERVAL). Keep it: a later evidence pack must extend it.',
  })
  @ZodResponse(200, 'The checkpoint', named('Checkpoint', CheckpointSchema))
  @ProblemResponses(401, 403)
  async checkpoint() {
    return latestCheckpoint(this.log, this.readModels);
  }

  @Get('keys')
  @Roles(...CHECKPOINT_READERS)
  @ApiOperation({
    operationId: 'getLogKeys',
    summary: 'The public keys checkpoints are signed with',
    description:
      'Current and past Ed25519 keys; keyId is the SHA-256 of the raw 32-byte key. Every evidence pack carries them too.',
  })
  @ZodResponse(200, 'The keys', named('PublishedKeys', z.object({ keys: z.array(PublishedKeySchema) })))
  async keys() {
    return { keys: await this.log.keys() };
  }

  @Get('consistency')
  @Roles(...CHECKPOINT_READERS)
  @ApiOperation({
    operationId: 'getConsistencyProof',
    summary: 'A consistency proof between two tree sizes',
    description:
      'RFC 9162 §2.1.4 proof that the tree of size from is a prefix of the tree of size to (default: the latest checkpoint), with the checkpoints issued at those sizes.',
  })
  @ZodQuery(ConsistencyQuery, {
    from: 'tree size, 0 to to',
    to: 'tree size, at most the log size; default the latest checkpoint',
  })
  @ZodResponse(200, 'The proof', ConsistencyAnswerSchema)
  @ProblemResponses(400, 401, 403)
  async consistency(@Query() query: Record<string, unknown>) {
    const { from, to } = parseOr400(ConsistencyQuery, query);
    return answeringProblems(() => this.log.consistency(from, to));
  }

  @Get('checkpoints')
  @Roles(...CHECKPOINT_READERS)
  @ApiOperation({
    operationId: 'listCheckpoints',
    summary: 'Checkpoints issued, oldest first',
    description:
      'For witnesses: every checkpoint of a tree larger than after (a tree size), at most limit (1-500, default 100). A witness keeps them and checks each extends the one before (GET /consistency).',
  })
  @ZodQuery(CheckpointsQuery)
  @ZodResponse(200, 'The checkpoints', named('CheckpointList', z.object({ checkpoints: z.array(CheckpointSchema) })))
  @ProblemResponses(400, 401, 403)
  async checkpoints(@Query() query: Record<string, unknown>) {
    const { after, limit } = parseOr400(CheckpointsQuery, query);
    return { checkpoints: await this.log.checkpointsAfter(after ?? -1, limit ?? 100) };
  }
}
