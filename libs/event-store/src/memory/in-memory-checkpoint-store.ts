import type { CheckpointStore } from '../port/key-store.port';

/** Checkpoints in memory: survive a subscription restart within one process, nothing more. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();

  async load(subscriptionId: string): Promise<bigint> {
    return this.positions.get(subscriptionId) ?? 0n;
  }

  async store(subscriptionId: string, position: bigint): Promise<void> {
    if (position < 0n) throw new RangeError(`A checkpoint cannot be negative (${position})`);
    this.positions.set(subscriptionId, position);
  }
}
