import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Built (npm run bench runs dist/bench): the built worker; else through tsx, as the tests run it. */
const built = import.meta.url.includes('/dist/bench/');
const WORKER = built ? ['dist/apps/worker/main.js'] : ['--import', 'tsx', '--conditions=ratify-source', 'apps/worker/main.ts'];

/** Extra Node flags for the workers, e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
const NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Runs the real worker (apps/worker) as a child process. */
export function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...WORKER], {
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

/**
 * CPU time (user + system, ms) a worker process has used so far, from /proc (Linux): what a firing costs the
 * worker, which unlike its rate does not depend on what else the machine is doing. NaN where /proc is absent.
 */
export function cpuMsOf(child: ChildProcess): number {
  return child.pid ? processCpuMs(child.pid) : NaN;
}

function processCpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (in clock ticks of 10 ms).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms) every PostgreSQL process on this machine has used so far (backends, WAL writer, checkpointer):
 * on a quiet machine, the difference across a firing window is what the firings cost the database. NaN where
 * /proc is absent; processes that ended in between are not counted.
 */
export function postgresCpuMs(): number {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return NaN;
  }
  let total = 0;
  for (const pid of dirs) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(pid);
    if (Number.isFinite(ms)) total += ms;
  }
  return total;
}
