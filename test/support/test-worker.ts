import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EnvData, loadEnv } from '@hub/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The real worker (relay and processors) in the test process, on the test worker's database and Redis prefix.
 * It polls the outbox every 100 ms, so tests wait for little.
 */
export async function startTestWorker(overrides: Partial<EnvData> = {}): Promise<INestApplication> {
  const env: EnvData = { ...loadEnv(), outboxPollMs: 100, ...overrides };
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(EnvData).useValue(env).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** Thrown inside an `eventually` assertion to stop waiting at once (the awaited thing failed for good). */
export class GiveUp extends Error {}

/** Retries an assertion until it passes or the time is up (then its last failure is thrown). */
export async function eventually<T>(assertion: () => Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (error instanceof GiveUp || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
