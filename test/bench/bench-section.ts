// What a bench section is to the runner: a key in bench-results.json, a result to store there and the rows
// of the table printed after the run.
export interface BenchRow {
  measure: string;
  value: string;
  /** What the value should be, when the issue sets a goal; `met` says whether it was reached. */
  goal?: string;
  met?: boolean;
}

export interface BenchOutcome {
  result: Record<string, unknown>;
  rows: BenchRow[];
}

export interface BenchSection {
  /** The key of the section's result in bench-results.json. */
  key: string;
  title: string;
  run: (say: (line: string) => void) => Promise<BenchOutcome>;
}

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function milliseconds(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A small seeded generator (mulberry32), so every run asks the same questions in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
