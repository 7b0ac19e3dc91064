import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobName } from '@hub/core';
import { JobHandlersCheck } from './job-handlers.check';
import { JobProcessor, type JobHandler } from './job-processor';

@Injectable()
class NoHandlers extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {};
}

@Injectable()
class AllHandlers extends JobProcessor {
  readonly handlers = Object.fromEntries(Object.values(JobName).map((name) => [name, async () => name])) as Partial<Record<JobName, JobHandler>>;
}

async function boot(processor: new () => JobProcessor): Promise<void> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [processor, JobHandlersCheck] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

describe('JobHandlersCheck', () => {
  it('refuses to boot a worker when a job name has no handler, naming it', async () => {
    await expect(boot(NoHandlers)).rejects.toThrow(`worker: no handler for job(s) ${Object.values(JobName).join(', ')}`);
  });

  it('boots when every job name has a handler', async () => {
    await expect(boot(AllHandlers)).resolves.toBeUndefined();
  });
});

describe('JobProcessor', () => {
  it('dispatches by job name and fails unknown names permanently', async () => {
    const processor = new AllHandlers();
    await expect(processor.process({ name: JobName.IndexDocument } as never)).resolves.toBe(JobName.IndexDocument);
    await expect(processor.process({ name: 'no-such-job' } as never)).rejects.toMatchObject({ name: 'UnrecoverableError' });
  });
});
