import { Agent, request } from 'node:http';

/** One request of a load phase. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopResult {
  /** Milliseconds from each request's scheduled start to its response's end, in completion order. */
  latencies: number[];
  statuses: Record<string, number>;
  /** Connection errors and timeouts (no response). */
  errors: number;
  firstFailures: string[];
  /** Requests scheduled but not answered when the phase's time (plus the timeout) was up. */
  unfinished: number;
}

/**
 * An open-loop load generator: request i is sent at `start + i / rate`, whether or not earlier ones were
 * answered, over as many keep-alive connections as are needed (up to `maxConnections`). Latency counts from the
 * scheduled time, so time a request waited for a free connection is included (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it limits each connection to rate/connections requests per second and lets
 * each send them back to back from the start of every second, then pause. The server then sees, every second, a
 * burst of all connections at once and idles the rest of the second: the latency measured is that of a closed loop
 * of `connections` concurrent clients (p50 ≈ connections × service time), not that of a steady 300 requests/s.
 */
export async function runOpenLoop(options: {
  /** Servers taken in turn, request by request (several api processes, as behind a load balancer). */
  baseUrls: string[];
  rate: number;
  durationS: number;
  maxConnections: number;
  timeoutMs: number;
  next: () => LoadRequest;
  onResponse?: (status: number, body: string) => void;
}): Promise<OpenLoopResult> {
  const servers = options.baseUrls.map((url) => new URL(url));
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxConnections });
  const result: OpenLoopResult = { latencies: [], statuses: {}, errors: 0, firstFailures: [], unfinished: 0 };
  const total = Math.round(options.rate * options.durationS);
  const intervalMs = 1000 / options.rate;
  const start = performance.now();
  const pending = new Set<Promise<void>>();

  const send = (scheduledAt: number, req: LoadRequest, server: URL): Promise<void> =>
    new Promise<void>((resolve) => {
      const r = request(
        { host: server.hostname, port: server.port, method: req.method, path: req.path, agent, headers: { ...req.headers, ...(req.body ? { 'content-length': Buffer.byteLength(req.body) } : {}) } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            result.latencies.push(performance.now() - scheduledAt);
            result.statuses[status] = (result.statuses[status] ?? 0) + 1;
            if (status >= 400 && result.firstFailures.length < 5) result.firstFailures.push(`${status} ${body.slice(0, 200)}`);
            options.onResponse?.(status, body);
            resolve();
          });
        },
      );
      r.setTimeout(options.timeoutMs, () => r.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      r.on('error', (error: Error) => {
        result.errors++;
        if (result.firstFailures.length < 5) result.firstFailures.push(`request error: ${error.message}`);
        resolve();
      });
      if (req.body) r.write(req.body);
      r.end();
    });

  for (let i = 0; i < total; i++) {
    const scheduledAt = start + i * intervalMs;
    const wait = scheduledAt - performance.now();
    // setTimeout's granularity is about 1 ms: requests due within it go out now, with their scheduled time kept.
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const p = send(scheduledAt, options.next(), servers[i % servers.length]);
    pending.add(p);
    void p.then(() => pending.delete(p));
  }
  const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), options.timeoutMs + 1000));
  if ((await Promise.race([Promise.all(pending).then(() => 'done' as const), deadline])) === 'late') result.unfinished = pending.size;
  agent.destroy();
  return result;
}
