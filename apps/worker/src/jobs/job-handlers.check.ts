import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobName } from '@hub/core';
import { JobProcessor } from './job-processor';

/** Fails the worker's boot when a job name has no handler: a job nobody processes would wait forever. */
@Injectable()
export class JobHandlersCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const handled = new Set<string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof JobProcessor) for (const name of Object.keys(instance.handlers)) handled.add(name);
    }
    const missing = Object.values(JobName).filter((name) => !handled.has(name));
    if (missing.length > 0) throw new Error(`worker: no handler for job(s) ${missing.join(', ')}`);
  }
}
