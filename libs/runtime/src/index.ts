/**
 * @complaints/runtime — what the API and the worker share at run time: the settings both read
 * (store, Kafka, the organisation's calendar, log level), opening the infrastructure from them,
 * the list of read models, JSON logs, and the background work (projections, the Kafka relay).
 */
export * from './config/shared-settings';
export * from './config/env-values';
export * from './config/worker-config';
export * from './config/calendar';
export * from './infrastructure/open-infrastructure';
export * from './logging/logger';
export * from './logging/log-redaction';
export * from './read-models/read-model-projections';
export * from './documents/documents-config';
export * from './documents/document-keys';
export * from './documents/document-blob-erasure.projection';
export * from './background/start-background-work';
export * from './config/env-file';
export * from './process/service-process';
export * from './metrics/metrics-access';
export * from './metrics/metrics-registry';
export * from './process/http-drain';
export * from './keys/subject-index-key';
export * from './transparency/signing-keys';
export * from './transparency/signed-checkpoint-file';
export * from './transparency/checkpoint-schedule';
export * from './transparency/checkpoint-witnesses';
