import type { Supervisor } from './supervisor.js';

export interface Fault {
  /** Seconds since the run started. */
  at: number;
  what: string;
  /** A process that died without being told to: a crash, not a planned fault. */
  unplanned?: boolean;
}

export class FaultLog {
  readonly entries: Fault[] = [];

  constructor(private readonly started: number) {}

  add(what: string, unplanned = false) {
    this.entries.push({ at: Math.round((Date.now() - this.started) / 100) / 10, what, ...(unplanned ? { unplanned } : {}) });
  }
}

export interface MonkeyOptions {
  /** A single worker is killed every so often, between these bounds (ms), while decisions are being driven. */
  killEveryMs: [number, number];
  /** Share of decisions done at which the API is killed and restarted (one kill each). */
  apiKillsAt: number[];
  /** Share done at which both workers are killed at once. */
  bothAt: number;
  /** Share done at which the queue's Redis keys are deleted. */
  wipeAt: number;
  /** Instants (epoch ms) when many timers fall due at once (call-in deadlines): a burst of kills, and a wipe just before the last. */
  burstAt: number[];
  wipe: () => Promise<number>;
  progress: () => number;
  log: (line: string) => void;
}

const between = (min: number, max: number) => min + Math.random() * (max - min);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The faults, on a schedule tied to the driver's progress and the moments timers fall due: random single
 * worker kills, both workers at once, bursts of kills when the call-in deadlines fire, API kills, and Redis
 * wipes late in the run. Every kill is SIGKILL; killed processes are started again after a short pause.
 */
export class Monkey {
  private drivingDone = false;
  private readonly done = new Set<string>();
  private readonly restarts = new Set<Promise<void>>();
  private readonly planned: string[];

  constructor(
    private readonly supervisor: Supervisor,
    private readonly faults: FaultLog,
    private readonly opts: MonkeyOptions,
  ) {
    const last = opts.burstAt.length ? Math.max(...opts.burstAt) : null;
    this.planned = [
      'worker',
      'both',
      ...opts.apiKillsAt.map((_, i) => `api-${i}`),
      'wipe',
      ...opts.burstAt.map((_, i) => `burst-${i}`),
      ...(last === null ? [] : ['wipe-before-deadline']),
    ];
  }

  async run(): Promise<void> {
    let nextKill = Date.now() + between(...this.opts.killEveryMs);
    const lastBurst = this.opts.burstAt.length ? Math.max(...this.opts.burstAt) : null;
    for (;;) {
      const p = this.opts.progress();
      const now = Date.now();
      const due = (what: string, when: boolean) => when && !this.done.has(what) && (this.done.add(what), true);
      if (!this.drivingDone && now >= nextKill) {
        const worker = this.supervisor.names('worker')[Math.floor(Math.random() * 2)];
        await this.killWorker(worker, between(300, 3000), 'SIGKILL');
        this.done.add('worker');
        nextKill = now + between(...this.opts.killEveryMs);
      }
      if (due('both', p >= this.opts.bothAt || this.drivingDone)) await this.killBoth();
      for (const [i, at] of this.opts.apiKillsAt.entries()) if (due(`api-${i}`, p >= at || this.drivingDone)) await this.killApi();
      if (due('wipe', p >= this.opts.wipeAt || this.drivingDone)) await this.wipe('late in the run');
      if (lastBurst !== null && due('wipe-before-deadline', now >= lastBurst - 20_000)) await this.wipe('20 s before the last call-in deadline, its timers queued');
      for (const [i, at] of this.opts.burstAt.entries()) if (due(`burst-${i}`, now >= at - 1500)) await this.burst(i);
      if (this.drivingDone && this.planned.every((f) => this.done.has(f))) break;
      await sleep(250);
    }
    // Every process up again before the run waits for quiet.
    await Promise.allSettled([...this.restarts]);
    for (const name of this.supervisor.names()) {
      for (let attempt = 0; !this.supervisor.running(name); attempt++) {
        await this.supervisor.start(name).catch((error) => this.opts.log(`restarting ${name}: ${(error as Error).message}`));
        if (attempt > 5) throw new Error(`${name} will not start again`);
      }
    }
  }

  /** Driving is over: the faults still owed happen now (the run awaits run()). */
  finish() {
    this.drivingDone = true;
  }

  missingFaults(): string[] {
    return this.planned.filter((f) => !this.done.has(f));
  }

  private async killWorker(name: string, downMs: number, why: string) {
    await this.supervisor.kill(name);
    this.faults.add(`${why} ${name}, down ${Math.round(downMs)} ms`);
    this.restartAfter(name, downMs);
  }

  private async killBoth() {
    const workers = this.supervisor.names('worker');
    await Promise.all(workers.map((w) => this.supervisor.kill(w)));
    const downMs = between(2000, 4000);
    this.faults.add(`SIGKILL both workers at once, down ${Math.round(downMs)} ms`);
    this.opts.log('killed both workers');
    for (const w of workers) this.restartAfter(w, downMs);
  }

  private async killApi() {
    await this.supervisor.kill('api');
    this.faults.add('SIGKILL api, restarted at once');
    this.opts.log('killed the API');
    this.restartAfter('api', 0);
  }

  private async burst(i: number) {
    this.opts.log(`burst of kills as call-in deadline ${i + 1} falls due`);
    const [a, b] = this.supervisor.names('worker');
    for (const w of [a, b, a]) {
      await this.killWorker(w, between(500, 1000), `SIGKILL (burst ${i + 1})`);
      await sleep(1500);
    }
  }

  private async wipe(why: string) {
    const keys = await this.opts.wipe();
    this.faults.add(`deleted the queue's Redis keys (${keys}), ${why}`);
    this.opts.log(`deleted ${keys} Redis keys (${why})`);
  }

  private restartAfter(name: string, ms: number) {
    const restart = (async () => {
      await sleep(ms);
      // Killed again while starting: the later kill restarts it.
      await this.supervisor.start(name).catch(() => undefined);
    })();
    this.restarts.add(restart);
    void restart.finally(() => this.restarts.delete(restart));
  }
}
