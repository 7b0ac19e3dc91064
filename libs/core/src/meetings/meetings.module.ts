import { Module } from '@nestjs/common';
import { MeetingOutcomesService } from './meeting-outcomes.service';
import { MeetingProposalRunsService } from './meeting-proposal-runs.service';
import { MeetingProposalsService } from './meeting-proposals.service';
import { MeetingRequestsService } from './meeting-requests.service';

/** Meeting requests between organisations (the scheduler places the accepted ones). */
@Module({
  providers: [MeetingOutcomesService, MeetingRequestsService, MeetingProposalsService, MeetingProposalRunsService],
  exports: [MeetingOutcomesService, MeetingRequestsService, MeetingProposalsService, MeetingProposalRunsService],
})
export class MeetingsModule {}
