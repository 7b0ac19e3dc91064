import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { AdminOverviewService } from './admin-overview.service';

/** Staff's view of the platform as a whole. */
@Module({
  imports: [QueueModule],
  providers: [AdminOverviewService],
  exports: [AdminOverviewService],
})
export class AdminModule {}
