import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  cropWords,
  emptyFacets,
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  highlightWords,
  parseMarked,
  planQuery,
  searchSynonyms,
  tokenize,
  type QueryGroup,
  type SearchDocType,
  type SearchDocument,
  type SearchFacet,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from '@hub/domain';
import { likeContains } from '../profiles/profile-store';
import { SearchDocumentBuilder } from './search-document.builder';
import { SearchIndex } from './search-index.port';

/** A misspelt word is replaced by at most this many known words... */
const MAX_CORRECTIONS = 3;
/** ...each at least this similar (trigram similarity, 0–1): "cardiolgy" ~ "cardiology" is 0.62... */
const MIN_CORRECTION_SIMILARITY = 0.45;
/** ...and nearly as similar as the best one, so a clear correction is not diluted by remote neighbours. */
const CORRECTION_SPREAD = 0.1;
const SNIPPET_WORDS = 30;
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_PRE}, StopSel=${HIGHLIGHT_POST}, MaxWords=${SNIPPET_WORDS}, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "`;
const NAME_HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_PRE}, StopSel=${HIGHLIGHT_POST}, HighlightAll=true`;
const UPSERT_CHUNK = 500;

interface HitRow {
  id: string;
  type: SearchDocType;
  organisation_id: string;
  name: string;
  body: string;
  name_marked: string | null;
  body_marked: string | null;
}

interface FacetRow {
  facet: SearchFacet | 'total';
  code: string | null;
  n: number;
}

/** Builds a parameterised WHERE clause; values never enter the SQL text. */
class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(sql: (placeholder: string) => string, value: unknown): void {
    this.params.push(value);
    this.clauses.push(sql(`$${this.params.length}`));
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** The tsquery text of planned groups: words are letters and digits only, so the syntax is ours alone. */
export function toTsQuery(groups: readonly QueryGroup[], corrections: ReadonlyMap<string, readonly string[]>): string {
  return groups
    .map((group) => {
      const alternatives = group.alternatives.map((tokens) => (tokens.length === 1 && group.prefix ? `${tokens[0]}:*` : tokens.join(' <-> ')));
      if (group.typoCandidate) alternatives.push(...(corrections.get(group.typoCandidate) ?? []));
      return `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

function contentHash(doc: SearchDocument): string {
  return createHash('sha1').update(JSON.stringify(doc)).digest('base64');
}

/**
 * The embedded search index: PostgreSQL full-text search over `search_documents` (tsvector with unaccent, GIN),
 * typo tolerance from a trigram index over the index's vocabulary, taxonomy synonyms expanded into the tsquery,
 * facet counts in SQL.
 */
@Injectable()
export class PostgresSearchIndex extends SearchIndex {
  readonly engine = 'postgresql' as const;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  /** The table, configuration and indexes come from migrations: nothing to prepare. */
  async prepare(): Promise<void> {}

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    await this.write(this.dataSource.manager, documents);
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.dataSource.query(`DELETE FROM search_documents WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM search_documents`);
    return row.n;
  }

  /** One transaction: readers see the old index until the new one is committed whole. */
  async rebuild(source: AsyncIterable<readonly SearchDocument[]>, onProgress: (indexed: number) => void): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM search_documents`);
      let indexed = 0;
      for await (const batch of source) {
        await this.write(manager, batch);
        indexed += batch.length;
        onProgress(indexed);
      }
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const groups = planQuery(query.q, searchSynonyms);
    const corrections = await this.corrections(groups);
    const conditions = new Conditions();
    const tsQuery = groups.length > 0 ? toTsQuery(groups, corrections) : null;
    let queryParam: string | null = null;
    if (tsQuery) {
      queryParam = conditions.param(tsQuery);
      conditions.clauses.push(`d.tsv @@ to_tsquery('hub_search', ${queryParam})`);
    } else if (query.q && query.q.trim().length > 0) {
      // Nothing searchable as words (only symbols or emoji): look for the text itself in names.
      conditions.add((p) => `d.name ILIKE ${p} ESCAPE '\\'`, likeContains(query.q.trim()));
    }
    if (query.types?.length) conditions.add((p) => `d.type = ANY(${p}::text[])`, query.types);
    if (query.sectors?.length) conditions.add((p) => `d.sectors && ${p}::text[]`, query.sectors);
    if (query.therapeuticAreas?.length) conditions.add((p) => `d.therapeutic_areas && ${p}::text[]`, query.therapeuticAreas);
    if (query.modalities?.length) conditions.add((p) => `d.modalities && ${p}::text[]`, query.modalities);
    if (query.stages?.length) conditions.add((p) => `d.stages && ${p}::text[]`, query.stages);
    if (query.countries?.length) conditions.add((p) => `d.country = ANY(${p}::bpchar[])`, query.countries);
    if (query.trlMin !== undefined) conditions.add((p) => `d.trl >= ${p}`, query.trlMin);
    if (query.trlMax !== undefined) conditions.add((p) => `d.trl <= ${p}`, query.trlMax);

    const [hits, facets] = await Promise.all([this.hits(query, conditions, queryParam), this.facets(conditions)]);
    return { hits, facets: facets.facets, total: facets.total, page: query.page, pageSize: query.pageSize };
  }

  private async hits(query: SearchQuery, conditions: Conditions, queryParam: string | null): Promise<SearchHit[]> {
    const params = [...conditions.params, query.pageSize, (query.page - 1) * query.pageSize];
    const limit = `$${params.length - 1}`;
    const offset = `$${params.length}`;
    const tsq = queryParam ? `to_tsquery('hub_search', ${queryParam})` : null;
    const rank = tsq ? `ts_rank(d.tsv, ${tsq})` : '0::real';
    // Headlines are computed for the page only: ts_headline re-parses the text and costs far more than ranking.
    const rows: HitRow[] = await this.dataSource.query(
      `SELECT p.id, p.type, p.organisation_id, p.name, p.body,
              ${tsq ? `ts_headline('hub_search', p.name, ${tsq}, '${NAME_HEADLINE_OPTIONS}')` : 'NULL'} AS name_marked,
              ${tsq ? `ts_headline('hub_search', p.body, ${tsq}, '${HEADLINE_OPTIONS}')` : 'NULL'} AS body_marked
         FROM (SELECT d.id, d.type, d.organisation_id, d.name, d.body, d.name_sort, ${rank} AS rank FROM search_documents d ${conditions.where}
                ORDER BY rank DESC, d.name_sort, d.id LIMIT ${limit} OFFSET ${offset}) p
        ORDER BY p.rank DESC, p.name_sort, p.id`,
      params,
    );
    return rows.map((row) => this.toHit(row));
  }

  private toHit(row: HitRow): SearchHit {
    const name = parseMarked(row.name_marked ?? row.name);
    const body = row.body_marked !== null ? parseMarked(row.body_marked) : { plain: row.body, marked: [] };
    const snippet = body.plain.length > 0 ? cropWords(body.plain, SNIPPET_WORDS) : '';
    return {
      type: row.type,
      id: row.id,
      organisationId: row.organisation_id,
      name: row.name,
      snippet,
      highlights: highlightWords([...name.marked, ...body.marked]),
    };
  }

  private async facets(conditions: Conditions): Promise<{ total: number; facets: SearchResult['facets'] }> {
    const rows: FacetRow[] = await this.dataSource.query(
      `WITH m AS MATERIALIZED (
         SELECT d.type, d.sectors, d.therapeutic_areas, d.modalities, d.stages, d.country, d.trl FROM search_documents d ${conditions.where}
       )
       SELECT 'total' AS facet, NULL AS code, count(*)::int AS n FROM m
       UNION ALL SELECT 'type', type, count(*)::int FROM m GROUP BY type
       UNION ALL SELECT 'sectors', c, count(*)::int FROM m CROSS JOIN LATERAL unnest(m.sectors) c GROUP BY c
       UNION ALL SELECT 'therapeuticAreas', c, count(*)::int FROM m CROSS JOIN LATERAL unnest(m.therapeutic_areas) c GROUP BY c
       UNION ALL SELECT 'modalities', c, count(*)::int FROM m CROSS JOIN LATERAL unnest(m.modalities) c GROUP BY c
       UNION ALL SELECT 'stages', c, count(*)::int FROM m CROSS JOIN LATERAL unnest(m.stages) c GROUP BY c
       UNION ALL SELECT 'country', country, count(*)::int FROM m GROUP BY country
       UNION ALL SELECT 'trl', trl::text, count(*)::int FROM m WHERE trl IS NOT NULL GROUP BY trl`,
      conditions.params,
    );
    const facets = emptyFacets();
    let total = 0;
    for (const row of rows) {
      if (row.facet === 'total') total = row.n;
      else if (row.code !== null) facets[row.facet][row.code] = row.n;
    }
    return { total, facets };
  }

  /** Nearest known words for the query's words the index does not know (none for known words). */
  private async corrections(groups: readonly QueryGroup[]): Promise<Map<string, string[]>> {
    const candidates = [...new Set(groups.map((g) => g.typoCandidate).filter((t): t is string => t !== null))];
    const corrections = new Map<string, string[]>();
    if (candidates.length === 0) return corrections;
    const rows: Array<{ tok: string; term: string; sim: number }> = await this.dataSource.query(
      `SELECT c.tok, t.term, similarity(t.term, c.tok) AS sim
         FROM unnest($1::text[]) AS c(tok)
         CROSS JOIN LATERAL (SELECT term FROM search_terms ORDER BY term <-> c.tok LIMIT ${MAX_CORRECTIONS + 1}) t`,
      [candidates],
    );
    const known = new Set(rows.filter((r) => r.term === r.tok).map((r) => r.tok));
    const best = new Map<string, number>();
    for (const row of rows) best.set(row.tok, Math.max(best.get(row.tok) ?? 0, row.sim));
    for (const row of rows) {
      if (known.has(row.tok) || row.sim < MIN_CORRECTION_SIMILARITY || row.sim < (best.get(row.tok) ?? 0) - CORRECTION_SPREAD) continue;
      const list = corrections.get(row.tok) ?? [];
      if (list.length < MAX_CORRECTIONS) list.push(row.term);
      corrections.set(row.tok, list);
    }
    return corrections;
  }

  private async write(manager: EntityManager, documents: readonly SearchDocument[]): Promise<void> {
    for (let start = 0; start < documents.length; start += UPSERT_CHUNK) {
      const chunk = documents.slice(start, start + UPSERT_CHUNK);
      const columns = {
        id: chunk.map((d) => d.id),
        type: chunk.map((d) => d.type),
        organisation_id: chunk.map((d) => d.organisationId),
        name: chunk.map((d) => d.name),
        name_sort: chunk.map((d) => SearchDocumentBuilder.sortKey(d.name)),
        body: chunk.map((d) => d.body),
        taxonomy_text: chunk.map((d) => d.taxonomyText),
        // Arrays of arrays do not bind as parameters; PostgreSQL array literals as text do.
        sectors: chunk.map((d) => JSON.stringify(d.sectors)),
        therapeutic_areas: chunk.map((d) => JSON.stringify(d.therapeuticAreas)),
        modalities: chunk.map((d) => JSON.stringify(d.modalities)),
        stages: chunk.map((d) => JSON.stringify(d.stages)),
        trl: chunk.map((d) => d.trl),
        country: chunk.map((d) => d.country),
        content_hash: chunk.map(contentHash),
      };
      // A re-delivered job writes the same content: the WHERE skips the row (no new tuple, no index churn).
      await manager.query(
        `INSERT INTO search_documents (id, type, organisation_id, name, name_sort, body, taxonomy_text, sectors, therapeutic_areas, modalities, stages, trl, country, content_hash)
         SELECT u.id, u.type, u.organisation_id, u.name, u.name_sort, u.body, u.taxonomy_text,
                ARRAY(SELECT jsonb_array_elements_text(u.sectors::jsonb)),
                ARRAY(SELECT jsonb_array_elements_text(u.therapeutic_areas::jsonb)),
                ARRAY(SELECT jsonb_array_elements_text(u.modalities::jsonb)),
                ARRAY(SELECT jsonb_array_elements_text(u.stages::jsonb)),
                u.trl, u.country, u.content_hash
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::smallint[], $13::text[], $14::text[])
                AS u(id, type, organisation_id, name, name_sort, body, taxonomy_text, sectors, therapeutic_areas, modalities, stages, trl, country, content_hash)
         ON CONFLICT (id) DO UPDATE SET
           type = EXCLUDED.type, organisation_id = EXCLUDED.organisation_id, name = EXCLUDED.name, name_sort = EXCLUDED.name_sort,
           body = EXCLUDED.body, taxonomy_text = EXCLUDED.taxonomy_text, sectors = EXCLUDED.sectors,
           therapeutic_areas = EXCLUDED.therapeutic_areas, modalities = EXCLUDED.modalities, stages = EXCLUDED.stages,
           trl = EXCLUDED.trl, country = EXCLUDED.country, content_hash = EXCLUDED.content_hash, indexed_at = now()
         WHERE search_documents.content_hash <> EXCLUDED.content_hash`,
        Object.values(columns),
      );
      const terms = new Set<string>();
      for (const doc of chunk) for (const token of tokenize(`${doc.name} ${doc.body} ${doc.taxonomyText}`)) terms.add(token);
      // Sorted, so concurrent writers take the unique-index locks in the same order (no deadlock).
      await manager.query(`INSERT INTO search_terms (term) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`, [[...terms].sort()]);
    }
  }
}
