import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { STAGES, type Stage } from '@hub/domain';
import { LIMITS } from '../../common/limits';
import { NewProfileDto } from './new-profile.dto';
import { IsGeography, IsIsoCountry } from '../../common/validators';

export class CreateFundDto extends NewProfileDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  name: string;

  @ApiPropertyOptional({ nullable: true, description: 'management company' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.shortText)
  manager?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(LIMITS.url)
  website?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'IT' })
  @IsIsoCountry()
  country: string;

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.longText })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.longText)
  thesis?: string | null;

  @ApiPropertyOptional({ enum: STAGES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(STAGES, { each: true })
  stages?: Stage[];

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxEur)
  ticketMinEur?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxEur)
  ticketMaxEur?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxEur)
  fundSizeEur?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes, EU or WORLD' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsGeography()
  geographies?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  leadInvestor?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
