import { describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, shutdownTimeoutMs, StartupError } from '../src';

describe('SHUTDOWN_TIMEOUT_MS', () => {
  it('defaults to 10 s and takes a whole number of milliseconds', () => {
    expect(shutdownTimeoutMs({})).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    expect(DEFAULT_SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: '2500' })).toBe(2500);
  });

  it.each(['0', '-1', '1.5', 'ten', '600001', '9999999'])(
    'refuses %j with a start-up error naming the variable',
    (value) => {
      expect(() => shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: value })).toThrow(StartupError);
      expect(() => shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: value })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    },
  );
});
