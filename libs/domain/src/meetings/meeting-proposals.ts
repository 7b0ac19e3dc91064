import type { OrganisationType } from '../profile/profile.enums';
import type { MatchArea } from '../scoring/scoring.types';

/**
 * One pair the platform could propose: two organisations of one area, the pair's score, and where each side ranks
 * the other among its own matches of that area (1 = its best match).
 */
export interface ProposalCandidate {
  area: MatchArea;
  /** One side (the company, in practice). */
  a: string;
  /** The other side (the fund or research centre). */
  b: string;
  score: number;
  /** Where `a` ranks `b` among its matches. */
  rankByA: number;
  /** Where `b` ranks `a` among its matches. */
  rankByB: number;
}

export interface ProposalOptions {
  /** At most this many open proposals per organisation (those of earlier runs included). */
  maxPerOrganisation: number;
  /** Both sides must rank each other within this: a proposal is good for both, not one side's wish. */
  maxRank: number;
  /** Open proposals each organisation already has (from earlier runs): they count against its cap. */
  alreadyProposed?: ReadonlyMap<string, number>;
}

export const PROPOSAL_DEFAULTS = { maxPerOrganisation: 5, maxRank: 10 } as const;
export const PROPOSAL_LIMITS = { maxPerOrganisation: 50, maxRank: 100 } as const;

/** The order in which pairs are considered: good for both sides first, then by score, then by ids (determinism). */
function compareCandidates(x: ProposalCandidate, y: ProposalCandidate): number {
  return (
    Math.max(x.rankByA, x.rankByB) - Math.max(y.rankByA, y.rankByB) ||
    Math.min(x.rankByA, x.rankByB) - Math.min(y.rankByA, y.rankByB) ||
    y.score - x.score ||
    compareText(x.area, y.area) ||
    compareText(x.a, y.a) ||
    compareText(x.b, y.b)
  );
}

/** Code-unit order, not locale order: the same on every machine. */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A pair's identity whichever side is called `a`. */
export function proposalPairKey(area: MatchArea, x: string, y: string): string {
  return x < y ? `${area}|${x}|${y}` : `${area}|${y}|${x}`;
}

/** Candidates both sides rank within `maxRank`, one per pair (its best), self-pairs dropped, in consideration order. */
export function eligibleCandidates(candidates: readonly ProposalCandidate[], maxRank: number): ProposalCandidate[] {
  const best = new Map<string, ProposalCandidate>();
  for (const candidate of candidates) {
    if (candidate.a === candidate.b) continue;
    if (!(candidate.rankByA >= 1 && candidate.rankByA <= maxRank && candidate.rankByB >= 1 && candidate.rankByB <= maxRank)) continue;
    const key = proposalPairKey(candidate.area, candidate.a, candidate.b);
    const kept = best.get(key);
    if (!kept || compareCandidates(candidate, kept) < 0) best.set(key, candidate);
  }
  return [...best.values()].sort(compareCandidates);
}

/**
 * Chooses which pairs to propose: reciprocal (both ranks within `maxRank`), at most `maxPerOrganisation` per
 * organisation, the same answer for the same input in any order.
 *
 * Plain greedy by quality would hand the most wanted organisations their whole quota before anyone else got one,
 * leaving organisations with few options, whose few counterparts were already full, with nothing. So the choice
 * goes in rounds: in round r an organisation may reach r proposals, pairs taken in quality order each round. A
 * pair's first proposal therefore comes before anybody's second; the last round (r = cap) fills any pair whose
 * sides both still have room, so no eligible pair is left out while both its sides are under their cap.
 */
export function selectMeetingProposals(candidates: readonly ProposalCandidate[], options: ProposalOptions): ProposalCandidate[] {
  const cap = Math.floor(options.maxPerOrganisation);
  if (cap < 1) return [];
  const eligible = eligibleCandidates(candidates, options.maxRank);
  const count = new Map<string, number>(options.alreadyProposed ?? []);
  const countOf = (id: string) => count.get(id) ?? 0;
  const chosen: ProposalCandidate[] = [];
  let open = eligible;
  for (let round = 1; round <= cap && open.length > 0; round++) {
    const next: ProposalCandidate[] = [];
    for (const candidate of open) {
      const [na, nb] = [countOf(candidate.a), countOf(candidate.b)];
      if (na >= cap || nb >= cap) continue; // one side is full for good: never again
      if (na < round && nb < round) {
        chosen.push(candidate);
        count.set(candidate.a, na + 1);
        count.set(candidate.b, nb + 1);
      } else {
        next.push(candidate);
      }
    }
    open = next;
  }
  return chosen;
}

export type ProposalShortfall = 'no_reciprocal_match' | 'counterparts_full';

export interface CoverageParticipant {
  id: string;
  type: OrganisationType;
  name: string;
}

/** What staff see of a run: how many organisations of each type got how many proposals, and who got none, why. */
export interface ProposalCoverage {
  participants: number;
  /** Per organisation type: organisations, and how many have 0, 1, 2... open proposals after the run. */
  byType: Partial<Record<OrganisationType, { organisations: number; histogram: Record<string, number> }>>;
  withoutProposal: {
    total: number;
    byReason: Record<ProposalShortfall, number>;
    /** The first `sampleSize` of them, by type and name. */
    organisations: Array<CoverageParticipant & { reason: ProposalShortfall }>;
  };
}

/**
 * Coverage of a run. `openCounts` is every participant's open proposals after the run (earlier runs' included);
 * `eligible` the candidates that were open to the run, so an organisation with none is told apart from one whose
 * counterparts were all full.
 */
export function proposalCoverage(
  participants: readonly CoverageParticipant[],
  openCounts: ReadonlyMap<string, number>,
  eligible: readonly ProposalCandidate[],
  sampleSize = 100,
): ProposalCoverage {
  const hadCandidate = new Set<string>();
  for (const candidate of eligible) {
    hadCandidate.add(candidate.a);
    hadCandidate.add(candidate.b);
  }
  const byType: ProposalCoverage['byType'] = {};
  const without: Array<CoverageParticipant & { reason: ProposalShortfall }> = [];
  const byReason: Record<ProposalShortfall, number> = { no_reciprocal_match: 0, counterparts_full: 0 };
  for (const participant of participants) {
    const n = openCounts.get(participant.id) ?? 0;
    const entry = (byType[participant.type] ??= { organisations: 0, histogram: {} });
    entry.organisations++;
    entry.histogram[String(n)] = (entry.histogram[String(n)] ?? 0) + 1;
    if (n === 0) {
      const reason: ProposalShortfall = hadCandidate.has(participant.id) ? 'counterparts_full' : 'no_reciprocal_match';
      byReason[reason]++;
      without.push({ ...participant, reason });
    }
  }
  without.sort((x, y) => compareText(x.type, y.type) || compareText(x.name, y.name) || compareText(x.id, y.id));
  return { participants: participants.length, byType, withoutProposal: { total: without.length, byReason, organisations: without.slice(0, sampleSize) } };
}
