import { describe, expect, it } from 'vitest';
import { rebuildEstimate } from './projection-engine';

describe('rebuildEstimate: the rate and time left shown for a rebuild', () => {
  it('counts the positions passed since it started here, and the time to the head at that rate', () => {
    expect(rebuildEstimate(1_000n, 21_000n, 101_000n, 10)).toEqual({ eventsPerSecond: 2000, etaSeconds: 40 });
  });

  it('rounds the time left up: "0 s left" only once at the head', () => {
    expect(rebuildEstimate(0n, 3n, 4n, 1)).toEqual({ eventsPerSecond: 3, etaSeconds: 1 });
    expect(rebuildEstimate(0n, 4n, 4n, 1)).toEqual({ eventsPerSecond: 4, etaSeconds: 0 });
  });

  it('knows no rate before the first batch, nor without a time to divide by', () => {
    expect(rebuildEstimate(5n, 5n, 100n, 3)).toEqual({ eventsPerSecond: null, etaSeconds: null });
    expect(rebuildEstimate(0n, 50n, 100n, 0)).toEqual({ eventsPerSecond: null, etaSeconds: null });
    expect(rebuildEstimate(0n, 50n, 100n, null)).toEqual({ eventsPerSecond: null, etaSeconds: null });
  });
});
