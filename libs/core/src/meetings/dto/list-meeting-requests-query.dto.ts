import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MEETING_REQUEST_STATUSES, type MeetingRequestStatus } from '@hub/domain';
import { LimitOffsetQueryDto } from '../../common/limit-offset.dto';

export class ListMeetingRequestsQueryDto extends LimitOffsetQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: 'both when omitted' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'], { message: 'direction must be incoming or outgoing' })
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: MEETING_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(MEETING_REQUEST_STATUSES, { message: `status must be one of ${MEETING_REQUEST_STATUSES.join(', ')}` })
  status?: MeetingRequestStatus;

  @ApiPropertyOptional({ description: 'staff only: whose requests to list' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
