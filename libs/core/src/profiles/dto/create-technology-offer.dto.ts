import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { COLLABORATION_TYPES, IP_STATUSES, type CollaborationType, type IpStatus } from '@hub/domain';
import { LIMITS } from '../../common/limits';
import { TaxonomyTagsDto } from './taxonomy-tags.dto';

export class CreateTechnologyOfferDto extends TaxonomyTagsDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  title: string;

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.longText })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.longText)
  description?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 5000,
    description: 'Confidential: shown to the centre, staff, and companies with an accepted meeting with the centre (never indexed)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  confidentialDetails?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 9 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @ApiPropertyOptional({ enum: IP_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(IP_STATUSES)
  ipStatus?: IpStatus | null;

  @ApiPropertyOptional({ enum: COLLABORATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(COLLABORATION_TYPES, { each: true })
  collaborationTypes?: CollaborationType[];
}
