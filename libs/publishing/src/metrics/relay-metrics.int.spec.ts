import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RelayStatus } from '../relay/event-relay';
import { registerRelayMetrics } from './relay-metrics';

const status: RelayStatus = {
  relay: 'kafka "main"',
  instanceId: 'host-1',
  checkpoint: 120n,
  head: 1_120n,
  lagEvents: 1_000n,
  eventsPublished: 118n,
  leaseHolder: 'host-1',
  leaseExpiresAt: '2026-03-02T10:00:15.000Z',
  holdingLease: true,
  deadLetters: 2,
  lastError: null,
  errors: 4,
};

async function scrape(current: RelayStatus): Promise<string> {
  const registry = new Registry();
  registerRelayMetrics(registry, async () => current);
  return registry.metrics();
}

describe('registerRelayMetrics', () => {
  it('writes each family once with HELP, TYPE and one sample labelled by relay', async () => {
    const text = await scrape(status);
    expect(text).toContain('# TYPE relay_lag_events gauge\nrelay_lag_events{relay="kafka \\"main\\""} 1000\n');
    expect(text).toContain('relay_checkpoint_position{relay="kafka \\"main\\""} 120\n');
    expect(text).toContain(
      '# TYPE relay_dead_letters_total counter\nrelay_dead_letters_total{relay="kafka \\"main\\""} 2\n',
    );
    expect(text).toContain('relay_errors_total{relay="kafka \\"main\\""} 4\n');
    expect(text).toContain('relay_lease_held{relay="kafka \\"main\\""} 1\n');
    expect(text.match(/^# HELP /gm)).toHaveLength(5);
  });

  it('shows a standby instance as not holding the lease', async () => {
    expect(await scrape({ ...status, holdingLease: false })).toContain(
      'relay_lease_held{relay="kafka \\"main\\""} 0\n',
    );
  });
});
