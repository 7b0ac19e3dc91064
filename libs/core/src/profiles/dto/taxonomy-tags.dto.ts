import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional } from 'class-validator';
import type { TaxonomyDimension } from '@hub/domain';
import { LIMITS } from '../../common/limits';
import { IsTaxonomyCode } from '../../common/validators';

/** An optional list of distinct codes of one taxonomy dimension. */
function TaxonomyCodes(dimension: TaxonomyDimension): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description: `codes of the ${dimension} taxonomy (GET /api/v1/taxonomy)` }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIMITS.codesPerField),
    ArrayUnique(),
    IsTaxonomyCode(dimension),
  );
}

/** The three taxonomy dimensions every profile and technology offer is tagged with. */
export class TaxonomyTagsDto {
  @TaxonomyCodes('sectors')
  sectors?: string[];

  @TaxonomyCodes('therapeuticAreas')
  therapeuticAreas?: string[];

  @TaxonomyCodes('modalities')
  modalities?: string[];
}
