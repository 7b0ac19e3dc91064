import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, processCpuSeconds } from './worker-processes';
import { stopChild } from './stop-child';

/** The built api, run by a benchmark as a child process. */
export interface ApiProcess {
  readonly pid: number;
  readonly port: number;
  readonly baseUrl: string;
  /** CPU seconds (user + system) it has used so far, from /proc (Linux); NaN elsewhere. */
  cpuSeconds(): number;
  /** The last lines it wrote (stdout and stderr), for a failure report. */
  output(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LINES = 40;

/**
 * Starts the built api (`script`, e.g. dist/apps/api/src/main.js) with `env` plus a PORT of its own, and waits
 * until it answers 200 on /ready. The child is killed at this process's exit if it is still running.
 */
export async function startApi(script: string, env: NodeJS.ProcessEnv, { readyTimeoutMs = 60_000 }: { readyTimeoutMs?: number } = {}): Promise<ApiProcess> {
  if (!existsSync(script)) throw new Error(`${script} not found: run npm run build first`);
  const port = await freePort();
  const child = spawn(process.execPath, [script], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const killAtExit = () => {
    if (!exited()) child.kill('SIGKILL');
  };
  process.on('exit', killAtExit);
  const api: ApiProcess = {
    pid: child.pid ?? -1,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    cpuSeconds: () => processCpuSeconds(child.pid ?? -1),
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 10_000) {
      if (!exited()) await stopChild(child, graceMs);
      process.off('exit', killAtExit);
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited()) {
      await api.stop();
      throw new Error(`api exited before it was ready:\n${api.output()}`);
    }
    if (Date.now() > deadline) {
      await api.stop(2_000);
      throw new Error(`api not ready after ${readyTimeoutMs} ms:\n${api.output()}`);
    }
    const ok = await fetch(`${api.baseUrl}/ready`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return api;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
