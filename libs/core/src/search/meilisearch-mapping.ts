/**
 * Pure translation between the search port's shapes and Meilisearch's: settings, stored records, filter
 * expressions, search parameters and answers. No I/O, so every rule is unit-tested without a server.
 */
import {
  cropWords,
  highlightWords,
  STOP_WORDS,
  emptyFacets,
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  MAX_QUERY_TOKENS,
  MIN_TYPO_TOKEN_LENGTH,
  normalizeText,
  parseMarked,
  SEARCH_FACETS,
  searchSynonyms,
  stripMarkers,
  tokenize,
  type SearchDocument,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from '@hub/domain';
// The client ships ES modules only, with types reachable solely through its `exports` map, which the project's
// `moduleResolution: node` does not read; the resolution-mode attribute lets the type checker find them anyway.
import type { FacetDistribution, Hit, SearchParams, Settings } from 'meilisearch' with { 'resolution-mode': 'import' };

/** What the Meilisearch index stores: the document plus a normalised name to sort by when nothing is searched. */
export type MeiliDocument = SearchDocument & { nameSort: string };

/** Fields returned with every hit: the whole document, never the helper sort key. */
export const MEILI_DISPLAYED_ATTRIBUTES = [
  'id',
  'type',
  'organisationId',
  'name',
  'body',
  'taxonomyText',
  'sectors',
  'therapeuticAreas',
  'modalities',
  'stages',
  'trl',
  'country',
] as const satisfies readonly (keyof SearchDocument)[];

/** Words of body kept around the first match, matching the PostgreSQL adapter's snippet length. */
export const MEILI_CROP_LENGTH = 30;
/** Two typos only from this length on: shorter words have too many neighbours (same as Meilisearch's default). */
const MIN_TWO_TYPOS_LENGTH = 8;
const SORT_BY_NAME = 'nameSort:asc';

export function meiliSettings(): Settings {
  return {
    // Order is ranking weight: a match in the name beats one in the taxonomy labels, which beats the free text.
    searchableAttributes: ['name', 'taxonomyText', 'body'],
    filterableAttributes: ['type', 'organisationId', 'sectors', 'therapeuticAreas', 'modalities', 'stages', 'country', 'trl'],
    sortableAttributes: ['nameSort'],
    displayedAttributes: [...MEILI_DISPLAYED_ATTRIBUTES],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: MIN_TYPO_TOKEN_LENGTH, twoTypos: MIN_TWO_TYPOS_LENGTH } },
    // Facet counts must cover every taxonomy code, and totals must be exact well beyond Meilisearch's default 1000.
    faceting: { maxValuesPerFacet: 500 },
    pagination: { maxTotalHits: 100_000 },
    synonyms: searchSynonyms.toMeilisearch(),
    // The same function words the PostgreSQL adapter drops from queries.
    stopWords: [...STOP_WORDS].sort(),
  };
}

/** Copies field by field, so nothing a caller attached to the object beyond the contract reaches the index. */
export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  // Markers are stripped again here (idempotent) so a profile can never forge a highlight, whoever built the document.
  const name = stripMarkers(doc.name);
  return {
    id: doc.id,
    type: doc.type,
    organisationId: doc.organisationId,
    name,
    body: stripMarkers(doc.body),
    taxonomyText: stripMarkers(doc.taxonomyText),
    sectors: [...doc.sectors],
    therapeuticAreas: [...doc.therapeuticAreas],
    modalities: [...doc.modalities],
    stages: [...doc.stages],
    trl: doc.trl,
    country: doc.country,
    nameSort: normalizeText(name),
  };
}

/** A double-quoted filter literal: backslash first, then quote, so no value can close the string early. */
export function meiliFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function inList(attribute: string, values: readonly string[] | undefined): string[] {
  return values && values.length > 0 ? [`${attribute} IN [${values.map(meiliFilterValue).join(',')}]`] : [];
}

function bound(attribute: string, operator: '>=' | '<=', value: number | undefined): string[] {
  // A non-finite number would be a syntax error on the server, not a filter.
  return value !== undefined && Number.isFinite(value) ? [`${attribute} ${operator} ${value}`] : [];
}

/** One expression per given filter; Meilisearch ANDs the elements of a filter array. */
export function meiliFilter(query: SearchQuery): string[] {
  return [
    ...inList('type', query.types),
    ...inList('sectors', query.sectors),
    ...inList('therapeuticAreas', query.therapeuticAreas),
    ...inList('modalities', query.modalities),
    ...inList('stages', query.stages),
    ...inList('country', query.countries),
    ...bound('trl', '>=', query.trlMin),
    ...bound('trl', '<=', query.trlMax),
  ];
}

/** The query text as Meilisearch sees it: the same tokens the PostgreSQL adapter uses, so syntax never leaks in. */
export function meiliQueryText(q: string | undefined): string {
  return tokenize(q ?? '').slice(0, MAX_QUERY_TOKENS).join(' ');
}

/** Search parameters; `page` and `hitsPerPage` are required so the client types the answer with exact totals. */
export type MeiliSearchParams = SearchParams & { q: string; facets: string[]; page: number; hitsPerPage: number };

export function meiliSearchParams(query: SearchQuery): MeiliSearchParams {
  const q = meiliQueryText(query.q);
  const filter = meiliFilter(query);
  return {
    q,
    ...(filter.length > 0 ? { filter } : {}),
    facets: [...SEARCH_FACETS],
    page: query.page,
    hitsPerPage: query.pageSize,
    attributesToHighlight: ['name', 'body'],
    attributesToCrop: ['body'],
    cropLength: MEILI_CROP_LENGTH,
    cropMarker: '…',
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    // Without words there is no relevance to rank by: a stable alphabetical order instead of insertion order.
    ...(q.length === 0 ? { sort: [SORT_BY_NAME] } : {}),
  };
}

/** The part of a search answer the mapping reads; the client's `SearchResponse` satisfies it. */
export interface MeiliSearchAnswer {
  hits: Hit<MeiliDocument>[];
  facetDistribution?: FacetDistribution;
  totalHits: number;
}

/**
 * Meilisearch marks only the matched part of a word (the typed prefix "onco" in "Oncology"); the port promises
 * matched words, as PostgreSQL's headline gives them, so each mark is widened to the whole word around it.
 */
const PARTIAL_MARK = new RegExp(`([\\p{L}\\p{N}]*)${HIGHLIGHT_PRE}([^${HIGHLIGHT_POST}]*)${HIGHLIGHT_POST}([\\p{L}\\p{N}]*)`, 'gu');

function markedWords(formatted: string | undefined): string[] {
  if (formatted === undefined) return [];
  return parseMarked(formatted.replace(PARTIAL_MARK, `${HIGHLIGHT_PRE}$1$2$3${HIGHLIGHT_POST}`)).marked;
}

function toHit(hit: Hit<MeiliDocument>): SearchHit {
  const formattedName = typeof hit._formatted?.name === 'string' ? hit._formatted.name : undefined;
  const formattedBody = typeof hit._formatted?.body === 'string' ? hit._formatted.body : undefined;
  let snippet = '';
  if (hit.body.length > 0) {
    snippet = formattedBody !== undefined ? parseMarked(formattedBody).plain.trim() : cropWords(hit.body, MEILI_CROP_LENGTH);
  }
  return {
    type: hit.type,
    id: hit.id,
    organisationId: hit.organisationId,
    name: hit.name,
    snippet,
    highlights: highlightWords([...markedWords(formattedName), ...(hit.body.length > 0 ? markedWords(formattedBody) : [])]),
  };
}

export function fromMeiliResponse(response: MeiliSearchAnswer, query: SearchQuery): SearchResult {
  const facets = emptyFacets();
  for (const facet of SEARCH_FACETS) {
    const distribution = response.facetDistribution?.[facet];
    if (distribution) facets[facet] = { ...distribution };
  }
  return {
    hits: response.hits.map(toHit),
    facets,
    // Meilisearch counts facet values over every match (up to maxValuesPerFacet values per facet).
    facetsExact: true,
    // In page mode Meilisearch counts every match (up to maxTotalHits).
    totalExact: true,
    total: response.totalHits,
    page: query.page,
    pageSize: query.pageSize,
  };
}
