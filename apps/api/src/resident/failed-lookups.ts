import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@complaints/event-store';
import { CLOCK, INFRASTRUCTURE } from '../app/tokens';
import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { Infrastructure } from '../infrastructure/open-infrastructure';

/** Failed lookups one address, or one reference, may take in a window before it is refused until the window ends. */
export const FAILED_LOOKUP_LIMIT = 20;
export const FAILED_LOOKUP_WINDOW_MS = 15 * 60 * 1000;
/** Every so many reservations, this instance deletes the windows that have ended. */
const SWEEP_EVERY = 500;

/** A lookup's claim on the budgets: refunded when the lookup succeeds. */
export type LookupReservation =
  { allowed: true; windows: { subject: string; startedAt: string }[] } | { allowed: false; retryAfterMs: number };

/**
 * Brakes on guessing: an access code has 50 bits, but nothing should let a stranger try codes
 * at network speed. Each lookup takes an attempt from two budgets before it looks anything up:
 * its address's and its reference's (so neither many references from one address nor one
 * reference from many addresses gets more than FAILED_LOOKUP_LIMIT checks per window); a
 * successful lookup gives its attempts back, so a resident's own lookups cost nothing.
 *
 * Taking the attempt is one upsert on the budget rows, under their row locks, so parallel
 * requests are counted one by one (counting after the lookup let 1,000 parallel guesses check
 * 266 codes), and the rows live in the API's tables, so every instance shares them. A window
 * starts with the first attempt and lasts FAILED_LOOKUP_WINDOW_MS; an attempt refused with 429
 * still counts, but never extends the window.
 */
@Injectable()
export class FailedLookups {
  private reservations = 0;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reserve(address: string, reference: string): Promise<LookupReservation> {
    const now = this.clock.now();
    // An address that has used up its budget is refused before anything is written: otherwise
    // every refused guess (each with a reference of its own) would add a row and, on the
    // embedded store, a synced commit. So rows grow at most by the budget per address and window.
    const spent = await this.exhaustedWindow(`address:${address}`, now);
    if (spent !== undefined)
      return {
        allowed: false,
        retryAfterMs: Math.max(1000, spent.getTime() + FAILED_LOOKUP_WINDOW_MS - now.getTime()),
      };
    // One transaction, the address's row first: once the address is over its budget the
    // reference is not touched, so a burst from one address (all past the check above at once)
    // queues on the address's row lock and writes at most its budget of reference rows. Every
    // lookup locks an address row before a reference row: always the same order, no deadlock.
    const windows = await this.infrastructure.sql.transaction(async (tx) => {
      const byAddress = await takeAttempt(tx, `address:${address}`, now);
      if (byAddress.attempts > FAILED_LOOKUP_LIMIT) return [byAddress];
      return [byAddress, await takeAttempt(tx, `reference:${reference}`, now)];
    });
    await this.sweepNowAndThen(now);
    const exhausted = windows.filter((w) => w.attempts > FAILED_LOOKUP_LIMIT);
    if (exhausted.length > 0) {
      const endsAt = Math.max(...exhausted.map((w) => w.startedAt.getTime() + FAILED_LOOKUP_WINDOW_MS));
      return { allowed: false, retryAfterMs: Math.max(1000, endsAt - now.getTime()) };
    }
    return {
      allowed: true,
      windows: windows.map((w) => ({ subject: w.subject, startedAt: w.startedAt.toISOString() })),
    };
  }

  /** The lookup succeeded: its attempts are given back (to the windows they were taken from, if those still run). */
  async refund(reservation: LookupReservation): Promise<void> {
    if (!reservation.allowed) return;
    for (const window of reservation.windows) {
      await this.infrastructure.sql.query(
        `UPDATE api_lookup_attempts SET attempts = attempts - 1
         WHERE subject = $1 AND window_started_at = $2::timestamptz AND attempts > 0`,
        [window.subject, window.startedAt],
      );
    }
  }

  /** When the subject's running window started, if its budget is used up; undefined otherwise. */
  private async exhaustedWindow(subject: string, now: Date): Promise<Date | undefined> {
    const [row] = await this.infrastructure.sql.query<{ window_started_at: Date | string }>(
      `SELECT window_started_at FROM api_lookup_attempts
       WHERE subject = $1 AND attempts >= $2 AND window_started_at > $3::timestamptz - make_interval(secs => $4)`,
      [subject, FAILED_LOOKUP_LIMIT, now.toISOString(), FAILED_LOOKUP_WINDOW_MS / 1000],
    );
    return row ? new Date(row.window_started_at) : undefined;
  }

  private async sweepNowAndThen(now: Date): Promise<void> {
    if (++this.reservations % SWEEP_EVERY !== 0) return;
    await this.infrastructure.sql.query(
      `DELETE FROM api_lookup_attempts WHERE window_started_at <= $1::timestamptz - make_interval(secs => $2)`,
      [now.toISOString(), FAILED_LOOKUP_WINDOW_MS / 1000],
    );
  }
}

/** One attempt from a subject's budget (a new window when the last one has ended), under the row's lock. */
async function takeAttempt(
  tx: SqlQueryable,
  subject: string,
  now: Date,
): Promise<{ subject: string; attempts: number; startedAt: Date }> {
  const rows = await tx.query<{ attempts: number; window_started_at: Date | string }>(
    `INSERT INTO api_lookup_attempts AS a (subject, window_started_at, attempts) VALUES ($1, $2::timestamptz, 1)
     ON CONFLICT (subject) DO UPDATE SET
       attempts = CASE WHEN a.window_started_at <= $2::timestamptz - make_interval(secs => $3) THEN 1 ELSE a.attempts + 1 END,
       window_started_at = CASE WHEN a.window_started_at <= $2::timestamptz - make_interval(secs => $3) THEN excluded.window_started_at ELSE a.window_started_at END
     RETURNING attempts, window_started_at`,
    [subject, now.toISOString(), FAILED_LOOKUP_WINDOW_MS / 1000],
  );
  const row = rows[0];
  if (!row) throw new Error(`The lookup budget of ${subject} was not written`);
  return { subject, attempts: Number(row.attempts), startedAt: new Date(row.window_started_at) };
}
