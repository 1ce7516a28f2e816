/**
 * When the KEK is rotated after an erasure: `immediate` (the erasure resolves once the old KEK
 * is destroyed), or within `delayMs` (erasures meanwhile share one rotation, for a PostgreSQL
 * deployment with many erasures and many live keys to re-wrap).
 */
export type KekRotationPolicy = { mode: 'immediate' } | { mode: 'delayed'; delayMs: number };

/** A failed rotation is tried again after this long (and at every start until it succeeds). */
export const KEK_ROTATION_RETRY_MS = 60_000;

/**
 * The timer side of rotation after erasure, in one process. Rotations of several processes are
 * serialised by the database (an advisory lock), and one that finds nothing left to do does
 * nothing, so every process may schedule its own.
 */
export class KekRotationSchedule {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly policy: KekRotationPolicy,
    private readonly rotate: () => Promise<unknown>,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {}

  /** A key was destroyed: rotate now (immediate) or make sure a rotation is due within the delay. */
  async erased(): Promise<void> {
    if (this.policy.mode === 'immediate') {
      await this.attempt();
      return;
    }
    this.arm(this.policy.delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async attempt(): Promise<void> {
    try {
      await this.rotate();
    } catch (error) {
      // The erasure itself is committed; what is late is making its old copies useless. Say so and retry.
      this.onError?.(error);
      this.arm(KEK_ROTATION_RETRY_MS);
    }
  }

  private arm(delayMs: number): void {
    if (this.stopped || this.timer) return; // one due rotation covers every erasure before it
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt();
    }, delayMs);
    this.timer.unref(); // never keeps a process alive: start() finishes an overdue rotation
  }
}
