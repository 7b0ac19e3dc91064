import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { COMPANY_KINDS, IP_STATUSES, LOOKING_FOR, STAGES, type CompanyKind, type IpStatus, type LookingFor, type Stage } from '@hub/domain';
import { LIMITS } from '../../common/limits';
import { NewProfileDto } from './new-profile.dto';
import { IsIsoCountry } from '../../common/validators';

const CURRENT_YEAR = new Date().getUTCFullYear();

export class CreateCompanyDto extends NewProfileDto {
  @ApiProperty({ maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  name: string;

  @ApiProperty({ enum: COMPANY_KINDS })
  @IsIn(COMPANY_KINDS)
  kind: CompanyKind;

  @ApiPropertyOptional({ nullable: true, example: 'https://example.org' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(LIMITS.url)
  website?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'IT' })
  @IsIsoCountry()
  country: string;

  @ApiPropertyOptional({ nullable: true, example: 'Lombardia' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.shortText)
  region?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Milano' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.shortText)
  city?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: LIMITS.minFoundedYear, maximum: CURRENT_YEAR })
  @IsOptional()
  @IsInt()
  @Min(LIMITS.minFoundedYear)
  @Max(CURRENT_YEAR)
  foundedYear?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxEmployees)
  employees?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.pitch })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.pitch)
  pitch?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.longText })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.longText)
  description?: string | null;

  @ApiPropertyOptional({ enum: STAGES, nullable: true })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 9, description: 'technology readiness level' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0, description: 'confidential: members and staff only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxEur)
  fundingSoughtEur?: number | null;

  @ApiPropertyOptional({ enum: IP_STATUSES, nullable: true, description: 'confidential: members and staff only' })
  @IsOptional()
  @IsIn(IP_STATUSES)
  ipStatus?: IpStatus | null;

  @ApiPropertyOptional({ enum: LOOKING_FOR, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(LOOKING_FOR, { each: true })
  lookingFor?: LookingFor[];

  @ApiPropertyOptional({ nullable: true, maxLength: LIMITS.longText, description: 'confidential: members and staff only' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.longText)
  technologyNeeds?: string | null;
}
