import type { Stage, Tenure } from '@complaints/contracts';

/** What a folded complaint says about itself that read-model rows keep as columns. */
export interface CaseLabels<Status extends string> {
  readonly reference: string;
  readonly status: Status;
  readonly stage: Stage;
  readonly serviceArea: string;
  readonly category: string | null;
  readonly tenure: Tenure | null;
  readonly handler: { readonly id: string; readonly name: string } | null;
}

/**
 * The same labels under the column names every case-level row uses (summaries, case fact
 * versions): one mapping, so a report grouping by handler or service area means the same thing
 * whichever read model it reads.
 */
export function caseLabelColumns<Status extends string>(c: CaseLabels<Status>) {
  return {
    reference: c.reference,
    status: c.status,
    stage: c.stage,
    service_area: c.serviceArea,
    category: c.category,
    tenure: c.tenure,
    handler_id: c.handler?.id ?? null,
    handler_name: c.handler?.name ?? null,
  };
}
