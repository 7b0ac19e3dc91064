import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsTaxonomyCode } from '../../common/validators';
import { MATCH_AREAS, STAGES, type MatchArea, type Stage } from '@hub/domain';
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

  @ApiPropertyOptional({ description: "counterpart's sector (a code; its children match too)" })
  @IsOptional()
  @IsTaxonomyCode('sectors', { each: false })
  sector?: string;

  @ApiPropertyOptional({ description: "counterpart's therapeutic area (a code; its children match too)" })
  @IsOptional()
  @IsTaxonomyCode('therapeuticAreas', { each: false })
  therapeuticArea?: string;

  @ApiPropertyOptional({ description: "counterpart's modality (a code; its children match too)" })
  @IsOptional()
  @IsTaxonomyCode('modalities', { each: false })
  modality?: string;

  @ApiPropertyOptional({ enum: STAGES, description: "the company's stage (for funds and centres), or a stage the fund invests at (for companies)" })
  @IsOptional()
  @IsIn(STAGES, { message: `stage must be one of ${STAGES.join(', ')}` })
  stage?: Stage;

  @ApiPropertyOptional({ description: 'staff only: the company, fund or research centre whose matches to list' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
