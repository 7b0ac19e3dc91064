import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { SearchModule } from '../search/search.module';
import { HttpMetrics } from './http-metrics';
import { JobMetrics } from './job-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistryProvider } from './metrics.registry';
import { QueueDepthCollector } from './queue-depth.collector';
import { SearchCacheCollector } from './search-cache.collector';

/**
 * `/metrics` in Prometheus format for the process that imports it (api or worker): one registry per process with
 * the default process metrics, queue depth read from BullMQ at scrape time, HTTP latency (the api mounts
 * `HttpMetrics.middleware()`) and job durations and outcomes (the worker's `JobProcessor` records them), and the search result cache's lookups.
 */
@Module({
  imports: [QueueModule, SearchModule],
  controllers: [MetricsController],
  providers: [MetricsRegistryProvider, HttpMetrics, JobMetrics, QueueDepthCollector, SearchCacheCollector],
  exports: [MetricsRegistryProvider, HttpMetrics, JobMetrics],
})
export class MetricsModule {}
