/**
 * @complaints/publishing — getting events to downstream services: the outbound form of an event
 * (no personal data), the publisher port and its Kafka adapter, the relay that feeds it from
 * the global log, and the consumer kit.
 */
export * from './outbound/without-personal-fields';
export * from './outbound/outbound-event';
