// The one way every duration of this bench is summed up, so sender, gateway and store figures compare.

export interface Latency {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Event-loop lateness (ms), as both processes report it. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: a reported p99 is a latency some request really had, never an interpolation. */
export function summarize(values: number[]): Latency {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
