/**
 * Side-by-side comparisons for the bench: the product and its anchors take turns, A B A B, round
 * after round (BENCH_ROUNDS, at least 3), so that a machine getting busier or quieter weighs on
 * every side alike; each side first runs one shorter untimed round (connections opened,
 * statements prepared, code warmed). Each round is `writers` loops in parallel, each doing
 * `perWriter` operations one after another; a round's figure is its operations per second.
 * Reported per side: the median and the min over the rounds (the min is the slowest round),
 * the latency percentiles of every operation of every round, and the ratio to the anchor of both.
 */
import { median, percentile } from './stats';
import { roundTripsDuring } from './round-trips';

/** One operation of a side: operation `i` (0, 1, …) of writer `writer` in the round whose streams are named after `prefix`. */
export type Operation = (prefix: string, writer: number, i: number) => Promise<unknown>;

export interface Side {
  name: string;
  operation: Operation;
}

export interface SideResult {
  name: string;
  /** Operations per second of each timed round, in the order run. */
  perSecond: number[];
  /** Every timed operation's latency (ms), sorted. */
  latenciesMs: number[];
  /** PostgreSQL round trips per operation, counted in the warm-up round at one writer; undefined otherwise. */
  roundTrips: number | undefined;
}

export interface Comparison {
  backend: string;
  what: string;
  writers: number;
  perWriter: number;
  rounds: number;
  /** The anchor first (what the others are divided by), then the others in the order they ran. */
  sides: SideResult[];
}

export interface CompareOptions {
  backend: string;
  what: string;
  writers: number;
  perWriter: number;
  rounds: number;
  /** Count round trips in the warm-up (PostgreSQL at one writer). */
  countRoundTrips: boolean;
}

let comparisons = 0;

export async function interleave(options: CompareOptions, sides: readonly Side[]): Promise<Comparison> {
  const id = ++comparisons;
  const results: SideResult[] = sides.map((side) => ({
    name: side.name,
    perSecond: [],
    latenciesMs: [],
    roundTrips: undefined,
  }));
  const warmUp = Math.max(10, Math.ceil(options.perWriter / 5));
  for (const [s, side] of sides.entries()) {
    const [, trips] = await roundTripsDuring(() => round(side.operation, `b${id}s${s}w`, options.writers, warmUp));
    if (options.countRoundTrips && options.writers === 1) results[s]!.roundTrips = trips / warmUp;
  }
  for (let r = 0; r < options.rounds; r++) {
    for (const [s, side] of sides.entries()) {
      const { perSecond, latenciesMs } = await round(
        side.operation,
        `b${id}s${s}r${r}`,
        options.writers,
        options.perWriter,
      );
      results[s]!.perSecond.push(perSecond);
      results[s]!.latenciesMs.push(...latenciesMs);
      console.error(
        `  ${options.backend}: ${options.what}, ${options.writers} writer(s), round ${r + 1}: ${side.name} ${perSecond.toFixed(0)}/s`,
      );
    }
  }
  for (const result of results) result.latenciesMs.sort((a, b) => a - b);
  return { ...options, sides: results };
}

async function round(
  operation: Operation,
  prefix: string,
  writers: number,
  perWriter: number,
): Promise<{ perSecond: number; latenciesMs: number[] }> {
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < perWriter; i++) {
        const start = process.hrtime.bigint();
        await operation(prefix, writer, i);
        latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: (writers * perWriter) / seconds, latenciesMs };
}

/** Side `name` of a comparison (an error naming the comparison when it has none: a bench bug). */
export function sideOf(comparison: Comparison, name: string): SideResult {
  const side = comparison.sides.find((s) => s.name === name);
  if (!side) throw new Error(`${comparison.what} has no side ${name}`);
  return side;
}

/**
 * `side` over `anchor`: the ratio of the medians and of the mins of their rounds' operations per
 * second, and the median of the rounds' own ratios (each round beside the anchor's of the same
 * round, run just before it: on a machine shared with other work, the steadiest of the three).
 */
export function ratio(side: SideResult, anchor: SideResult): { median: number; min: number; paired: number } {
  return {
    median: median(side.perSecond) / median(anchor.perSecond),
    min: Math.min(...side.perSecond) / Math.min(...anchor.perSecond),
    paired: median(side.perSecond.map((perSecond, r) => perSecond / anchor.perSecond[r]!)),
  };
}

export function printComparisons(title: string, list: readonly Comparison[]): void {
  if (list.length === 0) return;
  const first = list[0]!;
  console.log(
    `\n${title} (${first.rounds} rounds A B A B after an untimed warm-up; min = the slowest round; by round = the median of each round's ratio; RT = PostgreSQL round trips per operation)`,
  );
  const header = [
    'backend',
    'what',
    'writers',
    'side',
    'ops/round',
    'median/s',
    'min/s',
    'p50 ms',
    'p99 ms',
    'RT',
    'x anchor median',
    'x anchor min',
    'x anchor by round',
  ];
  const rows = list.flatMap((c) => {
    const anchor = c.sides[0]!;
    return c.sides.map((side, i) => {
      const r = ratio(side, anchor);
      return [
        c.backend,
        c.what,
        String(c.writers),
        side.name,
        String(c.writers * c.perWriter),
        median(side.perSecond).toFixed(0),
        Math.min(...side.perSecond).toFixed(0),
        (percentile(side.latenciesMs, 50) ?? Number.NaN).toFixed(2),
        (percentile(side.latenciesMs, 99) ?? Number.NaN).toFixed(2),
        side.roundTrips === undefined ? '-' : side.roundTrips.toFixed(1),
        i === 0 ? 'anchor' : `${r.median.toFixed(2)}x`,
        i === 0 ? '' : `${r.min.toFixed(2)}x`,
        i === 0 ? '' : `${r.paired.toFixed(2)}x`,
      ];
    });
  });
  printTable(header, rows, 4);
}

/** A plain text table: the first `left` columns left-aligned, the rest right-aligned. */
export function printTable(header: string[], rows: string[][], left: number): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}
