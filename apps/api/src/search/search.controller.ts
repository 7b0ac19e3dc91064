import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SearchQueryDto, SearchService, type SearchResponse } from '@hub/core';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Every signed-in user searches the same public fields: nothing confidential is in the index. */
  @Get()
  @ApiOperation({ summary: 'Search companies, funds, research centres and technology offers, with facets' })
  find(@Query() query: SearchQueryDto): Promise<SearchResponse> {
    return this.search.search(query);
  }
}
