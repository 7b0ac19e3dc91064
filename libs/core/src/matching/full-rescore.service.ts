import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TopN, toContributions, TtScorer, VcScorer, withFeedback, type CompiledCompany, type CompiledFund, type CompiledOffer } from '@hub/domain';
import { PAIR_CONFLICT, pairColumns, pairKey, PAIRS_FROM_PARAMS, scoredPair, UPDATE_PAIR_ON_CONFLICT, upsertPairs, type ScoredPair } from './match-pairs';
import { EnvData } from '../config/env-data';
import { ScoringConfigService } from './scoring-config.service';
import { ScoringCorpus } from './scoring-corpus';
import { ScoringFeedbackLoader } from './scoring-feedback.loader';

/** A chunk covers the companies with from <= id < to (null: open end). */
export interface ChunkRange {
  from: string | null;
  to: string | null;
}

export interface ChunkOutcome {
  companies: number;
  pairsScored: number;
  /** Pairs among their company's best N, written to matches. */
  kept: number;
  /** Pairs only among their counterpart's best N in this chunk, left for the merge. */
  candidates: number;
}

export interface MergeOutcome {
  venture_capital: number;
  tech_transfer: number;
}

type Candidate = ScoredPair;

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
    private readonly feedbackLoader: ScoringFeedbackLoader,
  ) {}

  /** Splits the companies into chunks by id (RESCORE_CHUNK_SIZE companies each; each scores against every fund and offer). */
  async plan(chunkSize = this.env.rescoreChunkSize): Promise<{ startedAt: string; ranges: ChunkRange[] }> {
    const [{ now }] = await this.dataSource.query(`SELECT now() AS now`);
    const bounds: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM companies) t WHERE (n - 1) % $1 = 0 ORDER BY id`,
      [chunkSize],
    );
    const ranges = bounds.length === 0 ? [{ from: null, to: null }] : bounds.map((b, i) => ({ from: i === 0 ? null : b.id, to: bounds[i + 1]?.id ?? null }));
    return { startedAt: new Date(now).toISOString(), ranges };
  }

  /**
   * Scores the chunk's companies against every fund and offer. Each company's own best N pairs are final
   * whatever the counterparts' rankings: they go straight into `matches`. The pairs that are only among a
   * counterpart's best N within this chunk are candidates, for the merge to rank across chunks.
   */
  async scoreChunk(runId: string, chunk: number, range: ChunkRange): Promise<ChunkOutcome> {
    const [corpus, config] = await Promise.all([this.corpus.load(runId), this.configs.current()]);
    const feedback = await this.feedbackLoader.load(corpus);
    const vc = new VcScorer(corpus.space, config);
    const tt = new TtScorer(corpus.space, config);
    const n = config.maxPerOrganisation;
    const companies = corpus.companies.filter((c) => (range.from === null || c.id >= range.from) && (range.to === null || c.id < range.to));
    const fundTop = new Map<string, TopN<Candidate>>();
    const centreTop = new Map<string, TopN<Candidate>>();
    const direct = new Map<string, Candidate>();
    let pairsScored = 0;

    for (const company of companies) {
      const ownVc = new TopN<Candidate>(n);
      for (const fund of corpus.funds) {
        let score = vc.score(company, fund);
        // Feedback only lowers scores: only pairs that pass without it can be changed by it.
        if (score >= config.minScore) score *= feedback.vc(company, fund);
        if (score >= config.minScore) this.admit(ownVc, top(fundTop, fund.id, n), score, company, fund, null);
      }
      const ownTt = new TopN<Candidate>(n);
      for (const offer of corpus.offers) {
        let score = tt.score(offer, company);
        if (score >= config.minScore) score *= feedback.tt(offer, company);
        if (score >= config.minScore) this.admit(ownTt, top(centreTop, offer.researchCentreId, n), score, company, null, offer);
      }
      pairsScored += corpus.funds.length + corpus.offers.length;
      for (const candidate of [...ownVc.items(), ...ownTt.items()]) direct.set(pairKey(candidate), candidate);
    }
    const extras = new Map<string, Candidate>();
    for (const tops of [fundTop, centreTop]) {
      for (const best of tops.values()) {
        for (const candidate of best.items()) {
          const key = pairKey(candidate);
          if (!direct.has(key)) extras.set(key, candidate);
        }
      }
    }

    // Explained (and given their stored score) only now: a small fraction of the pairs scored.
    const kept = [...direct.values()];
    const candidates = [...extras.values()];
    for (const c of [...kept, ...candidates]) {
      const company = corpus.company(c.companyId) as CompiledCompany;
      const fund = c.area === 'venture_capital' ? (corpus.fund(c.fundId as string) as CompiledFund) : null;
      const offer = fund ? null : (corpus.offer(c.technologyOfferId as string) as CompiledOffer);
      const explanation = fund ? vc.explain(company, fund) : tt.explain(offer as CompiledOffer, company);
      if (!explanation.excluded) {
        const adjusted = withFeedback(explanation.score, explanation.reasons, fund ? feedback.vcParts(company, fund) : feedback.ttParts(offer as CompiledOffer, company));
        c.score = adjusted.score;
        c.contributions = toContributions(c.area, adjusted.reasons);
      }
    }

    await this.dataSource.transaction(async (manager) => {
      for (const area of ['venture_capital', 'tech_transfer'] as const) await upsertPairs(manager, area, kept, config.version);
      await manager.query(`DELETE FROM match_candidates WHERE run_id = $1 AND chunk = $2`, [runId, chunk]);
      for (let start = 0; start < candidates.length; start += 5000) {
        const batch = candidates.slice(start, start + 5000);
        await manager.query(
          `INSERT INTO match_candidates (run_id, chunk, area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions)
           SELECT $11, $12, p.area, p.company_id, p.fund_id, p.research_centre_id, p.technology_offer_id, p.score, p.contributions
             FROM (${PAIRS_FROM_PARAMS}) AS p (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)`,
          [...pairColumns(batch, config.version), runId, chunk],
        );
      }
    });
    return { companies: companies.length, pairsScored, kept: kept.length, candidates: candidates.length };
  }

  /**
   * Completes the run: among the pairs written since it started (every company's best N, and pairs rescored
   * meanwhile) and the chunks' candidates, each fund's and research centre's best N are kept too (ties by company
   * id, then offer); everything not refreshed since the run started is deleted. One transaction. Rows keep their
   * ids across rescores.
   */
  async merge(runId: string, startedAt: string): Promise<MergeOutcome> {
    const config = await this.configs.current();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The ranking sorts every fresh pair once; in memory rather than on disk.
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      for (const area of ['venture_capital', 'tech_transfer'] as const) {
        await manager.query(
          `INSERT INTO matches (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)
           SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, $3
             FROM (SELECT p.*, row_number() OVER (
                     PARTITION BY coalesce(p.fund_id, p.research_centre_id)
                     ORDER BY p.score DESC, p.company_id, p.technology_offer_id) AS counterpart_rank
                     FROM (SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, false AS candidate
                             FROM matches WHERE area = $5 AND computed_at >= $2
                           UNION ALL
                           SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, true
                             FROM match_candidates WHERE run_id = $1 AND area = $5) p) ranked
            WHERE candidate AND counterpart_rank <= $4
            ORDER BY company_id, coalesce(fund_id, technology_offer_id)
           ON CONFLICT ${PAIR_CONFLICT[area]} DO UPDATE SET ${UPDATE_PAIR_ON_CONFLICT}`,
          [runId, startedAt, config.version, config.maxPerOrganisation, area],
        );
      }
      await manager.query(`DELETE FROM matches WHERE computed_at < $1`, [startedAt]);
      await manager.query(`DELETE FROM match_candidates WHERE run_id = $1`, [runId]);
      const counts: Array<{ area: keyof MergeOutcome; n: number }> = await manager.query(`SELECT area, count(*)::int AS n FROM matches GROUP BY area`);
      const result: MergeOutcome = { venture_capital: 0, tech_transfer: 0 };
      for (const { area, n } of counts) result[area] = n;
      return result;
    });
    // Fresh statistics after replacing most rows: per-organisation rescoring reads matches by index at once.
    await this.dataSource.query(`ANALYZE matches`);
    return outcome;
  }

  /**
   * Offers a pair to its company's list and its counterpart's list. The key and the object are built only for the
   * pairs that can still enter one of them: most never do.
   */
  private admit(own: TopN<Candidate>, theirs: TopN<Candidate>, score: number, company: CompiledCompany, fund: CompiledFund | null, offer: CompiledOffer | null): void {
    const forCompany = own.admits(score);
    const forCounterpart = theirs.admits(score);
    if (!forCompany && !forCounterpart) return;
    const candidate = scoredPair(company.id, fund?.id ?? null, offer, score);
    const key = pairKey(candidate);
    if (forCompany) own.offer(score, key, candidate);
    if (forCounterpart) theirs.offer(score, key, candidate);
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
