/**
 * What a benchmark reports: named figures, each with its unit and, where there is one, the target
 * it is held to. `sslab bench` runs every bench/*.bench.ts and gathers their sections.
 */
export interface BenchTarget {
  /** The figure must be at most (`<=`) or at least (`>=`) this value. */
  op: '<=' | '>=';
  value: number;
}

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target?: BenchTarget;
  /** Set by the runner from the target. */
  meets?: boolean;
  note?: string;
}

export interface BenchSection {
  name: string;
  figures: BenchFigure[];
  /** Why the bench could not run, when it could not. */
  error?: string;
}

/** A bench module exports one of these as `bench`. */
export interface Bench {
  name: string;
  run(log: (line: string) => void): Promise<BenchSection>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
