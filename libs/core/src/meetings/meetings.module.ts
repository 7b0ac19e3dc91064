import { Module } from '@nestjs/common';
import { MeetingRequestsService } from './meeting-requests.service';

/** Meeting requests between organisations (the scheduler places the accepted ones). */
@Module({
  providers: [MeetingRequestsService],
  exports: [MeetingRequestsService],
})
export class MeetingsModule {}
