import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

const root = join(__dirname, '..', '..');

/** The path of a built app's entry point (`npm test` builds before running Jest). */
export function builtApp(app: 'api' | 'worker' | 'cli'): string {
  const path = join(root, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return path;
}

/** The built worker as a separate process, as production runs it: it can be killed like one. */
export class WorkerProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly port: number,
  ) {
    child.stdout.on('data', (d) => (this.output += d));
    child.stderr.on('data', (d) => (this.output += d));
  }

  static async start(env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [builtApp('worker')], { env: { ...process.env, LOG_LEVEL: 'warn', ...env, WORKER_PORT: String(port) }, stdio: 'pipe' });
    const worker = new WorkerProcess(child, port);
    await worker.ready();
    return worker;
  }

  /** Everything the process printed, for failure messages. */
  get log(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }

  private async ready(): Promise<void> {
    for (let attempt = 0; attempt < 150; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`worker exited with ${this.child.exitCode}:\n${this.output}`);
      const ok = await fetch(`http://127.0.0.1:${this.port}/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`worker not ready after 30 s:\n${this.output}`);
  }
}
