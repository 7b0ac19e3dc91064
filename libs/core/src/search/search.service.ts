import { Injectable } from '@nestjs/common';
import { AppError, taxonomy, type SearchQuery, type SearchResult, type TaxonomyDimension } from '@hub/domain';
import { SEARCH_PAGE_MAX, type SearchQueryDto } from './dto/search-query.dto';
import { SearchIndex } from './search-index.port';

export interface SearchResponse extends SearchResult {
  tookMs: number;
}

/** A code and all its children: a cell-therapy filter also finds CAR-T. */
function withDescendants(dimension: TaxonomyDimension, codes: readonly string[] | undefined): string[] | undefined {
  if (!codes?.length) return undefined;
  return [...new Set(codes.flatMap((code) => [code, ...taxonomy.descendants(dimension, code)]))];
}

/** Search for signed-in users: turns the validated request into an index query and times the answer. */
@Injectable()
export class SearchService {
  constructor(private readonly index: SearchIndex) {}

  async search(dto: SearchQueryDto): Promise<SearchResponse> {
    if (dto.page !== undefined && dto.page > SEARCH_PAGE_MAX) {
      throw AppError.validation([{ field: 'page', rule: 'max', message: `page must not be greater than ${SEARCH_PAGE_MAX}` }]);
    }
    if (dto.trlMin !== undefined && dto.trlMax !== undefined && dto.trlMin > dto.trlMax) {
      throw AppError.validation([{ field: 'trlMin', rule: 'lessOrEqualTrlMax', message: 'trlMin must not be greater than trlMax' }]);
    }
    const query: SearchQuery = {
      q: dto.q,
      types: dto.type?.length ? [...new Set(dto.type)] : undefined,
      sectors: withDescendants('sectors', dto.sectors),
      therapeuticAreas: withDescendants('therapeuticAreas', dto.therapeuticAreas),
      modalities: withDescendants('modalities', dto.modalities),
      stages: dto.stages?.length ? [...new Set(dto.stages)] : undefined,
      countries: dto.country?.length ? [...new Set(dto.country)] : undefined,
      trlMin: dto.trlMin,
      trlMax: dto.trlMax,
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? 20,
    };
    const started = performance.now();
    const result = await this.index.search(query);
    return { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
