import type { MigrationInterface, QueryRunner } from 'typeorm';

const INITIAL_CONFIG = {
  venture_capital: { thesisAreas: 3, stage: 2, ticket: 2, maturity: 1, text: 2, wantsInvestment: 2, fundCoversCompany: 2, ticketForCompany: 1 },
  tech_transfer: { companyAreas: 2, absorption: 1.5, collaboration: 2, offerAreas: 3, needsText: 2.5, wantsTechnology: 1.5 },
  minScore: 40,
  maxPerOrganisation: 25,
  stageTolerance: 1,
  ticketToleranceFactor: 10,
};

/**
 * Ranked matches of both areas and the versioned scoring configuration.
 *
 * A match joins a company with a fund (venture capital) or with a research centre's technology offer (tech
 * transfer). Reasons are stored as the factors' contributions in the scorer's fixed factor order (a real[] of a
 * few bytes, not labelled JSON): a full rescore writes hundreds of thousands of rows, and labels come from code.
 */
export class Matches1763942400000 implements MigrationInterface {
  name = 'Matches1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_configs (
        version integer NOT NULL,
        config jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_scoring_configs PRIMARY KEY (version),
        CONSTRAINT fk_scoring_configs_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_scoring_configs_version CHECK (version >= 1)
      )`);
    // Version 1, frozen here as it was shipped (DEFAULT_SCORING_CONFIG may move on).
    await q.query(`INSERT INTO scoring_configs (version, config) VALUES (1, $1)`, [JSON.stringify(INITIAL_CONFIG)]);

    await q.query(`
      CREATE TABLE matches (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        area text NOT NULL,
        company_id uuid NOT NULL,
        fund_id uuid,
        research_centre_id uuid,
        technology_offer_id uuid,
        score real NOT NULL,
        contributions real[] NOT NULL,
        config_version integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_matches PRIMARY KEY (id),
        CONSTRAINT fk_matches_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE,
        CONSTRAINT fk_matches_fund FOREIGN KEY (fund_id) REFERENCES funds (id) ON DELETE CASCADE,
        -- No key to research_centres: a centre's deletion reaches its matches through its offers' cascade, and
        -- a full rescore writes hundreds of thousands of rows, each key a lookup.
        CONSTRAINT fk_matches_technology_offer FOREIGN KEY (technology_offer_id) REFERENCES technology_offers (id) ON DELETE CASCADE,
        CONSTRAINT ck_matches_area CHECK (
          (area = 'venture_capital' AND fund_id IS NOT NULL AND research_centre_id IS NULL AND technology_offer_id IS NULL) OR
          (area = 'tech_transfer' AND fund_id IS NULL AND research_centre_id IS NOT NULL AND technology_offer_id IS NOT NULL)
        ),
        CONSTRAINT ck_matches_score CHECK (score >= 0 AND score <= 100)
      )`);
    // One pair per area. Partial: a row enters only its own area's index (a full rescore writes hundreds of
    // thousands of rows, each index entry a cost).
    await q.query(`CREATE UNIQUE INDEX uq_matches_venture_capital ON matches (company_id, fund_id) WHERE area = 'venture_capital'`);
    await q.query(`CREATE UNIQUE INDEX uq_matches_tech_transfer ON matches (company_id, technology_offer_id) WHERE area = 'tech_transfer'`);
    await q.query(`CREATE INDEX ix_matches_company ON matches (company_id, area, score DESC)`);
    await q.query(`CREATE INDEX ix_matches_fund ON matches (fund_id, score DESC) WHERE fund_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_matches_research_centre ON matches (research_centre_id, score DESC) WHERE research_centre_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_matches_technology_offer ON matches (technology_offer_id) WHERE technology_offer_id IS NOT NULL`);

    // Candidates of a full rescore, written by its chunk jobs and merged by its parent job (see FullRescore).
    await q.query(`
      CREATE TABLE match_candidates (
        run_id uuid NOT NULL,
        chunk integer NOT NULL,
        area text NOT NULL,
        company_id uuid NOT NULL,
        fund_id uuid,
        research_centre_id uuid,
        technology_offer_id uuid,
        score real NOT NULL,
        contributions real[] NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_match_candidates_run ON match_candidates (run_id, chunk)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS match_candidates`);
    await q.query(`DROP TABLE IF EXISTS matches`);
    await q.query(`DROP TABLE IF EXISTS scoring_configs`);
  }
}
