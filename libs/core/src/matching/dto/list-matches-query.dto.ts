import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MATCH_AREAS, type MatchArea } from '@hub/domain';

export const MATCHES_LIMIT_MAX = 100;

export class ListMatchesQueryDto {
  @ApiPropertyOptional({ enum: MATCH_AREAS, description: 'both areas when omitted' })
  @IsOptional()
  @IsIn(MATCH_AREAS, { message: `area must be one of ${MATCH_AREAS.join(', ')}` })
  area?: MatchArea;

  @ApiPropertyOptional({ minimum: 1, maximum: MATCHES_LIMIT_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MATCHES_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;

  @ApiPropertyOptional({ description: 'staff only: the company, fund or research centre whose matches to list' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
