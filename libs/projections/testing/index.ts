/**
 * @complaints/projections/testing — for spec files only (it imports vitest): a suite registered
 * on PGlite and on PostgreSQL over the complaint store, shared by the read side's tests
 * (projections, the relay, the consumer kit's SQL dedup store).
 */
export * from './backends';
