import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a search reads: the documents, and the vocabulary typos are corrected against. */
const SEARCH_TABLES = ['search_documents', 'search_terms'];
/** Statement triggers with the rows the statement changed (a transition table can serve one event only). */
const ROW_EVENTS = [
  ['inserted', 'INSERT', 'NEW'],
  ['updated', 'UPDATE', 'NEW'],
  ['deleted', 'DELETE', 'OLD'],
] as const;

/**
 * Every statement that changes what a search can return notifies `hub_search_changed` at commit, whoever runs it
 * (the worker's indexing, the cli's reindex, a restore, a TRUNCATE): the api processes' search result caches
 * listen and empty themselves (SearchResultCache). Once per statement, not per row, and PostgreSQL folds identical
 * notifications of one transaction into one, so a rebuild of thousands of documents sends one.
 *
 * A statement that changed no row stays silent: re-indexing a document whose content is unchanged (a re-delivered
 * job, an edit of a field the index does not hold) skips the row, and most vocabulary inserts add no new word, so
 * they leave every cache as it is. Each trigger sees the rows its statement changed (a transition table) and
 * notifies only if there are any; a TRUNCATE has none to show and always notifies.
 */
export class SearchCacheNotify1764806400000 implements MigrationInterface {
  name = 'SearchCacheNotify1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_search_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed_rows) THEN
          PERFORM pg_notify('hub_search_changed', '');
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION hub_search_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hub_search_changed', '');
        RETURN NULL;
      END
      $$`);
    for (const table of SEARCH_TABLES) {
      for (const [name, event, rows] of ROW_EVENTS) {
        await q.query(
          `CREATE TRIGGER tr_${table}_${name} AFTER ${event} ON ${table} REFERENCING ${rows} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_search_rows_changed()`,
        );
      }
      await q.query(`CREATE TRIGGER tr_${table}_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION hub_search_truncated()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SEARCH_TABLES) {
      for (const [name] of ROW_EVENTS) await q.query(`DROP TRIGGER tr_${table}_${name} ON ${table}`);
      await q.query(`DROP TRIGGER tr_${table}_truncated ON ${table}`);
    }
    await q.query(`DROP FUNCTION hub_search_truncated()`);
    await q.query(`DROP FUNCTION hub_search_rows_changed()`);
  }
}
