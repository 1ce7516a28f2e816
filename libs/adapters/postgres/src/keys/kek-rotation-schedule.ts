/**
 * When the KEK is rotated after an erasure: `immediate` (the erasure resolves once the old KEK
 * is destroyed), or within `delayMs` (erasures meanwhile share one rotation, for a PostgreSQL
 * deployment with many erasures and many live keys to re-wrap).
 */
export type KekRotationPolicy = { mode: 'immediate' } | { mode: 'delayed'; delayMs: number };

/** With `immediate`, how often every process looks for an erasure whose rotation did not happen (a failure, a crashed instance). */
export const KEK_ROTATION_SWEEP_MS = 60_000;

/**
 * The timer side of rotation after erasure, in one process. Every process sharing the database
 * sweeps: each `sweepMs` it runs the rotation an erasure calls for, which does nothing unless
 * some key was destroyed under the current KEK. So the bound holds even when the process that
 * erased dies before rotating: any other one (or the next start) rotates within the interval.
 * Rotations of several processes are serialised by the database (an advisory lock).
 */
export class KekRotationSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly policy: KekRotationPolicy,
    private readonly rotate: () => Promise<unknown>,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {}

  /** The sweep interval: the delay itself, or the retry interval of immediate rotations. */
  get sweepMs(): number {
    return this.policy.mode === 'delayed' ? this.policy.delayMs : KEK_ROTATION_SWEEP_MS;
  }

  /** A key was destroyed: rotate now (immediate); with a delay, the next sweep does. */
  async erased(): Promise<void> {
    if (this.policy.mode === 'immediate') await this.attempt();
  }

  /** Rotate now whatever the policy (an overdue erasure found at start). */
  rotateNow(): Promise<void> {
    return this.attempt();
  }

  /** Start sweeping (idempotent). The timer never keeps a process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.attempt(), this.sweepMs);
    this.timer.unref();
  }

  /** Stop sweeping and wait for a rotation under way, so the database can be closed after. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One rotation at a time in this process; a failure is reported, and the next sweep tries again. */
  private attempt(): Promise<void> {
    this.running ??= this.rotate()
      .then(
        () => undefined,
        // The erasure itself is committed; what is late is making its old copies useless. Say so.
        (error: unknown) => this.onError?.(error),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
