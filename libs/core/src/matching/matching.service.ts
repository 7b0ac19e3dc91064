import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  toContributions,
  withFeedback,
  type PairFeedback,
  TtScorer,
  VcScorer,
  type CompiledCompany,
  type CompiledFund,
  type CompiledOffer,
  type MatchArea,
  type MatchReason,
  type OrganisationType,
  type ScoringConfig,
} from '@hub/domain';
import { pairKey, scoredPair, upsertPairs, type ScoredPair } from './match-pairs';
import { ScoringConfigService } from './scoring-config.service';
import { ScoringCorpus, type CorpusView } from './scoring-corpus';
import { ScoringFeedbackLoader } from './scoring-feedback.loader';

export interface RescoreOutcome {
  organisationId: string;
  /** Null when the organisation is gone (its matches left with it, by cascade). */
  type: OrganisationType | null;
  kept: Record<MatchArea, number>;
}

/** Where the rescored organisation and its counterparts sit in `matches`, per area and organisation type. */
interface Side {
  area: MatchArea;
  ownColumn: 'company_id' | 'fund_id' | 'research_centre_id';
  counterpartColumn: 'company_id' | 'fund_id' | 'research_centre_id';
  counterpartOf(pair: ScoredPair): string;
}

const SIDES: Record<OrganisationType, Side[]> = {
  company: [
    { area: 'venture_capital', ownColumn: 'company_id', counterpartColumn: 'fund_id', counterpartOf: (p) => p.fundId as string },
    { area: 'tech_transfer', ownColumn: 'company_id', counterpartColumn: 'research_centre_id', counterpartOf: (p) => p.researchCentreId as string },
  ],
  fund: [{ area: 'venture_capital', ownColumn: 'fund_id', counterpartColumn: 'company_id', counterpartOf: (p) => p.companyId }],
  research_centre: [{ area: 'tech_transfer', ownColumn: 'research_centre_id', counterpartColumn: 'company_id', counterpartOf: (p) => p.companyId }],
};

const byScoreThenKey = (a: ScoredPair, b: ScoredPair) => b.score - a.score || (pairKey(a) < pairKey(b) ? -1 : 1);

/**
 * Recomputes one organisation's matches and replaces them in one transaction. A pair is kept when its score
 * reaches `minScore` and it is among the best `maxPerOrganisation` of either side: of the rescored organisation
 * (computed here) or of the counterpart (judged against the counterpart's other stored matches). Running it twice
 * gives the same rows; pairs that no longer qualify are deleted.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly corpus: ScoringCorpus,
    private readonly configs: ScoringConfigService,
    private readonly feedbackLoader: ScoringFeedbackLoader,
  ) {}

  async rescoreOrganisation(organisationId: string): Promise<RescoreOutcome> {
    const kept: Record<MatchArea, number> = { venture_capital: 0, tech_transfer: 0 };
    const [organisation] = await this.dataSource.query(`SELECT type FROM organisations WHERE id = $1`, [organisationId]);
    if (!organisation) return { organisationId, type: null, kept };
    const type = organisation.type as OrganisationType;
    const [corpus, config] = await Promise.all([this.corpus.sync(), this.configs.current()]);
    const feedback = await this.feedbackLoader.load(corpus);
    const pairs = this.score(type, organisationId, corpus, config, feedback);
    await this.dataSource.transaction(async (manager) => {
      for (const side of SIDES[type]) {
        const selected = await this.select(manager, side, organisationId, pairs[side.area], config);
        await this.replace(manager, side, organisationId, selected, config.version);
        kept[side.area] = selected.length;
      }
    });
    return { organisationId, type, kept };
  }

  /** Every pair of the organisation, scored and explained (only pairs reaching minScore are explained). */
  private score(type: OrganisationType, id: string, corpus: CorpusView, config: ScoringConfig, feedback: PairFeedback): Record<MatchArea, ScoredPair[]> {
    const vc = new VcScorer(corpus.space, config);
    const tt = new TtScorer(corpus.space, config);
    const result: Record<MatchArea, ScoredPair[]> = { venture_capital: [], tech_transfer: [] };
    if (type === 'company') {
      const company = corpus.company(id);
      if (!company) return result;
      for (const fund of corpus.funds) {
        const score = vc.score(company, fund) * feedback.vc(company, fund);
        if (score >= config.minScore) result.venture_capital.push(scoredPair(company.id, fund.id, null, score));
      }
      for (const offer of corpus.offers) {
        const score = tt.score(offer, company) * feedback.tt(offer, company);
        if (score >= config.minScore) result.tech_transfer.push(scoredPair(company.id, null, offer, score));
      }
    } else if (type === 'fund') {
      const fund = corpus.fund(id);
      if (!fund) return result;
      for (const company of corpus.companies) {
        const score = vc.score(company, fund) * feedback.vc(company, fund);
        if (score >= config.minScore) result.venture_capital.push(scoredPair(company.id, fund.id, null, score));
      }
    } else {
      for (const offer of corpus.offers) {
        if (offer.researchCentreId !== id) continue;
        for (const company of corpus.companies) {
          const score = tt.score(offer, company) * feedback.tt(offer, company);
          if (score >= config.minScore) result.tech_transfer.push(scoredPair(company.id, null, offer, score));
        }
      }
    }
    // Explanations give the stored score (rounded) and the contributions.
    for (const pair of result.venture_capital) {
      const company = corpus.company(pair.companyId) as CompiledCompany;
      const fund = corpus.fund(pair.fundId as string) as CompiledFund;
      const explanation = vc.explain(company, fund);
      if (!explanation.excluded) this.explained(pair, withFeedback(explanation.score, explanation.reasons, feedback.vcParts(company, fund)));
    }
    for (const pair of result.tech_transfer) {
      const offer = corpus.offer(pair.technologyOfferId as string) as CompiledOffer;
      const company = corpus.company(pair.companyId) as CompiledCompany;
      const explanation = tt.explain(offer, company);
      if (!explanation.excluded) this.explained(pair, withFeedback(explanation.score, explanation.reasons, feedback.ttParts(offer, company)));
    }
    return result;
  }

  private explained(pair: ScoredPair, explanation: { score: number; reasons: MatchReason[] }): void {
    pair.score = explanation.score;
    pair.contributions = toContributions(pair.area, explanation.reasons);
  }

  /** The organisation's best N, plus pairs good enough to be among their counterpart's best N. */
  private async select(manager: EntityManager, side: Side, ownId: string, pairs: ScoredPair[], config: ScoringConfig): Promise<ScoredPair[]> {
    const ranked = pairs.filter((p) => p.score >= config.minScore).sort(byScoreThenKey);
    const selected = ranked.slice(0, config.maxPerOrganisation);
    const rest = ranked.slice(config.maxPerOrganisation);
    if (rest.length === 0) return selected;
    // Each counterpart ranks its pairs as the full rescore's merge does (score, then pair key): its stored pairs
    // with other organisations, plus all of this organisation's pairs with it (a research centre may have
    // several offers for one company). A leftover pair is kept if it is within the counterpart's best N.
    const counterparts = [...new Set(rest.map(side.counterpartOf))];
    const judged = new Set(counterparts);
    const stored: Array<{ counterpart: string; score: number; company_id: string; other_id: string }> = await manager.query(
      `SELECT t.id AS counterpart, s.score, s.company_id, s.other_id
         FROM unnest($1::uuid[]) AS t(id)
         CROSS JOIN LATERAL (SELECT m.score, m.company_id, coalesce(m.fund_id, m.technology_offer_id) AS other_id FROM matches m
                              WHERE m.area = $2 AND m.${side.counterpartColumn} = t.id AND m.${side.ownColumn} <> $3
                              ORDER BY m.score DESC LIMIT $4) s`,
      [counterparts, side.area, ownId, config.maxPerOrganisation],
    );
    const rankings = new Map<string, Array<{ score: number; key: string; pair?: ScoredPair }>>();
    const entriesOf = (counterpart: string) => {
      let entries = rankings.get(counterpart);
      if (!entries) rankings.set(counterpart, (entries = []));
      return entries;
    };
    for (const row of stored) entriesOf(row.counterpart).push({ score: row.score, key: `${row.company_id}:${row.other_id}` });
    for (const pair of ranked) {
      const counterpart = side.counterpartOf(pair);
      if (judged.has(counterpart)) entriesOf(counterpart).push({ score: pair.score, key: pairKey(pair), pair });
    }
    const keep = new Set<ScoredPair>();
    for (const entries of rankings.values()) {
      entries.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
      for (const entry of entries.slice(0, config.maxPerOrganisation)) if (entry.pair) keep.add(entry.pair);
    }
    for (const pair of rest) if (keep.has(pair)) selected.push(pair);
    return selected;
  }

  private async replace(manager: EntityManager, side: Side, ownId: string, pairs: ScoredPair[], configVersion: number): Promise<void> {
    const other = side.area === 'venture_capital' ? 'fund_id' : 'technology_offer_id';
    await manager.query(
      `DELETE FROM matches m WHERE m.area = $1 AND m.${side.ownColumn} = $2
          AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::uuid[]) AS k(company_id, other_id)
                           WHERE k.company_id = m.company_id AND k.other_id = m.${other})`,
      [side.area, ownId, pairs.map((p) => p.companyId), pairs.map((p) => p.fundId ?? p.technologyOfferId)],
    );
    await upsertPairs(manager, side.area, pairs, configVersion);
  }
}
