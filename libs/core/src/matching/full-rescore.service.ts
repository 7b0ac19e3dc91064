import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TopN, toContributions, TtScorer, VcScorer, type CompiledCompany, type CompiledFund, type CompiledOffer } from '@hub/domain';
import { pairColumns, pairKey, type ScoredPair } from './match-pairs';
import { EnvData } from '../config/env-data';
import { ScoringConfigService } from './scoring-config.service';
import { ScoringCorpus } from './scoring-corpus';

/** A chunk covers the companies with from <= id < to (null: open end). */
export interface ChunkRange {
  from: string | null;
  to: string | null;
}

export interface ChunkOutcome {
  companies: number;
  pairsScored: number;
  candidates: number;
}

export interface MergeOutcome {
  venture_capital: number;
  tech_transfer: number;
}

interface Candidate extends ScoredPair {
  companyRank: number;
}

const byScore = (a: { score: number; key: string }, b: { score: number; key: string }) => b.score - a.score || (a.key < b.key ? -1 : 1);

/**
 * A full rescore in chunks that can run on any worker, in any order, and be retried: each chunk writes its
 * candidates under (run, chunk), replacing what an interrupted attempt left; the merge then selects exactly what
 * one pass over all pairs would (each organisation's best N, of either side) and replaces the matches in one
 * transaction. The same database gives the same matches, however the run was interrupted.
 */
@Injectable()
export class FullRescoreService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly corpus: ScoringCorpus,
    private readonly configs: ScoringConfigService,
    private readonly env: EnvData,
  ) {}

  /** Splits the companies into chunks by id (RESCORE_CHUNK_SIZE companies each; each scores against every fund and offer). */
  async plan(chunkSize = this.env.rescoreChunkSize): Promise<ChunkRange[]> {
    const bounds: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM companies) t WHERE (n - 1) % $1 = 0 ORDER BY id`,
      [chunkSize],
    );
    if (bounds.length === 0) return [{ from: null, to: null }];
    return bounds.map((b, i) => ({ from: i === 0 ? null : b.id, to: bounds[i + 1]?.id ?? null }));
  }

  async scoreChunk(runId: string, chunk: number, range: ChunkRange): Promise<ChunkOutcome> {
    const [corpus, config] = await Promise.all([this.corpus.load(runId), this.configs.current()]);
    const vc = new VcScorer(corpus.space, config);
    const tt = new TtScorer(corpus.space, config);
    const n = config.maxPerOrganisation;
    const companies = corpus.companies.filter((c) => (range.from === null || c.id >= range.from) && (range.to === null || c.id < range.to));
    const fundTop = new Map<string, TopN<Candidate>>();
    const centreTop = new Map<string, TopN<Candidate>>();
    const candidates = new Map<string, Candidate>();
    let pairsScored = 0;

    for (const company of companies) {
      const vcPairs: Array<{ score: number; key: string; fund: CompiledFund }> = [];
      for (const fund of corpus.funds) {
        const score = vc.score(company, fund);
        if (score >= config.minScore) vcPairs.push({ score, key: `${company.id}:${fund.id}`, fund });
      }
      const ttPairs: Array<{ score: number; key: string; offer: CompiledOffer }> = [];
      for (const offer of corpus.offers) {
        const score = tt.score(offer, company);
        if (score >= config.minScore) ttPairs.push({ score, key: `${company.id}:${offer.id}`, offer });
      }
      pairsScored += corpus.funds.length + corpus.offers.length;
      vcPairs.sort(byScore).forEach((p, i) => {
        const candidate = this.candidate(company, { fund: p.fund }, p.score, i + 1);
        if (i < n) candidates.set(p.key, candidate);
        top(fundTop, p.fund.id, n).offer(p.score, p.key, candidate);
      });
      ttPairs.sort(byScore).forEach((p, i) => {
        const candidate = this.candidate(company, { offer: p.offer }, p.score, i + 1);
        if (i < n) candidates.set(p.key, candidate);
        top(centreTop, p.offer.researchCentreId, n).offer(p.score, p.key, candidate);
      });
    }
    for (const tops of [fundTop, centreTop]) for (const best of tops.values()) for (const c of best.items()) candidates.set(pairKey(c), c);

    // Explained (and given their stored score) only now: a fraction of the pairs scored.
    const offers = new Map(corpus.offers.map((o) => [o.id, o]));
    const rows = [...candidates.values()];
    for (const c of rows) {
      const company = corpus.company(c.companyId) as CompiledCompany;
      const explanation =
        c.area === 'venture_capital'
          ? vc.explain(company, corpus.fund(c.fundId as string) as CompiledFund)
          : tt.explain(offers.get(c.technologyOfferId as string) as CompiledOffer, company);
      if (!explanation.excluded) {
        c.score = explanation.score;
        c.contributions = toContributions(c.area, explanation.reasons);
      }
    }

    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM match_candidates WHERE run_id = $1 AND chunk = $2`, [runId, chunk]);
      for (let start = 0; start < rows.length; start += 5000) {
        const batch = rows.slice(start, start + 5000);
        await manager.query(
          `INSERT INTO match_candidates (run_id, chunk, area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, company_rank)
           SELECT $10, $11, u.area, u.company_id, u.fund_id, u.research_centre_id, u.technology_offer_id, u.score,
                  ARRAY(SELECT jsonb_array_elements_text(u.contributions::jsonb)::real), u.company_rank
             FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::real[], $7::text[], $8::int[], $9::int[])
                  AS u(area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version, company_rank)`,
          [...pairColumns(batch, config.version), batch.map((c) => c.companyRank), runId, chunk],
        );
      }
    });
    return { companies: companies.length, pairsScored, candidates: rows.length };
  }

  /**
   * Selects, from every chunk's candidates, the pairs among the best N of their company or of their fund /
   * research centre (ties by company id, then counterpart), and makes them the matches, in one transaction.
   * Existing rows are updated in place, so a match keeps its id across rescores.
   */
  async merge(runId: string): Promise<MergeOutcome> {
    const config = await this.configs.current();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `CREATE TEMP TABLE rescored ON COMMIT DROP AS
         SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions
           FROM (SELECT c.*, row_number() OVER (
                   PARTITION BY c.area, coalesce(c.fund_id, c.research_centre_id)
                   ORDER BY c.score DESC, c.company_id, c.technology_offer_id) AS counterpart_rank
                   FROM match_candidates c WHERE c.run_id = $1) ranked
          WHERE company_rank <= $2 OR counterpart_rank <= $2`,
        [runId, config.maxPerOrganisation],
      );
      await manager.query(
        `DELETE FROM matches m WHERE NOT EXISTS (
           SELECT 1 FROM rescored r WHERE r.area = m.area AND r.company_id = m.company_id
              AND r.fund_id IS NOT DISTINCT FROM m.fund_id AND r.technology_offer_id IS NOT DISTINCT FROM m.technology_offer_id)`,
      );
      for (const [area, constraint] of [
        ['venture_capital', 'uq_matches_venture_capital'],
        ['tech_transfer', 'uq_matches_tech_transfer'],
      ]) {
        await manager.query(
          `INSERT INTO matches (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)
           SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, $2
             FROM rescored WHERE area = $1 ORDER BY company_id, coalesce(fund_id, technology_offer_id)
           ON CONFLICT ON CONSTRAINT ${constraint} DO UPDATE SET
             score = EXCLUDED.score, contributions = EXCLUDED.contributions, config_version = EXCLUDED.config_version, computed_at = now()`,
          [area, config.version],
        );
      }
      const counts: Array<{ area: keyof MergeOutcome; n: number }> = await manager.query(`SELECT area, count(*)::int AS n FROM rescored GROUP BY area`);
      await manager.query(`DELETE FROM match_candidates WHERE run_id = $1`, [runId]);
      const outcome: MergeOutcome = { venture_capital: 0, tech_transfer: 0 };
      for (const { area, n } of counts) outcome[area] = n;
      return outcome;
    });
  }

  private candidate(company: CompiledCompany, other: { fund?: CompiledFund; offer?: CompiledOffer }, score: number, companyRank: number): Candidate {
    return {
      area: other.fund ? 'venture_capital' : 'tech_transfer',
      companyId: company.id,
      fundId: other.fund?.id ?? null,
      researchCentreId: other.offer?.researchCentreId ?? null,
      technologyOfferId: other.offer?.id ?? null,
      score,
      contributions: [],
      companyRank,
    };
  }
}

function top(map: Map<string, TopN<Candidate>>, key: string, n: number): TopN<Candidate> {
  let best = map.get(key);
  if (!best) {
    best = new TopN<Candidate>(n);
    map.set(key, best);
  }
  return best;
}
