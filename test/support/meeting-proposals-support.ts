import type { TestContext } from './test-app';

/** Helpers shared by the meeting-proposal e2e tests. */

export const PROPOSALS = '/api/v1/meeting-proposals';

export interface SeededMatch {
  area: 'venture_capital' | 'tech_transfer';
  companyId: string;
  /** The fund (venture capital) or the research centre (tech transfer). */
  counterpartId: string;
  /** Tech transfer: the centre's offer. */
  offerId?: string;
  score: number;
}

/**
 * Writes matches straight into the table with chosen scores, so the ranks each side gives the other are known
 * (the scorer's own results are tested elsewhere). Clears the outbox afterwards: the profile writes of the
 * fixtures must not start rescorings that would replace these matches once a worker runs.
 */
export async function seedMatches(ctx: TestContext, matches: readonly SeededMatch[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const m of matches) {
    const vc = m.area === 'venture_capital';
    // Contributions in factor order, adding up to the score: the first three factors carry it.
    const contributions = [m.score * 0.5, m.score * 0.3, m.score * 0.2];
    const [row] = await ctx.dataSource.query(
      `INSERT INTO matches (area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id`,
      [m.area, m.companyId, vc ? m.counterpartId : null, vc ? null : m.counterpartId, vc ? null : m.offerId, m.score, contributions],
    );
    ids[`${m.companyId}|${m.offerId ?? m.counterpartId}`] = row.id;
  }
  await ctx.dataSource.query(`DELETE FROM outbox_events`);
  return ids;
}
