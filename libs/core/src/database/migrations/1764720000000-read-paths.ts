import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The search index's GIN indexes that every search reads (the name's trigram index serves symbol-only queries). */
const SEARCH_GIN_INDEXES = ['ix_search_documents_tsv', 'ix_search_documents_concept_ids', 'ix_search_documents_facet_ids'];

/**
 * The two busiest reads under load (issue 8: docs/performance.md, "Load"), the match list and search.
 *
 * A fund's or research centre's match list counts all its matches (the page's total) and ranks them by score and
 * id. With the id, and the columns the list's review test reads (the counterpart and the area), in the index,
 * both come from the index alone instead of a heap page per match: for a fund with 1,853 matches, 26 buffers instead
 * of 1,878. These replace the narrower indexes with the same leading columns and condition, so every query those
 * served is still served, and a rescore maintains as many indexes as before.
 *
 * GIN indexes take new entries into a pending list that every search reads through in full until it is merged (by
 * a vacuum, or by the insert that makes it longer than gin_pending_list_limit, 4 MB by default: ~500 pages). A
 * smaller limit keeps that read short between vacuums, at the price of merging more often as documents change.
 */
export class ReadPaths1764720000000 implements MigrationInterface {
  name = 'ReadPaths1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_matches_fund_ranked ON matches (fund_id, score DESC, id) INCLUDE (company_id, area) WHERE fund_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_matches_fund`);
    await q.query(
      `CREATE INDEX ix_matches_research_centre_ranked ON matches (research_centre_id, score DESC, id) INCLUDE (company_id, area) WHERE research_centre_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX ix_matches_research_centre`);
    for (const index of SEARCH_GIN_INDEXES) {
      await q.query(`ALTER INDEX ${index} SET (gin_pending_list_limit = 256)`);
      // What is pending now is merged at once, not at the next vacuum.
      await q.query(`SELECT gin_clean_pending_list('${index}'::regclass)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of SEARCH_GIN_INDEXES) await q.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    await q.query(`CREATE INDEX ix_matches_research_centre ON matches (research_centre_id, score DESC) WHERE research_centre_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_matches_research_centre_ranked`);
    await q.query(`CREATE INDEX ix_matches_fund ON matches (fund_id, score DESC) WHERE fund_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_matches_fund_ranked`);
  }
}
