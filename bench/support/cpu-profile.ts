import { Session } from 'node:inspector';
import { relative } from 'node:path';

/** One function of a CPU profile, with the time sampled in it (self) and in it or its callees (total). */
export interface ProfiledFunction {
  name: string;
  /** file:line, relative to the working directory. */
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface CpuProfileResult<T> {
  result: T;
  wallMs: number;
  /** Sampled time, by function, largest self time first. */
  functions: ProfiledFunction[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

/**
 * Runs `run` under the V8 sampling profiler of this process (node:inspector) and sums the samples by function:
 * where the time of one call goes, without changing the code profiled. Idle time (awaiting I/O) shows as "(idle)".
 */
export async function cpuProfile<T>(run: () => Promise<T>, intervalUs = 200): Promise<CpuProfileResult<T>> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
    await post(session, 'Profiler.start');
    const started = performance.now();
    const result = await run();
    const wallMs = performance.now() - started;
    const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    return { result, wallMs, functions: summariseProfile(profile) };
  } finally {
    session.disconnect();
  }
}

function summariseProfile(profile: Profile): ProfiledFunction[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (n: ProfileNode) => {
    const file = n.callFrame.url ? relative(process.cwd(), n.callFrame.url.replace(/^file:\/\//, '')) : '';
    return { name: n.callFrame.functionName || '(anonymous)', where: file ? `${file}:${n.callFrame.lineNumber + 1}` : '' };
  };
  const functions = new Map<string, ProfiledFunction>();
  const entry = (n: ProfileNode) => {
    const { name, where } = key(n);
    const id = `${name}@${where}`;
    let f = functions.get(id);
    if (!f) {
      f = { name, where, selfMs: 0, totalMs: 0 };
      functions.set(id, f);
    }
    return { id, f };
  };
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(sample);
    if (!node) return;
    entry(node).f.selfMs += ms;
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (!n) break;
      const e = entry(n);
      if (!seen.has(e.id)) {
        e.f.totalMs += ms;
        seen.add(e.id);
      }
    }
  });
  return [...functions.values()].sort((a, b) => b.selfMs - a.selfMs);
}
