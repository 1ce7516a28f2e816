import type { SqlExecutor } from '@complaints/adapter-postgres';
import { followLog, WakeUp, type GlobalPosition } from '@complaints/event-store';
import {
  applyNextBatch,
  applyNextBatchToAll,
  type BatchOutcome,
  type BatchTarget,
  type OnParked,
  type TargetResult,
} from './apply-batch';
import { countDeadLetters, listDeadLetters, type DeadLetter } from './dead-letters';
import { PositionWaiters } from './position-waiters';
import { ensureEngineTables } from './engine-tables';
import { assertValidProjection, type Projection } from './projection';
import { sharingConcurrentReads, type ProjectionSource } from './projection-source';
import {
  abandonRebuild,
  beginRebuild,
  ensureRegistered,
  markFailing,
  readCheckpoint,
  readRegistry,
  swapIn,
  type RegistryRow,
} from './table-sets';

export interface ProjectionEngineOptions {
  /** The database the read models live in (the store's own: PGlite or PostgreSQL). */
  sql: SqlExecutor;
  source: ProjectionSource;
  projections: readonly Projection[];
  /** Events per transaction. Default 500. */
  batchSize?: number;
  /** How often a caught-up projection looks for new events when nothing woke it. Default 1000 ms. */
  pollIntervalMs?: number;
  /** A LISTEN channel on which appends are announced (the SQL store's EVENTS_APPENDED_CHANNEL): wakes the runners at once. */
  wakeOnChannel?: string;
  /** Any other announcer of appends (e.g. an EventStoreDB `$all` subscription): started with the engine, stopped with it. */
  wakeOn?: WakeSource;
  /**
   * run (default): this process applies the log to the read models.
   * observe: another process (the worker) does; this one only serves `waitForPosition` and
   * `status` by reading the checkpoints from the database, so read-your-writes holds across
   * processes.
   */
  mode?: 'run' | 'observe';
  /** In observe mode, how often the checkpoints are read while a caller waits for a position. Default 50 ms. */
  observeIntervalMs?: number;
  /** When the active tables were written by another version of a projection, rebuild them in the background on start. Default true. */
  rebuildOnVersionChange?: boolean;
  /** Called with each failure of a batch or a background rebuild (the runner retries after the poll interval). */
  onError?: (projection: string, error: unknown) => void;
  /** Called with each event parked (dead-lettered): the projection could not apply it while its neighbours applied. */
  onParked?: OnParked;
  /**
   * The most callers that may wait in `waitForPosition` at once; past it a wait answers false at
   * once (the read goes ahead with what the read models hold). Default 1000.
   */
  maxWaiters?: number;
  /**
   * How long stop() waits for a batch or rebuild step in flight before it returns anyway (the
   * step's transaction is left to roll back when its connection closes). Default 3000 ms.
   */
  stopTimeoutMs?: number;
  /** Called after each batch of any rebuild, background ones included. */
  onRebuildProgress?: (progress: RebuildProgress) => void;
  /**
   * Called once per projection after start(), the first time its runner has applied the log up to
   * the head (the start-up log: "catching up read models 3/12"). `of` counts the projections
   * that follow the log (not stale ones, which wait for their rebuild).
   */
  onCaughtUp?: (progress: CatchUpProgress) => void;
}

export interface CatchUpProgress {
  projection: string;
  caughtUp: number;
  of: number;
}

/**
 * Something that announces appends: calls `wake` after events were appended (spurious calls are
 * harmless: the engine just looks and finds nothing). Resolves once listening, with how to stop.
 */
export type WakeSource = (wake: () => void) => Promise<() => Promise<void>>;

export interface RebuildProgress {
  projection: string;
  /** The table set being filled. */
  tableSet: string;
  /** Complaint events applied into it so far. */
  eventsApplied: bigint;
  /** Its checkpoint. */
  position: GlobalPosition;
  /** The head of the log when last looked at. */
  head: GlobalPosition;
  /** Positions of the log passed per second, on average since the rebuild started (or was resumed here); null before the first batch. */
  eventsPerSecond: number | null;
  /** Seconds until `head` at that rate; null while no rate is known. The log keeps growing under a rebuild, so it is an estimate. */
  etaSeconds: number | null;
}

export interface RebuildOptions {
  /** Awaited after each batch: the rebuild goes on when it resolves. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildReport extends RebuildProgress {
  /**
   * swapped: the rebuilt tables serve reads now (`retired` was dropped);
   * superseded: another instance swapped this set in, or replaced the rebuild, first;
   * stopped: the engine stopped first — the set and its checkpoint stay, and the next rebuild
   * of the same version resumes it.
   */
  outcome: 'swapped' | 'superseded' | 'stopped';
  retired: string | null;
}

export interface ProjectionStatus {
  projection: string;
  /** The version of this code. */
  version: string;
  activeTableSet: string;
  /** The version that wrote the active tables. */
  activeVersion: string;
  /** stale: the active tables were written by another version; they keep serving, unchanged, until a rebuild replaces them. */
  state: 'live' | 'stale';
  checkpoint: GlobalPosition;
  head: GlobalPosition;
  /** head − checkpoint: events of the log the active tables have not caught up with (dense positions in the SQL stores). */
  lagEvents: bigint;
  /** Complaint events applied into the active tables since they were created. */
  eventsApplied: bigint;
  /** A rebuild under way (in this instance or another), from its checkpoint. */
  rebuild: RebuildProgress | null;
  /** The last failure in this instance, until a batch succeeds again. */
  lastError: string | null;
  /**
   * The last batch failed in this instance and none has succeeded since: reads do not wait for
   * this projection (waitForPosition answers false at once) until it applies a batch again.
   */
  failing: boolean;
  /** Events parked in the active tables' dead letters (the projection could not apply them; see deadLetters()). */
  deadLetters: number;
  /** Failures in this instance since it started. */
  errors: number;
}

interface Runner {
  readonly projection: Projection;
  activeSet: string;
  activeVersion: string;
  /** Written by another version: not updated any more. */
  stale: boolean;
  checkpoint: GlobalPosition;
  lastError: string | null;
  errors: number;
  /** The last batch failed (see ProjectionStatus.failing). */
  failing: boolean;
  rebuilding: Promise<RebuildReport> | undefined;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_OBSERVE_INTERVAL_MS = 50;
const DEFAULT_MAX_WAITERS = 1000;
const DEFAULT_STOP_TIMEOUT_MS = 3000;
/** The most dead letters deadLetters() lists. */
export const MAX_DEAD_LETTERS_LISTED = 1000;

/**
 * Runs projections over the global log: one runner per projection (a slow read model does not
 * hold back the others), each applying batches in order with its checkpoint in the same
 * transaction as its rows, resuming from that checkpoint after any restart, then following the
 * log live (polling, woken early by `wake()` or a NOTIFY). Rebuilds fill a fresh table set while
 * the live one serves, then swap it in atomically.
 */
export class ProjectionEngine {
  private readonly sql: SqlExecutor;
  private readonly source: ProjectionSource;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly runners = new Map<string, Runner>();
  private readonly wakeUp = new WakeUp();
  private readonly waiters: PositionWaiters<Runner>;
  private readonly halt = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private preparing: Promise<void> | undefined;
  private readonly unlisteners: (() => Promise<void>)[] = [];
  private started = false;
  /** Set once start() has prepared everything: waiters can be served. */
  private running = false;
  /** The projections that reached the head since start() (onCaughtUp). */
  private readonly caughtUpOnce = new Set<string>();

  constructor(private readonly options: ProjectionEngineOptions) {
    this.sql = options.sql;
    // Live runners woken together share their read of the same batch (decrypted once).
    this.source = sharingConcurrentReads(options.source);
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.waiters = new PositionWaiters({ maxWaiters: options.maxWaiters ?? DEFAULT_MAX_WAITERS, reached });
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    for (const projection of options.projections) {
      assertValidProjection(projection);
      if (this.runners.has(projection.name)) throw new RangeError(`Two projections are named ${projection.name}`);
      this.runners.set(projection.name, {
        projection,
        activeSet: '',
        activeVersion: '',
        stale: false,
        checkpoint: 0n,
        lastError: null,
        errors: 0,
        failing: false,
        rebuilding: undefined,
      });
    }
  }

  /** Create what is missing (engine tables, first table sets), then follow the log in the background. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.prepare();
    if (this.options.wakeOnChannel !== undefined) {
      this.unlisteners.push(await this.sql.listen(this.options.wakeOnChannel, () => this.wake()));
    }
    if (this.options.wakeOn !== undefined) {
      this.unlisteners.push(await this.options.wakeOn(() => this.wake()));
    }
    if (this.options.mode === 'observe') {
      this.loops.push(this.observe());
      this.running = true;
      return;
    }
    const toRebuild: Runner[] = [];
    for (const runner of this.runners.values()) {
      this.loops.push(this.follow(runner));
      const row = await readRegistry(this.sql, runner.projection.name);
      const resumable = row?.pendingSet != null && row.pendingVersion === runner.projection.version;
      if (resumable || (runner.stale && this.options.rebuildOnVersionChange !== false)) toRebuild.push(runner);
    }
    // Together, as rebuildAll: a release that changes several read models reads the log once for them.
    if (toRebuild.length > 0) this.loops.push(this.rebuildInBackground(toRebuild));
    this.running = true;
  }

  /** Apply everything up to the head of the log as it is now, in this call (errors are thrown). Stale projections are left alone. */
  async catchUp(): Promise<void> {
    await this.prepare();
    // Together: each batch of the log is read (and decrypted) once for all of them.
    let behind = [...this.runners.values()].filter((runner) => !runner.stale);
    while (behind.length > 0) {
      const results = await applyNextBatchToAll(
        this.sql,
        this.source,
        behind.map(targetOf),
        this.batchSize,
        this.options.onParked,
      );
      const next: Runner[] = [];
      for (const [index, runner] of behind.entries()) {
        const result = resultAt(results, index);
        if (!result.ok) throw result.error;
        if (!(await this.record(runner, result.outcome)) && !runner.stale) next.push(runner);
      }
      behind = next;
    }
  }

  /** Look for new events now rather than at the next poll (call after an append in this process). */
  wake(): void {
    this.wakeUp.wake();
  }

  /**
   * Resolve true once the projection (or every projection) has applied the log up to `position`
   * — a write's `lastPosition` — so a client reads its own write; false after `timeoutMs`, and
   * false at once while a projection is stale (its tables wait for a rebuild and do not move),
   * while one is failing (its last batch failed: a read must not wait on it — it answers from
   * what the tables hold; a waiter already parked is released with false when its projection
   * starts failing), and when `maxWaiters` callers wait already. Needs `start()`.
   */
  async waitForPosition(position: GlobalPosition, timeoutMs: number, projection?: string): Promise<boolean> {
    if (!this.running || this.stopping) throw new Error('The projection engine is not running');
    const runners = projection === undefined ? [...this.runners.values()] : [this.runnerOf(projection)];
    if (reached(runners, position)) return true;
    if (runners.some((runner) => runner.stale)) return false;
    if (runners.some((runner) => runner.failing)) {
      // An observer looks again now (one look at a time, however many readers ask): the worker may have recovered.
      if (this.options.mode === 'observe') this.wake();
      return false;
    }
    if (this.waiters.full) return false;
    const waiting = this.waiters.wait(position, runners, timeoutMs);
    this.wake();
    return waiting;
  }

  /**
   * Rebuild a projection from the start of the log into a fresh table set, while the live set
   * keeps serving (and following the log); once the new set has caught up with the live one, swap
   * it in and drop the old. A rebuild already under way in this process is joined.
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildReport> {
    const [report] = await this.rebuildAll([name], options);
    if (!report) throw new Error(`The rebuild of ${name} gave no report`);
    return report;
  }

  /**
   * Rebuild several projections (default: all) together, each as rebuild() does: one read of the
   * log per batch feeds all of them (decrypted once, and only for those that need clear text),
   * each still with its own table set, checkpoint and swap. Resolves with one report per
   * projection, in the order asked; rejects with the first failure while the others go on (a
   * failed one can be asked again: it resumes from its checkpoint). Rebuilds already under way
   * in this process are joined.
   */
  async rebuildAll(names?: readonly string[], options: RebuildOptions = {}): Promise<RebuildReport[]> {
    await this.prepare();
    const runners = names === undefined ? [...this.runners.values()] : names.map((name) => this.runnerOf(name));
    return Promise.all(this.startRebuilds(runners, options));
  }

  /**
   * How far behind `position` the named projections (all when none named) are in this process's
   * view, in events of the log: 0 once they have applied it. Cheap (no database): for a read
   * to say how current its answer is.
   */
  lagBehind(position: GlobalPosition, projection?: string): bigint {
    const runners = projection === undefined ? [...this.runners.values()] : [this.runnerOf(projection)];
    let lag = 0n;
    for (const runner of runners)
      if (position > runner.checkpoint && position - runner.checkpoint > lag) lag = position - runner.checkpoint;
    return lag;
  }

  /** Started and not stopping: waitForPosition may be called. */
  get isRunning(): boolean {
    return this.running && !this.stopping;
  }

  /** Callers parked in waitForPosition right now. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** True while the named projection (any, when none named) is failing: its last batch in this process failed. */
  isFailing(projection?: string): boolean {
    const runners = projection === undefined ? [...this.runners.values()] : [this.runnerOf(projection)];
    return runners.some((runner) => runner.failing);
  }

  /** The events parked in a projection's active tables, in log order (at most MAX_DEAD_LETTERS_LISTED). */
  async deadLetters(name: string): Promise<DeadLetter[]> {
    await this.prepare();
    const runner = this.runnerOf(name);
    const row = await readRegistry(this.sql, runner.projection.name);
    if (!row) return [];
    return listDeadLetters(this.sql, row.projection, row.activeSet, MAX_DEAD_LETTERS_LISTED);
  }

  /** Where every projection stands, read from the database (so it also shows other instances' work). */
  async status(): Promise<ProjectionStatus[]> {
    await this.prepare();
    const head = await this.source.headPosition();
    const statuses: ProjectionStatus[] = [];
    for (const runner of this.runners.values()) {
      const row = await readRegistry(this.sql, runner.projection.name);
      if (!row) throw new Error(`Projection ${runner.projection.name} is not registered`);
      const active = await readCheckpoint(this.sql, row.projection, row.activeSet);
      const pending =
        row.pendingSet === null ? undefined : await readCheckpoint(this.sql, row.projection, row.pendingSet);
      const checkpoint = active?.position ?? 0n;
      statuses.push({
        projection: runner.projection.name,
        version: runner.projection.version,
        activeTableSet: row.activeSet,
        activeVersion: row.activeVersion,
        state: row.activeVersion === runner.projection.version ? 'live' : 'stale',
        checkpoint,
        head,
        lagEvents: head > checkpoint ? head - checkpoint : 0n,
        eventsApplied: active?.eventsApplied ?? 0n,
        rebuild:
          row.pendingSet === null || !pending
            ? null
            : {
                projection: row.projection,
                tableSet: row.pendingSet,
                eventsApplied: pending.eventsApplied,
                position: pending.position,
                head,
                // Whichever instance runs it: from the set's own timestamps (created, last batch), on the database's clock.
                ...rebuildEstimate(0n, pending.position, head, pending.secondsSinceCreated),
              },
        lastError: runner.lastError,
        errors: runner.errors,
        failing: runner.failing,
        deadLetters: await countDeadLetters(this.sql, row.projection, row.activeSet),
      });
    }
    return statuses;
  }

  /**
   * Stop following; a rebuild in progress stops after its current batch and resumes on the next
   * start. Waiters get false. A batch that does not finish within `stopTimeoutMs` (stuck on a
   * lock, a dead connection) is not waited for any longer: nothing it did is committed unless
   * it commits, and its checkpoint says where to resume.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.halt.abort();
    this.waiters.releaseAll();
    const inFlight = Promise.allSettled([
      ...this.loops,
      ...[...this.runners.values()].map((runner) => runner.rebuilding),
    ]);
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    });
    await Promise.race([inFlight, givenUp]);
    clearTimeout(timer);
    await Promise.allSettled(this.unlisteners.map((unlisten) => unlisten()));
  }

  private prepare(): Promise<void> {
    this.preparing ??= (async () => {
      await ensureEngineTables(this.sql);
      for (const runner of this.runners.values()) {
        const row = await ensureRegistered(this.sql, runner.projection);
        if (row.pendingSet !== null && row.pendingVersion !== runner.projection.version) {
          await abandonRebuild(this.sql, runner.projection, row.pendingSet);
        }
        await this.adopt(runner, row);
      }
    })();
    return this.preparing;
  }

  private runnerOf(name: string): Runner {
    const runner = this.runners.get(name);
    if (!runner) throw new RangeError(`No projection named ${name}`);
    return runner;
  }

  /** Take the registry's word for which set is active, and that set's checkpoint. */
  private async adopt(runner: Runner, row: RegistryRow): Promise<void> {
    runner.activeSet = row.activeSet;
    runner.activeVersion = row.activeVersion;
    runner.stale = row.activeVersion !== runner.projection.version;
    const checkpoint = await readCheckpoint(this.sql, row.projection, row.activeSet);
    this.advanceTo(runner, checkpoint?.position ?? 0n);
    // An observer learns from the database that the worker's batches fail; a runner knows it first-hand.
    if (this.options.mode === 'observe') {
      if (checkpoint?.failingSince != null) this.releaseWaitersAsFailing(runner);
      else runner.failing = false;
    }
  }

  private async refresh(runner: Runner): Promise<void> {
    const row = await readRegistry(this.sql, runner.projection.name);
    if (row) await this.adopt(runner, row);
  }

  /** Record a batch's outcome; true when the runner has nothing more to do for now. */
  private async record(runner: Runner, outcome: BatchOutcome): Promise<boolean> {
    if (outcome.kind === 'retired') {
      await this.refresh(runner);
      return false;
    }
    runner.lastError = null;
    if (runner.failing) {
      runner.failing = false;
      // A batch that applied cleared the shared mark already; one that found nothing to do did not.
      await markFailing(this.sql, runner.projection.name, runner.activeSet, false);
    }
    this.advanceTo(runner, outcome.position);
    return outcome.kind === 'caught_up';
  }

  private reportCaughtUp(runner: Runner): void {
    const name = runner.projection.name;
    if (!this.options.onCaughtUp || this.caughtUpOnce.has(name)) return;
    this.caughtUpOnce.add(name);
    const following = [...this.runners.values()].filter((each) => !each.stale).length;
    this.options.onCaughtUp({
      projection: name,
      caughtUp: this.caughtUpOnce.size,
      of: Math.max(following, this.caughtUpOnce.size),
    });
  }

  private advanceTo(runner: Runner, position: GlobalPosition): void {
    // Swaps only ever bring in a set at or past the old one's checkpoint (swapIn), so what a
    // waiter was promised is never taken back.
    runner.checkpoint = position;
    this.waiters.recheck();
  }

  private get stopping(): boolean {
    return this.halt.signal.aborted;
  }

  /** A runner: the log's batches applied to its projection's active tables, one after the other, for as long as the engine runs. */
  private follow(runner: Runner): Promise<void> {
    return followLog({
      step: async () => {
        if (runner.stale) return 'idle';
        const outcome = await applyNextBatch(
          this.sql,
          this.source,
          runner.projection,
          runner.activeSet,
          this.batchSize,
          this.options.onParked,
        );
        if (!(await this.record(runner, outcome))) return 'more';
        this.reportCaughtUp(runner);
        return 'idle';
      },
      wakeUp: this.wakeUp,
      pollIntervalMs: this.pollIntervalMs,
      // A failed batch waits 50 ms, 100, 200… up to the poll interval, whatever is appended
      // meanwhile: a missing table or a lost permission must not be retried (and logged) on every append.
      retryBackoff: { initialMs: 50, maxMs: Math.max(50, this.pollIntervalMs) },
      stopped: this.halt.signal,
      onError: async (error) => {
        this.recordError(runner, error);
        this.releaseWaitersAsFailing(runner);
        // Best effort: when the database is what fails, observers cannot read the mark either (and so do not wait).
        await markFailing(this.sql, runner.projection.name, runner.activeSet, true).catch(() => undefined);
      },
    });
  }

  /**
   * Observe mode: the checkpoints move in another process, so read them from the database —
   * often while someone waits for a position, at the poll interval otherwise (to keep the
   * stale flags current).
   */
  private observe(): Promise<void> {
    const waitingInterval = this.options.observeIntervalMs ?? DEFAULT_OBSERVE_INTERVAL_MS;
    return followLog({
      step: async () => {
        for (const runner of this.runners.values()) {
          try {
            await this.refresh(runner);
            runner.lastError = null;
          } catch (error) {
            // The checkpoints cannot be read: nobody can tell whether the read models move, so nobody waits.
            this.recordError(runner, error);
            this.releaseWaitersAsFailing(runner);
          }
        }
        return 'idle';
      },
      wakeUp: this.wakeUp,
      pollIntervalMs: () => (this.waiters.size > 0 ? waitingInterval : this.pollIntervalMs),
      stopped: this.halt.signal,
      onError: () => undefined,
    });
  }

  /** Rebuilds started with the engine (stale or resumable projections), tried again after the poll interval while any fails. */
  private rebuildInBackground(runners: readonly Runner[]): Promise<void> {
    let remaining = runners;
    return followLog({
      step: async () => {
        const settled = await Promise.allSettled(this.startRebuilds(remaining, {}));
        remaining = remaining.filter((runner, index) => {
          const outcome = settled[index];
          if (outcome?.status !== 'rejected') return false;
          this.recordError(runner, outcome.reason);
          return true;
        });
        return remaining.length > 0 ? 'idle' : 'done';
      },
      wakeUp: this.wakeUp,
      pollIntervalMs: this.pollIntervalMs,
      stopped: this.halt.signal,
      onError: () => undefined,
    });
  }

  /** Its live batch failed (here, or in the worker an observer watches): release the readers waiting on it (they answer from what the tables hold). */
  private releaseWaitersAsFailing(runner: Runner): void {
    runner.failing = true;
    this.waiters.release(runner);
  }

  private recordError(runner: Runner, error: unknown): void {
    runner.lastError = error instanceof Error ? error.message : String(error);
    runner.errors++;
    this.options.onError?.(runner.projection.name, error);
  }

  /** Each runner's rebuild: the one under way in this process, or one of a new group of all those not rebuilding yet. */
  private startRebuilds(runners: readonly Runner[], options: RebuildOptions): Promise<RebuildReport>[] {
    const idle = runners.filter((runner) => runner.rebuilding === undefined);
    if (idle.length > 0) {
      const group = this.runRebuilds(idle, options);
      for (const [index, runner] of idle.entries()) {
        runner.rebuilding = (group[index] as Promise<RebuildReport>).finally(() => {
          runner.rebuilding = undefined;
        });
      }
    }
    return runners.map((runner) => runner.rebuilding as Promise<RebuildReport>);
  }

  /**
   * The rebuild of a group of projections, each into a fresh table set (or the one a rebuild of
   * the same version left), fed by one read of the log per batch (applyNextBatchToAll); each
   * swaps in as soon as it has caught up, and one that fails leaves the group (its promise
   * rejects) while the others go on.
   */
  private runRebuilds(runners: readonly Runner[], options: RebuildOptions): Promise<RebuildReport>[] {
    const members = runners.map((runner): RebuildMember => {
      let settle!: RebuildMember['settle'];
      const report = new Promise<RebuildReport>((resolve, reject) => {
        settle = { resolve, reject };
      });
      return { runner, settle, report, suffix: '', from: 0n, done: false, progress: undefined };
    });
    const fail = (member: RebuildMember, error: unknown) => {
      member.done = true;
      member.settle.reject(error);
    };
    void (async () => {
      for (const member of members) {
        try {
          member.suffix = await beginRebuild(this.sql, member.runner.projection);
          member.from = (await readCheckpoint(this.sql, member.runner.projection.name, member.suffix))?.position ?? 0n;
        } catch (error) {
          fail(member, error);
        }
      }
      const started = process.hrtime.bigint();
      for (;;) {
        const active = members.filter((member) => !member.done);
        if (active.length === 0) return;
        if (this.stopping) {
          for (const member of active) finishRebuild(member, 'stopped');
          return;
        }
        const targets = active.map((member) => ({ projection: member.runner.projection, suffix: member.suffix }));
        const results = await applyNextBatchToAll(
          this.sql,
          this.source,
          targets,
          this.batchSize,
          this.options.onParked,
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        for (const [index, member] of active.entries()) {
          await this.afterRebuildBatch(member, resultAt(results, index), seconds, options).catch((error: unknown) =>
            fail(member, error),
          );
        }
      }
    })().catch((error: unknown) => {
      for (const member of members) if (!member.done) fail(member, error);
    });
    return members.map((member) => member.report);
  }

  /** One member's batch of a group rebuild: its progress, and its swap once it has caught up. */
  private async afterRebuildBatch(
    member: RebuildMember,
    result: TargetResult,
    seconds: number,
    options: RebuildOptions,
  ): Promise<void> {
    if (!result.ok) throw result.error;
    const { outcome } = result;
    const { projection } = member.runner;
    if (outcome.kind === 'retired') {
      await this.refresh(member.runner);
      finishRebuild(member, 'superseded');
      return;
    }
    member.progress = {
      projection: projection.name,
      tableSet: member.suffix,
      eventsApplied: outcome.eventsApplied,
      position: outcome.position,
      head: outcome.head,
      ...rebuildEstimate(member.from, outcome.position, outcome.head, seconds),
    };
    this.options.onRebuildProgress?.(member.progress);
    await options.onProgress?.(member.progress);
    if (outcome.kind === 'applied') return;
    const swap = await swapIn(this.sql, projection, member.suffix);
    if (swap.kind === 'behind') return;
    await this.refresh(member.runner);
    this.wake();
    if (swap.kind === 'swapped') finishRebuild(member, 'swapped', swap.retired);
    else finishRebuild(member, 'superseded');
  }
}

/** One projection of a group rebuild (runRebuilds). */
interface RebuildMember {
  readonly runner: Runner;
  readonly settle: { resolve: (report: RebuildReport) => void; reject: (error: unknown) => void };
  readonly report: Promise<RebuildReport>;
  suffix: string;
  /** Its checkpoint when this process took it up: the rate counts from there. */
  from: GlobalPosition;
  done: boolean;
  progress: RebuildProgress | undefined;
}

function finishRebuild(member: RebuildMember, outcome: RebuildReport['outcome'], retired: string | null = null): void {
  member.done = true;
  const progress = member.progress ?? {
    projection: member.runner.projection.name,
    tableSet: member.suffix,
    eventsApplied: 0n,
    position: member.from,
    head: 0n,
    eventsPerSecond: null,
    etaSeconds: null,
  };
  member.settle.resolve({ ...progress, outcome, retired });
}

function targetOf(runner: Runner): BatchTarget {
  return { projection: runner.projection, suffix: runner.activeSet };
}

function resultAt(results: readonly TargetResult[], index: number): TargetResult {
  return results[index] ?? { ok: false, error: new Error(`No batch result for target ${index}`) };
}

/**
 * Rate and time left of a rebuild that went from position `from` to `position` in `seconds`,
 * towards `head`: one formula for the log line (this process's clock) and the status (the
 * database's timestamps of the set).
 */
export function rebuildEstimate(
  from: GlobalPosition,
  position: GlobalPosition,
  head: GlobalPosition,
  seconds: number | null,
): Pick<RebuildProgress, 'eventsPerSecond' | 'etaSeconds'> {
  if (seconds === null || seconds <= 0 || position <= from) return { eventsPerSecond: null, etaSeconds: null };
  const eventsPerSecond = Number(position - from) / seconds;
  return {
    eventsPerSecond: Math.round(eventsPerSecond),
    etaSeconds: head > position ? Math.ceil(Number(head - position) / eventsPerSecond) : 0,
  };
}

function reached(runners: readonly Runner[], position: GlobalPosition): boolean {
  return runners.every((runner) => !runner.stale && runner.checkpoint >= position);
}
