import { describe, expect, it } from 'vitest';
import { WakeUp } from './wake-up';

describe('WakeUp', () => {
  it('a wake ends a long sleep', async () => {
    const signal = new WakeUp();
    const sleeping = signal.sleep(3_600_000, signal.generation);
    signal.wake();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('a wake that came while the sleeper was busy is not lost: the next sleep returns at once', async () => {
    const signal = new WakeUp();
    const seen = signal.generation;
    signal.wake();
    await expect(signal.sleep(3_600_000, seen)).resolves.toBeUndefined();
  });
});
