import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitOffsetQueryDto } from '../../common/limit-offset.dto';
import type { MeetingProposalStatus } from '../meeting-proposal.view';

export const LISTED_PROPOSAL_STATUSES = ['open', 'accepted', 'dismissed'] as const;

export class ListMeetingProposalsQueryDto extends LimitOffsetQueryDto {
  @ApiPropertyOptional({ enum: LISTED_PROPOSAL_STATUSES, description: 'open and accepted when omitted; dismissed lists only those the organisation dismissed itself' })
  @IsOptional()
  @IsIn(LISTED_PROPOSAL_STATUSES, { message: `status must be one of ${LISTED_PROPOSAL_STATUSES.join(', ')}` })
  status?: MeetingProposalStatus;

  @ApiPropertyOptional({ description: 'staff only: whose proposals to list' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
