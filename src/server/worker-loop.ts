import type { Logger } from "pino";

/**
 * Runs `tick` again and again on `concurrency` lanes: straight on while it finds work,
 * otherwise after `idleMs` or as soon as `wake()` is called. `stop()` waits for the
 * lanes to finish what they hold.
 */
export class WorkerLoop {
  private running = false;
  private lanes: Promise<void>[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<number>,
    private readonly log: Logger,
    private readonly opts: {
      concurrency: number;
      idleMs: number;
      /** A tick that returns this many found a full batch: go on at once. */
      batchSize?: number;
      /** Before working on a partial batch, wait this long so more can gather. */
      settleMs?: number;
      /**
       * While catching up (full batches back to back), rest this many times as long as
       * the tick took before the next one. On the embedded database, which runs one
       * statement at a time, that leaves the rest of its time to requests.
       */
      restFactor?: number;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.opts.concurrency }, () => this.lane());
  }

  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  private async lane(): Promise<void> {
    while (this.running) {
      let done = 0;
      const started = performance.now();
      try {
        done = await this.tick();
      } catch (err) {
        this.log.error({ err, worker: this.name }, "worker tick failed");
      }
      if (!this.running) continue;
      const settle = this.opts.settleMs ?? 0;
      if (done > 0 && (!this.opts.batchSize || done >= this.opts.batchSize)) {
        const rest = (performance.now() - started) * (this.opts.restFactor ?? 0);
        if (rest > 0) await this.pause(rest);
        continue;
      }
      // A partial batch means work trickles in: gathering a few milliseconds' worth into
      // one transaction costs little latency and saves most of the per-transaction work.
      if (done > 0) {
        if (settle) await sleep(settle);
        continue;
      }
      await this.pause(this.opts.idleMs);
      if (settle && this.running) await sleep(settle);
    }
  }

  /** Waits `ms`, or less when `wake()` or `stop()` is called. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
