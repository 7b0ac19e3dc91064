import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MATCH_AREAS, type MatchArea } from '@hub/domain';
import { LimitOffsetQueryDto } from '../../common/limit-offset.dto';

export const MATCH_REVIEW_FILTERS = ['open', 'unreviewed', 'shortlisted', 'declined', 'all'] as const;
export type MatchReviewFilter = (typeof MATCH_REVIEW_FILTERS)[number];

export class ListMatchesQueryDto extends LimitOffsetQueryDto {
  @ApiPropertyOptional({ enum: MATCH_AREAS, description: 'both areas when omitted' })
  @IsOptional()
  @IsIn(MATCH_AREAS, { message: `area must be one of ${MATCH_AREAS.join(', ')}` })
  area?: MatchArea;

  @ApiPropertyOptional({ enum: MATCH_REVIEW_FILTERS, description: 'open (default: all but declined), unreviewed, shortlisted, declined, all' })
  @IsOptional()
  @IsIn(MATCH_REVIEW_FILTERS, { message: `review must be one of ${MATCH_REVIEW_FILTERS.join(', ')}` })
  review?: MatchReviewFilter;

  @ApiPropertyOptional({ description: 'staff only: the company, fund or research centre whose matches to list' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
