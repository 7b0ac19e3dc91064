import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { RESEARCH_CENTRE_KINDS, type ResearchCentreKind } from '@hub/domain';
import { LIMITS } from '../../common/limits';
import { NewProfileDto } from './new-profile.dto';
import { IsIsoCountry } from '../../common/validators';

export class CreateResearchCentreDto extends NewProfileDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  name: string;

  @ApiProperty({ enum: RESEARCH_CENTRE_KINDS })
  @IsIn(RESEARCH_CENTRE_KINDS)
  kind: ResearchCentreKind;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'IT' })
  @IsIsoCountry()
  country: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.shortText)
  region?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.shortText)
  city?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(LIMITS.url)
  website?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.longText })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.longText)
  description?: string | null;
}
