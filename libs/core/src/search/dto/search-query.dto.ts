import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SEARCH_DOC_TYPES, STAGES, type SearchDocType, type Stage } from '@hub/domain';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { IsIsoCountry, IsTaxonomyCode } from '../../common/validators';

export const SEARCH_Q_MAX_LENGTH = 200;
/** Deep pages are not what search is for (Meilisearch caps them too); listing endpoints page through everything. */
export const SEARCH_PAGE_MAX = 500;
const LIST_MAX = 50;

/** `a,b` and repeated parameters (`?x=a&x=b`) both give ['a', 'b']. */
const commaList = ({ value }: { value: unknown }): unknown => {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
};

const listDoc = (what: string) => `comma-separated ${what}; any of them matches (a taxonomy code also matches its children)`;

/**
 * GET /api/v1/search: every filter is optional; several filters narrow (AND), several values of one widen (OR).
 * `page` is further capped at SEARCH_PAGE_MAX by the service.
 */
export class SearchQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'words, in Italian or English; typos tolerated', maxLength: SEARCH_Q_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_Q_MAX_LENGTH, { message: `q must be at most ${SEARCH_Q_MAX_LENGTH} characters` })
  q?: string;

  @ApiPropertyOptional({ description: 'comma-separated document types', example: 'company,fund' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(SEARCH_DOC_TYPES.length)
  @IsIn(SEARCH_DOC_TYPES, { each: true, message: `each of type must be one of ${SEARCH_DOC_TYPES.join(', ')}` })
  type?: SearchDocType[];

  @ApiPropertyOptional({ description: listDoc('sector codes') })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsTaxonomyCode('sectors')
  sectors?: string[];

  @ApiPropertyOptional({ description: listDoc('therapeutic-area codes') })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsTaxonomyCode('therapeuticAreas')
  therapeuticAreas?: string[];

  @ApiPropertyOptional({ description: listDoc('modality codes') })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsTaxonomyCode('modalities')
  modalities?: string[];

  @ApiPropertyOptional({ description: 'comma-separated stages (a company at, or a fund investing at, any of them)' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(STAGES.length)
  @IsIn(STAGES, { each: true, message: `each of stages must be one of ${STAGES.join(', ')}` })
  stages?: Stage[];

  @ApiPropertyOptional({ minimum: 1, maximum: 9 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trlMin?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 9 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trlMax?: number;

  @ApiPropertyOptional({ description: 'comma-separated ISO 3166-1 alpha-2 codes', example: 'IT,CH' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsIsoCountry({ each: true })
  country?: string[];
}
