/** Time spent in one named stage, over all batches since the last reset. */
export interface StageTotal {
  stage: string;
  totalMs: number;
  /** How many times the stage ran. */
  count: number;
  /** Average time per batch (totalMs / batches), 0 before the first batch. */
  perBatchMs: number;
}

/**
 * Adds up where a repeated pipeline spends its time, stage by stage, and how many
 * batches ran: the ingest worker uses it so a benchmark can print per-stage figures.
 * Pure: the clock is passed in, so tests give it their own.
 */
export class StageTimer {
  private readonly totals = new Map<string, { ms: number; count: number }>();
  private batches = 0;
  private items = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Adds `ms` to `stage`. */
  record(stage: string, ms: number): void {
    const t = this.totals.get(stage) ?? { ms: 0, count: 0 };
    t.ms += ms;
    t.count++;
    this.totals.set(stage, t);
  }

  /** Runs `fn` and adds its time to `stage`, also when it throws. */
  async measure<T>(stage: string, fn: () => Promise<T> | T): Promise<T> {
    const started = this.now();
    try {
      return await fn();
    } finally {
      this.record(stage, this.now() - started);
    }
  }

  /** Returns a function that, when called, adds the time since now to `stage`. */
  start(stage: string): () => void {
    const started = this.now();
    return () => this.record(stage, this.now() - started);
  }

  /** Counts one finished batch of `items` things (e.g. messages). */
  batchDone(items = 0): void {
    this.batches++;
    this.items += items;
  }

  get batchCount(): number {
    return this.batches;
  }

  get itemCount(): number {
    return this.items;
  }

  /** Stages in the order they were first seen. */
  summary(): StageTotal[] {
    return [...this.totals].map(([stage, t]) => ({
      stage,
      totalMs: t.ms,
      count: t.count,
      perBatchMs: this.batches ? t.ms / this.batches : 0,
    }));
  }

  reset(): void {
    this.totals.clear();
    this.batches = 0;
    this.items = 0;
  }
}
