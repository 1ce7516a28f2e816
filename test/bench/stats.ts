/** Latency statistics for the bench: percentiles over recorded samples, in milliseconds. */
export interface Figures {
  operations: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number | null;
  p99: number | null;
}

export function percentile(sortedMs: readonly number[], p: number): number | null {
  if (sortedMs.length === 0) return null;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function figures(latenciesMs: number[], events: number, seconds: number): Figures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    operations: latenciesMs.length,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** Time one async operation in milliseconds (high resolution). */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/** The middle of the values (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}
