import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { stopChild } from './stop-child';

/** A built worker the benchmark runs as a child process. */
export interface WorkerProcess {
  readonly pid: number;
  readonly port: number;
  /** CPU seconds (user + system) it has used so far, from /proc (Linux); NaN elsewhere. */
  cpuSeconds(): number;
  /** The last lines it wrote (stdout and stderr), for a failure report. */
  output(): string;
  exited(): boolean;
}

export interface WorkerPool {
  readonly workers: readonly WorkerProcess[];
  /** SIGTERM, then SIGKILL after `graceMs` for the ones still running. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const OUTPUT_LINES = 40;

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux build in use (sysconf is out of reach). */
const CLOCK_TICKS = 100;

/** User + system CPU seconds of a process, from /proc/<pid>/stat; NaN when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, in parentheses): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts `count` processes of the built worker (`script`, run by this node with `nodeArgs`), each with `env` plus a WORKER_PORT of its own, and
 * waits until each answers 200 on /ready. Children that outlive the benchmark (it crashed, or exited without
 * stopping them) are killed at its exit.
 */
export async function startWorkers(
  script: string,
  count: number,
  env: NodeJS.ProcessEnv,
  { nodeArgs = [], readyTimeoutMs = 60_000 }: { nodeArgs?: readonly string[]; readyTimeoutMs?: number } = {},
): Promise<WorkerPool> {
  if (!existsSync(script)) throw new Error(`${script} not found: run npm run build first`);
  const children: ChildProcess[] = [];
  const workers: WorkerProcess[] = [];
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killAll);

  const pool: WorkerPool = {
    workers,
    async stop(graceMs = 10_000) {
      const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
      await Promise.all(running.map((child) => stopChild(child, graceMs)));
      process.off('exit', killAll);
    },
  };

  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...env, WORKER_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      const lines: string[] = [];
      const keep = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
        if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      workers.push({
        pid: child.pid ?? -1,
        port,
        output: () => lines.join('\n'),
        exited: () => child.exitCode !== null || child.signalCode !== null,
        cpuSeconds: () => processCpuSeconds(child.pid ?? -1),
      });
    }
    const deadline = Date.now() + readyTimeoutMs;
    for (const worker of workers) {
      for (;;) {
        if (worker.exited()) throw new Error(`worker ${worker.pid} exited before it was ready:\n${worker.output()}`);
        if (Date.now() > deadline) throw new Error(`worker ${worker.pid} not ready after ${readyTimeoutMs} ms:\n${worker.output()}`);
        const ok = await fetch(`http://127.0.0.1:${worker.port}/ready`)
          .then((res) => res.ok)
          .catch(() => false);
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    await pool.stop(2_000);
    throw error;
  }
  return pool;
}
