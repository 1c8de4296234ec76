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
    private readonly opts: { concurrency: number; idleMs: number },
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
      try {
        done = await this.tick();
      } catch (err) {
        this.log.error({ err, worker: this.name }, "worker tick failed");
      }
      if (done > 0 || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.idleMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
