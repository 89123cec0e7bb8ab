import type { FireOutcome, TimerRef } from '#libs/engine';

interface Waiting {
  ref: TimerRef;
  resolve: (outcome: FireOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * Gathers the timer jobs a worker holds into batches, so many timers falling due together are fired a
 * batch to a transaction (Engine.fireMany) instead of one each. It never waits to fill a batch: a timer
 * arriving at a quiet worker is fired at once, alone. Only while `inFlight` batches are running do new
 * arrivals gather, so the batches grow exactly as fast as the worker falls behind.
 */
export class FiringBatcher {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly fireMany: (refs: TimerRef[]) => Promise<(FireOutcome | Error)[]>,
    private readonly batchSize: number,
    private readonly inFlight = 2,
  ) {}

  /** Fires this timer in the next batch; settles with its own outcome (or its own error). */
  fire(ref: TimerRef): Promise<FireOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ref, resolve, reject });
      this.schedule();
    });
  }

  /** On the next turn of the event loop, so the jobs handed over in this one go together. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain() {
    while (this.running < this.inFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.batchSize);
      this.running++;
      this.fireMany(batch.map((w) => w.ref))
        .then(
          (outcomes) => batch.forEach((w, i) => (outcomes[i] instanceof Error ? w.reject(outcomes[i] as Error) : w.resolve(outcomes[i] as FireOutcome))),
          (error: Error) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.running--;
          if (this.waiting.length > 0) this.schedule();
        });
    }
  }
}
