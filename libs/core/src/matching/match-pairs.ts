import type { MatchArea } from '@hub/domain';

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

/** The pair's identity within its area, for ordering and look-ups. */
export function pairKey(pair: Pick<ScoredPair, 'companyId' | 'fundId' | 'technologyOfferId'>): string {
  return `${pair.companyId}:${pair.fundId ?? pair.technologyOfferId}`;
}

/** Columns of one batch of pairs, for an INSERT ... SELECT FROM unnest(...). */
export function pairColumns(pairs: readonly ScoredPair[], configVersion: number): unknown[] {
  return [
    pairs.map((p) => p.area),
    pairs.map((p) => p.companyId),
    pairs.map((p) => p.fundId),
    pairs.map((p) => p.researchCentreId),
    pairs.map((p) => p.technologyOfferId),
    pairs.map((p) => p.score),
    // real[] of different rows cannot bind as one 2-D parameter: JSON text, unpacked in SQL.
    pairs.map((p) => JSON.stringify(p.contributions)),
    pairs.map(() => configVersion),
  ];
}

/** The SELECT reading `pairColumns` parameters $1..$8. */
export const PAIRS_FROM_PARAMS = `
  SELECT u.area, u.company_id, u.fund_id, u.research_centre_id, u.technology_offer_id, u.score,
         ARRAY(SELECT jsonb_array_elements_text(u.contributions::jsonb)::real), u.config_version
    FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::real[], $7::text[], $8::int[])
         AS u(area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)`;
