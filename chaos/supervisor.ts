import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** What an app prints once it is ready. */
const READY = { api: 'Ratify API on', worker: 'Ratify worker running' } as const;
const ENTRY = { api: 'dist/apps/api/main.js', worker: 'dist/apps/worker/main.js' } as const;

export type AppKind = keyof typeof ENTRY;

interface Slot {
  name: string;
  kind: AppKind;
  child: ChildProcess | null;
  starts: number;
  /** Set while the run itself is stopping it: any other exit is a crash. */
  stopping: boolean;
}

/**
 * Runs the real apps as `npm run start:api` / `start:worker` do: the build (dist/apps/api/main.js,
 * dist/apps/worker/main.js) on plain Node. Not through tsx: esbuild emits no decorator metadata, which Nest's
 * injection and Swagger read, and tsx's require hook gives @nestjs/throttler (CommonJS) a copy of @nestjs/core
 * of its own, so the API does not start. Each slot (api, worker-1, worker-2) holds at most one process; the
 * run kills them with SIGKILL and starts them again. Their output goes to one log file per slot.
 */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private readonly logs = new Map<string, WriteStream>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
    private readonly onUnexpectedExit: (name: string, why: string) => void,
  ) {}

  add(name: string, kind: AppKind) {
    this.slots.set(name, { name, kind, child: null, starts: 0, stopping: false });
    this.logs.set(name, createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' }));
  }

  names(kind?: AppKind): string[] {
    return [...this.slots.values()].filter((s) => !kind || s.kind === kind).map((s) => s.name);
  }

  running(name: string): boolean {
    const child = this.slot(name).child;
    return child !== null && child.exitCode === null && child.signalCode === null;
  }

  starts(name: string): number {
    return this.slot(name).starts;
  }

  /** Starts the slot's process and resolves once it says it is ready (rejects if it exits first). */
  start(name: string, timeoutMs = 120_000): Promise<void> {
    const slot = this.slot(name);
    if (this.running(name)) return Promise.resolve();
    const log = this.logs.get(name)!;
    const child = spawn(process.execPath, [ENTRY[slot.kind]], {
      env: { ...process.env, ...this.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    slot.child = child;
    slot.starts++;
    slot.stopping = false;
    log.write(`\n--- start #${slot.starts} (pid ${child.pid}) at ${new Date().toISOString()}\n`);
    let seen = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} not ready within ${timeoutMs} ms`)), timeoutMs);
      const onOutput = (chunk: Buffer) => {
        log.write(chunk);
        if (seen !== null && (seen += chunk.toString()).includes(READY[slot.kind])) {
          clearTimeout(timer);
          seen = '';
          resolve();
        }
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        log.write(`--- exit ${code ?? signal} at ${new Date().toISOString()}\n`);
        if (!slot.stopping && slot.child === child) this.onUnexpectedExit(name, String(code ?? signal));
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready`));
      });
    });
  }

  /** SIGKILL: no shutdown hook runs, jobs and claims are left as they are. */
  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const slot = this.slot(name);
    const child = slot.child;
    if (!child || !this.running(name)) return Promise.resolve();
    slot.stopping = true;
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** SIGTERM (a graceful stop), then SIGKILL for whatever has not gone within 10 s. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.names().map(async (n) => {
        const late = setTimeout(() => void this.kill(n), 10_000);
        await this.kill(n, 'SIGTERM');
        clearTimeout(late);
      }),
    );
    await Promise.all([...this.logs.values()].map((l) => new Promise((r) => l.end(r))));
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no process slot ${name}`);
    return slot;
  }
}
