/** A figure measured over several rounds: the median, with the range. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** p50, p99 and max of a set of latencies (ms), rounded to 0.01 ms. */
export function latencies(values: number[]): { n: number; p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(2);
  return { n: sorted.length, p50Ms: r(quantile(sorted, 0.5)), p99Ms: r(quantile(sorted, 0.99)), maxMs: r(sorted.at(-1) ?? NaN) };
}

export function figure(rounds: number[], digits = 2): Figure {
  const sorted = [...rounds].sort((a, b) => a - b);
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const r = (x: number) => +x.toFixed(digits);
  return { median: r(mid), min: r(sorted[0]), max: r(sorted.at(-1)!), rounds: rounds.map(r) };
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return msSince(start);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
