import type { KeyEncryption } from '@complaints/event-store';

/** A crash at a chosen step: the error a killed process would leave the operation with. */
export class SimulatedCrash extends Error {
  constructor(step: string) {
    super(`simulated crash at ${step}`);
  }
}

/**
 * The real KEK adapter with a crash switch per operation, to stop a rotation at each of its
 * steps. `wrapsBeforeCrash`: how many wraps succeed before the next one "crashes".
 */
export class FaultyKeyEncryption implements KeyEncryption {
  crashOnDestroy = false;
  wrapsBeforeCrash = Infinity;

  constructor(private readonly inner: KeyEncryption) {}

  rotate(): Promise<string> {
    return this.inner.rotate();
  }

  async wrap(plainKey: Buffer, binding: string, kekId: string): Promise<Buffer> {
    if (this.wrapsBeforeCrash <= 0) throw new SimulatedCrash('wrap');
    this.wrapsBeforeCrash--;
    return this.inner.wrap(plainKey, binding, kekId);
  }

  unwrap(wrapped: Buffer, binding: string): Promise<Buffer> {
    return this.inner.unwrap(wrapped, binding);
  }

  async destroy(kekId: string): Promise<void> {
    if (this.crashOnDestroy) throw new SimulatedCrash('destroy');
    return this.inner.destroy(kekId);
  }

  list(): Promise<string[]> {
    return this.inner.list();
  }
}
