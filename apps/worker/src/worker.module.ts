import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, HealthModule, MetricsModule, NotificationsModule, QueueModule } from '@hub/core';
import { SchedulingProcessor } from './events/scheduling.processor';
import { JobHandlersCheck } from './jobs/job-handlers.check';
import { RescoreProcessor } from './matching/rescore.processor';
import { ScoringProcessor } from './matching/scoring.processor';
import { MeetingProposalsProcessor } from './meetings/meeting-proposals.processor';
import { MeetingsProcessor } from './meetings/meetings.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { SearchIndexingProcessor } from './search/search-indexing.processor';

/**
 * The worker's entry module: the same core as the api, plus the outbox relay and the BullMQ processors, and a
 * small HTTP server for /health, /ready and /metrics only. More worker processes, on any machine, share the load.
 */
@Module({
  imports: [CoreModule, HealthModule, MetricsModule, QueueModule, NotificationsModule, DiscoveryModule],
  providers: [OutboxRelay, SearchIndexingProcessor, ScoringProcessor, RescoreProcessor, MeetingsProcessor, MeetingProposalsProcessor, NotificationsProcessor, SchedulingProcessor, JobHandlersCheck],
})
export class WorkerModule {}
