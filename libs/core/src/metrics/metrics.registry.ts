import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one Prometheus registry (a Nest provider, so each api or worker process has exactly one; nothing
 * goes to prom-client's global registry). Default metrics: CPU, memory, event-loop lag, GC, handles.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export const MetricsRegistryProvider = { provide: Registry, useFactory: createMetricsRegistry };
