/**
 * @complaints/publishing — getting events to downstream services: the outbound form of an event
 * (no personal data), the publisher port and its Kafka adapter, the relay that feeds it from
 * the global log, and the consumer kit.
 */
export * from './outbound/without-personal-fields';
export * from './outbound/outbound-event';
export * from './relay/event-publisher';
export * from './relay/event-relay';
export {
  ensureRelayTables,
  readDeadLetters,
  readRelayState,
  RELAY_STRUCTURE_LOCK_KEY,
  type DeadLetter,
  type RelayStateRow,
} from './relay/relay-tables';
export * from './metrics/relay-metrics';
export * from './kafka/kafka-publisher';
export { messageRejectionOf } from './kafka/kafka-errors';
export * from './consumer-kit/dedup-store';
export * from './consumer-kit/memory-dedup-store';
export * from './consumer-kit/sql-dedup-store';
export * from './consumer-kit/complaint-event-consumer';
export * from './checkpoints/checkpoint-records';
