import { Module } from '@nestjs/common';
import { CoreModule, HealthModule } from '@hub/core';

/**
 * The worker's entry module: the same core as the api, plus (from the indexing and scoring issues on) the
 * BullMQ processors, and a small HTTP server for /health and /ready only.
 */
@Module({
  imports: [CoreModule, HealthModule],
})
export class WorkerModule {}
