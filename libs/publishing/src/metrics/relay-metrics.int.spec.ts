import { describe, expect, it } from 'vitest';
import type { RelayStatus } from '../relay/event-relay';
import { renderRelayMetrics } from './relay-metrics';

const status: RelayStatus = {
  relay: 'kafka "main"',
  instanceId: 'host-1',
  checkpoint: 120n,
  head: 9_007_199_254_740_993n,
  lagEvents: 9_007_199_254_740_873n,
  eventsPublished: 118n,
  leaseHolder: 'host-1',
  leaseExpiresAt: '2026-03-02T10:00:15.000Z',
  holdingLease: true,
  deadLetters: 2,
  lastError: null,
  errors: 4,
};

describe('renderRelayMetrics', () => {
  it('renders each family once with HELP, TYPE and one sample labelled by relay, bigints exact', () => {
    const text = renderRelayMetrics(status);
    expect(text).toContain(
      '# TYPE relay_lag_events gauge\nrelay_lag_events{relay="kafka \\"main\\""} 9007199254740873\n',
    );
    expect(text).toContain('relay_checkpoint_position{relay="kafka \\"main\\""} 120\n');
    expect(text).toContain(
      '# TYPE relay_dead_letters_total counter\nrelay_dead_letters_total{relay="kafka \\"main\\""} 2\n',
    );
    expect(text).toContain('relay_lease_held{relay="kafka \\"main\\""} 1\n');
    expect(text.match(/^# HELP /gm)).toHaveLength(5);
  });

  it('shows a standby instance as not holding the lease', () => {
    expect(renderRelayMetrics({ ...status, holdingLease: false })).toContain(
      'relay_lease_held{relay="kafka \\"main\\""} 0\n',
    );
  });
});
