/** What the search index holds and answers: one shape for both adapters (PostgreSQL and Meilisearch). */

export const SEARCH_DOC_TYPES = ['company', 'fund', 'research_centre', 'technology_offer'] as const;
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number];

/** Facets every search answer counts, keyed by the API's parameter-style names. */
export const SEARCH_FACETS = ['type', 'sectors', 'therapeuticAreas', 'modalities', 'stages', 'country', 'trl'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/**
 * One searchable document, built only from fields every signed-in user may read: confidential company fields
 * (funding sought, IP status, technology needs) never reach it.
 */
export interface SearchDocument {
  /** The profile's id (= its organisation's id) or the technology offer's id. */
  id: string;
  type: SearchDocType;
  /** The organisation the document belongs to (a technology offer's research centre). */
  organisationId: string;
  name: string;
  /** Free text: pitch, description, thesis, city... */
  body: string;
  /** The labels (Italian and English) and synonyms of the document's taxonomy codes, so "oncologia" finds a tag. */
  taxonomyText: string;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  /** A company's stage, or the stages a fund invests in. */
  stages: string[];
  trl: number | null;
  country: string;
}

/** A query after validation; taxonomy filters already include each code's descendants. */
export interface SearchQuery {
  q?: string;
  types?: SearchDocType[];
  sectors?: string[];
  therapeuticAreas?: string[];
  modalities?: string[];
  stages?: string[];
  countries?: string[];
  trlMin?: number;
  trlMax?: number;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  type: SearchDocType;
  id: string;
  organisationId: string;
  name: string;
  /** A plain-text excerpt of the body around the first match (or its beginning when nothing matched there). */
  snippet: string;
  /** The words of name and snippet that matched the query, in order of appearance, for the UI to mark. */
  highlights: string[];
}

export type FacetCounts = Record<SearchFacet, Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  facets: FacetCounts;
  /** False when facet counts were estimated from a sample (very large result sets on the PostgreSQL index). */
  facetsExact: boolean;
  /** False when `total` was estimated from a sample (more than a few thousand matches on the PostgreSQL index). */
  totalExact: boolean;
  total: number;
  page: number;
  pageSize: number;
}

export function emptyFacets(): FacetCounts {
  return { type: {}, sectors: {}, therapeuticAreas: {}, modalities: {}, stages: {}, country: {}, trl: {} };
}
