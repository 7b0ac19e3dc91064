import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a search reads: the documents, and the vocabulary typos are corrected against. */
const SEARCH_TABLES = ['search_documents', 'search_terms'];

/**
 * Every statement that changes what a search can return notifies `hub_search_changed` at commit, whoever runs it
 * (the worker's indexing, the cli's reindex, a restore, a TRUNCATE): the api processes' search result caches
 * listen and empty themselves (SearchResultCache). Once per statement, not per row, and PostgreSQL folds identical
 * notifications of one transaction into one, so a rebuild of thousands of documents sends one.
 */
export class SearchCacheNotify1764806400000 implements MigrationInterface {
  name = 'SearchCacheNotify1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_search_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hub_search_changed', '');
        RETURN NULL;
      END
      $$`);
    for (const table of SEARCH_TABLES) {
      await q.query(
        `CREATE TRIGGER tr_${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION hub_search_changed_notify()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SEARCH_TABLES) await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
    await q.query(`DROP FUNCTION hub_search_changed_notify()`);
  }
}
