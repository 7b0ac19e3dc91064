import { Module } from '@nestjs/common';
import { EnvData } from '../config/env-data';
import { MeilisearchSearchIndex } from './meilisearch-search-index';
import { PostgresSearchIndex } from './postgres-search-index';
import { SearchDocumentSource } from './search-document.source';
import { SearchIndex } from './search-index.port';
import { SearchIndexingService } from './search-indexing.service';
import { SearchReindexService } from './search-reindex.service';
import { SearchResultCache } from './search-result-cache';
import { SearchService } from './search.service';

/** The search index port, bound to Meilisearch when MEILI_URL is set and to PostgreSQL otherwise. */
@Module({
  providers: [
    SearchResultCache,
    PostgresSearchIndex,
    MeilisearchSearchIndex,
    {
      provide: SearchIndex,
      inject: [EnvData, PostgresSearchIndex, MeilisearchSearchIndex],
      useFactory: (env: EnvData, postgres: PostgresSearchIndex, meilisearch: MeilisearchSearchIndex): SearchIndex => (env.meili ? meilisearch : postgres),
    },
    SearchDocumentSource,
    SearchIndexingService,
    SearchReindexService,
    SearchService,
  ],
  exports: [SearchIndex, SearchResultCache, SearchDocumentSource, SearchIndexingService, SearchReindexService, SearchService],
})
export class SearchModule {}
