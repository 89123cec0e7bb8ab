import { spawn, type ChildProcess } from 'node:child_process';

/** A worker process, with what it has printed so far. */
export type WorkerProcess = ChildProcess & { output(): string };

/** Runs apps/worker as a real child process (through tsx), so a test can SIGKILL it. */
export function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=ratify-source', 'apps/worker/main.ts'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (c) => (output += c));
  const worker = Object.assign(child, { output: () => output });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      output += c;
      if (output.includes('Ratify worker running')) resolve(worker);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was running:\n${output}`)));
  });
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
