import type { SearchDocument, SearchQuery, SearchResult } from '@hub/domain';

export type SearchEngine = 'postgresql' | 'meilisearch';

/**
 * The search index, whichever engine holds it. Two adapters: PostgreSQL full-text search (the embedded default)
 * and Meilisearch (when MEILI_URL is set). Both answer the same query with the same result shape; one contract
 * test suite runs against each.
 */
export abstract class SearchIndex {
  abstract readonly engine: SearchEngine;

  /** Creates the index and applies its settings; idempotent, called at worker boot and before a rebuild. */
  abstract prepare(): Promise<void>;

  /** Adds or replaces documents by id. */
  abstract upsert(documents: readonly SearchDocument[]): Promise<void>;

  /** Removes documents by id; unknown ids are ignored. */
  abstract remove(ids: readonly string[]): Promise<void>;

  abstract search(query: SearchQuery): Promise<SearchResult>;

  /**
   * Replaces the whole index with the documents the source yields, batch by batch; searches keep answering from
   * the old index until the new one is complete.
   */
  abstract rebuild(source: AsyncIterable<readonly SearchDocument[]>, onProgress: (indexed: number) => void): Promise<void>;

  /** How many documents the index holds. */
  abstract count(): Promise<number>;
}
