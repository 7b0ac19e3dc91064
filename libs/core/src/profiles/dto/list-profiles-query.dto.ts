import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { COMPANY_KINDS, RESEARCH_CENTRE_KINDS, STAGES, type CompanyKind, type ResearchCentreKind, type Stage } from '@hub/domain';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { IsIsoCountry, IsTaxonomyCode } from '../../common/validators';

/** Filters every profile list accepts; a taxonomy filter also matches the code's children (CAR-T under cell therapy). */
export class ListProfilesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'name contains (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTaxonomyCode('sectors', { each: false })
  sector?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTaxonomyCode('therapeuticAreas', { each: false })
  therapeuticArea?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTaxonomyCode('modalities', { each: false })
  modality?: string;

  @ApiPropertyOptional({ example: 'IT' })
  @IsOptional()
  @IsIsoCountry()
  country?: string;
}

export class ListCompaniesQueryDto extends ListProfilesQueryDto {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ enum: COMPANY_KINDS })
  @IsOptional()
  @IsIn(COMPANY_KINDS)
  kind?: CompanyKind;
}

export class ListFundsQueryDto extends ListProfilesQueryDto {
  @ApiPropertyOptional({ enum: STAGES, description: 'funds investing at this stage' })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class ListResearchCentresQueryDto extends ListProfilesQueryDto {
  @ApiPropertyOptional({ enum: RESEARCH_CENTRE_KINDS })
  @IsOptional()
  @IsIn(RESEARCH_CENTRE_KINDS)
  kind?: ResearchCentreKind;
}
