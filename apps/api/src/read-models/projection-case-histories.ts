import { Injectable } from '@nestjs/common';
import { queryCaseFiles } from '@complaints/projections';
import { CaseHistories, type CaseHistory, type CaseHistoryFilter } from './case-histories';
import { ReadModels } from './read-models.service';

/**
 * Case histories from the case files read model: each complaint's events, redacted when they
 * were projected, pre-selected on indexed dates. Waits (bounded) for the read models to catch
 * up first, so a report reflects the writes its caller has just made.
 */
@Injectable()
export class ProjectionCaseHistories extends CaseHistories {
  constructor(private readonly readModels: ReadModels) {
    super();
  }

  async list(filter: CaseHistoryFilter = {}): Promise<CaseHistory[]> {
    await this.readModels.caughtUp();
    return queryCaseFiles(this.readModels.sql, filter);
  }
}
