import { spawn, type ChildProcess } from 'node:child_process';

/** Built (npm run bench runs dist/bench): the built worker; else through tsx, as the tests run it. */
const built = import.meta.url.includes('/dist/bench/');
const WORKER = built ? ['dist/apps/worker/main.js'] : ['--import', 'tsx', '--conditions=ratify-source', 'apps/worker/main.ts'];

/** Runs the real worker (apps/worker) as a child process. */
export function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, WORKER, {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (c) => (output += c));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      output += c;
      if (output.includes('Ratify worker running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was running:\n${output.slice(-2000)}`)));
  });
}

export function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
