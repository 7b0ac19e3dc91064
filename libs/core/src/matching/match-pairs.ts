import type { EntityManager } from 'typeorm';
import type { CompiledOffer, MatchArea } from '@hub/domain';

/** One scored pair: a company with a fund (venture capital) or with a technology offer of a research centre. */
export interface ScoredPair {
  area: MatchArea;
  companyId: string;
  fundId: string | null;
  researchCentreId: string | null;
  technologyOfferId: string | null;
  score: number;
  contributions: number[];
}

/** A pair not explained yet: a company with a fund (venture capital) or with a technology offer (tech transfer). */
export function scoredPair(companyId: string, fundId: string | null, offer: CompiledOffer | null, score: number): ScoredPair {
  return {
    area: fundId ? 'venture_capital' : 'tech_transfer',
    companyId,
    fundId,
    researchCentreId: offer?.researchCentreId ?? null,
    technologyOfferId: offer?.id ?? null,
    score,
    contributions: [],
  };
}

/** The ON CONFLICT target of each area's partial unique index (a pair once per area). */
export const PAIR_CONFLICT: Record<MatchArea, string> = {
  venture_capital: `(company_id, fund_id) WHERE area = 'venture_capital'`,
  tech_transfer: `(company_id, technology_offer_id) WHERE area = 'tech_transfer'`,
};

/** The pair's identity within its area, for ordering and look-ups. */
export function pairKey(pair: Pick<ScoredPair, 'companyId' | 'fundId' | 'technologyOfferId'>): string {
  return `${pair.companyId}:${pair.fundId ?? pair.technologyOfferId}`;
}

/**
 * Parameters $1..$10 of a batch of pairs for `PAIRS_FROM_PARAMS`. The rows' contributions travel as one flat
 * real[] that each row slices ($9, $10): PostgreSQL binds no ragged 2-D arrays, and unpacking a JSON text per row
 * cost more than the row's insert (measured in bench:scoring).
 */
export function pairColumns(pairs: readonly ScoredPair[], configVersion: number): unknown[] {
  const flat: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  for (const pair of pairs) {
    first.push(flat.length + 1);
    flat.push(...pair.contributions);
    last.push(flat.length);
  }
  return [
    pairs.map((p) => p.area),
    pairs.map((p) => p.companyId),
    pairs.map((p) => p.fundId),
    pairs.map((p) => p.researchCentreId),
    pairs.map((p) => p.technologyOfferId),
    pairs.map((p) => p.score),
    flat,
    configVersion,
    first,
    last,
  ];
}

/** The rows of `pairColumns` parameters $1..$10, as (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version). */
export const PAIRS_FROM_PARAMS = `
  SELECT u.area, u.company_id, u.fund_id, u.research_centre_id, u.technology_offer_id, u.score,
         ($7::real[])[u.first:u.last], $8::int
    FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::real[], $9::int[], $10::int[])
         AS u(area, company_id, fund_id, research_centre_id, technology_offer_id, score, first, last)`;

const UPSERT_BATCH = 5000;

/** What an upsert into matches updates: the row stays (and keeps its id), its score and reasons change. */
export const UPDATE_PAIR_ON_CONFLICT = `score = EXCLUDED.score, contributions = EXCLUDED.contributions, config_version = EXCLUDED.config_version, computed_at = now()`;

/**
 * Writes pairs of one area into matches, a batch at a time, in pair-key order: concurrent writers (two workers'
 * chunks, two organisations' rescoring) then take row locks in the same order.
 */
export async function upsertPairs(manager: EntityManager, area: MatchArea, pairs: readonly ScoredPair[], configVersion: number): Promise<void> {
  const sorted = pairs.filter((p) => p.area === area).sort((a, b) => (pairKey(a) < pairKey(b) ? -1 : 1));
  for (let start = 0; start < sorted.length; start += UPSERT_BATCH) {
    await manager.query(
      `INSERT INTO matches (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)
       ${PAIRS_FROM_PARAMS}
       ON CONFLICT ${PAIR_CONFLICT[area]} DO UPDATE SET ${UPDATE_PAIR_ON_CONFLICT}`,
      pairColumns(sorted.slice(start, start + UPSERT_BATCH), configVersion),
    );
  }
}
