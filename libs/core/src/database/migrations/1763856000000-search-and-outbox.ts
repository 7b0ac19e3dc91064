import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Table, document type, and the column holding the organisation the row belongs to. */
const SOURCES: Array<[table: string, type: string, organisationColumn: string]> = [
  ['companies', 'company', 'id'],
  ['funds', 'fund', 'id'],
  ['research_centres', 'research_centre', 'id'],
  ['technology_offers', 'technology_offer', 'research_centre_id'],
];

/**
 * The embedded search index (PostgreSQL full-text search) and the transactional outbox.
 *
 * Outbox rows are written by triggers, in the transaction of the write itself, so every path that changes a
 * profile or an offer — API, CSV import, seeding, a cascade from a deleted organisation — is captured without
 * each service having to remember it. The worker's relay turns them into queue jobs and then deletes them.
 */
export class SearchAndOutbox1763856000000 implements MigrationInterface {
  name = 'SearchAndOutbox1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // `simple` (no stemming) because profiles mix Italian and English; unaccent so "sanità" matches "sanita".
    await q.query(`CREATE TEXT SEARCH CONFIGURATION hub_search (COPY = simple)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION hub_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`);

    // Rows are kept narrow (int ids instead of text keys, a stripped tsvector) so that a query matching half the
    // documents visits as few pages as possible: see docs/performance.md.
    await q.query(`
      CREATE TABLE search_documents (
        id uuid NOT NULL,
        type text NOT NULL,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        name_sort text NOT NULL,
        body text NOT NULL DEFAULT '',
        trl smallint,
        -- Facet values as ids of 'facet:value' keys (type, country, trl, stages and taxonomy codes): filters
        -- and facet counts read this one column.
        facet_ids integer[] NOT NULL DEFAULT '{}',
        -- Taxonomy concepts of the tags and of the taxonomy phrases in the text ("cuore" → cardiology), as
        -- ids: matched exactly through GIN instead of searching every synonym as text.
        concept_ids integer[] NOT NULL DEFAULT '{}',
        -- 0..63 from the id: facet counts over very large result sets are estimated from a fixed slice.
        sample_slot smallint NOT NULL,
        content_hash text NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        -- Stripped (no positions or weights): phrases are concepts and ranking reads name_tsv, so matching
        -- needs only the lexemes, and the row stays small.
        tsv tsvector GENERATED ALWAYS AS (strip(to_tsvector('hub_search'::regconfig, name || ' ' || body))) STORED,
        name_tsv tsvector GENERATED ALWAYS AS (to_tsvector('hub_search'::regconfig, name)) STORED,
        CONSTRAINT pk_search_documents PRIMARY KEY (id),
        CONSTRAINT ck_search_documents_type CHECK (type IN ('company', 'fund', 'research_centre', 'technology_offer')),
        CONSTRAINT ck_search_documents_trl CHECK (trl BETWEEN 1 AND 9),
        CONSTRAINT ck_search_documents_sample_slot CHECK (sample_slot BETWEEN 0 AND 63)
      )`);
    await q.query(`CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)`);
    await q.query(`CREATE INDEX ix_search_documents_concept_ids ON search_documents USING gin (concept_ids)`);
    await q.query(`CREATE INDEX ix_search_documents_facet_ids ON search_documents USING gin (facet_ids)`);
    await q.query(`CREATE INDEX ix_search_documents_name_sort ON search_documents (name_sort, id)`);
    await q.query(`CREATE INDEX ix_search_documents_sample_slot ON search_documents (sample_slot)`);
    // For a query with no words at all (only symbols): matched as text in the name.
    await q.query(`CREATE INDEX ix_search_documents_name_trgm ON search_documents USING gin (name gin_trgm_ops)`);

    // The index's vocabulary, for typo correction: a misspelt word is replaced by its nearest known words.
    await q.query(`CREATE TABLE search_terms (term text NOT NULL, CONSTRAINT pk_search_terms PRIMARY KEY (term))`);
    await q.query(`CREATE INDEX ix_search_terms_trgm ON search_terms USING gist (term gist_trgm_ops)`);

    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial NOT NULL,
        topic text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        -- The organisation the row belongs to (an offer's research centre), when there is one: work per
        -- organisation, such as scoring, is keyed by it.
        organisation_id uuid,
        -- What a consumer needs beyond the ids (e.g. when a meeting request expires).
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_outbox_events PRIMARY KEY (id),
        CONSTRAINT ck_outbox_events_aggregate_type CHECK (aggregate_type IN ('company', 'fund', 'research_centre', 'technology_offer', 'scoring_run', 'meeting_request'))
      )`);

    await q.query(`
      CREATE FUNCTION hub_outbox_capture() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
      BEGIN
        -- TG_ARGV: the document type, and the column naming the row's organisation.
        INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, organisation_id)
        VALUES ('document.changed', TG_ARGV[0], (changed ->> 'id')::uuid, (changed ->> TG_ARGV[1])::uuid);
        RETURN NULL;
      END
      $$`);
    // Any row added to the outbox, by a capture trigger or by a service, wakes the relay at commit: once per
    // statement, and identical notifications of one transaction are folded into one.
    await q.query(`
      CREATE FUNCTION hub_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hub_outbox', '');
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER tr_outbox_events_notify AFTER INSERT ON outbox_events FOR EACH STATEMENT EXECUTE FUNCTION hub_outbox_notify()`);
    for (const [table, type, organisationColumn] of SOURCES) {
      await q.query(
        `CREATE TRIGGER tr_${table}_outbox AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION hub_outbox_capture('${type}', '${organisationColumn}')`,
      );
      // Rows written before this migration reach the index too.
      await q.query(
        `INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, organisation_id) SELECT 'document.changed', '${type}', id, ${organisationColumn} FROM ${table}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of SOURCES) await q.query(`DROP TRIGGER IF EXISTS tr_${table}_outbox ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS hub_outbox_capture()`);
    await q.query(`DROP TABLE IF EXISTS outbox_events`);
    await q.query(`DROP FUNCTION IF EXISTS hub_outbox_notify()`);
    await q.query(`DROP TABLE IF EXISTS search_terms`);
    await q.query(`DROP TABLE IF EXISTS search_documents`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_search`);
  }
}
