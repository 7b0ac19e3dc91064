import fc from 'fast-check';
import {
  eligibleCandidates,
  proposalCoverage,
  proposalPairKey,
  selectMeetingProposals,
  type ProposalCandidate,
  type ProposalOptions,
} from './meeting-proposals';

const VC = 'venture_capital';
const TT = 'tech_transfer';

function pair(a: string, b: string, rankByA: number, rankByB: number, score = 70, area: ProposalCandidate['area'] = VC): ProposalCandidate {
  return { area, a, b, score, rankByA, rankByB };
}

const keys = (chosen: ProposalCandidate[]) => chosen.map((c) => `${c.a}-${c.b}`);

function countsOf(chosen: readonly ProposalCandidate[], start: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const counts = new Map(start);
  for (const c of chosen) {
    counts.set(c.a, (counts.get(c.a) ?? 0) + 1);
    counts.set(c.b, (counts.get(c.b) ?? 0) + 1);
  }
  return counts;
}

describe('selectMeetingProposals', () => {
  it('proposes only pairs that both sides rank within maxRank', () => {
    const chosen = selectMeetingProposals([pair('A', 'F', 1, 1), pair('A', 'G', 2, 11), pair('B', 'F', 12, 2), pair('B', 'G', 3, 3)], { maxPerOrganisation: 5, maxRank: 10 });
    expect(keys(chosen)).toEqual(['A-F', 'B-G']);
  });

  it('favours pairs good for both sides: by the worse rank, then the better one, then the score', () => {
    const options = { maxPerOrganisation: 1, maxRank: 10 };
    // A–F: worse rank 3; A–G: worse rank 2 (though F ranks A first and the score is lower).
    expect(keys(selectMeetingProposals([pair('A', 'F', 3, 1, 90), pair('A', 'G', 2, 2, 60)], options))).toEqual(['A-G']);
    // Same worse rank: the better of the other rank wins.
    expect(keys(selectMeetingProposals([pair('A', 'F', 2, 2, 90), pair('A', 'G', 2, 1, 60)], options))).toEqual(['A-G']);
    // Same ranks: the score decides.
    expect(keys(selectMeetingProposals([pair('A', 'F', 1, 1, 60), pair('A', 'G', 1, 1, 61)], options))).toEqual(['A-G']);
  });

  it('keeps every organisation within its cap, counting proposals it already has', () => {
    const candidates = [pair('A', 'F', 1, 1), pair('A', 'G', 2, 1), pair('A', 'H', 3, 1), pair('B', 'F', 1, 2)];
    const chosen = selectMeetingProposals(candidates, { maxPerOrganisation: 2, maxRank: 10 });
    expect(keys(chosen)).toEqual(['A-F', 'A-G', 'B-F']);
    const withEarlier = selectMeetingProposals(candidates, { maxPerOrganisation: 2, maxRank: 10, alreadyProposed: new Map([['A', 2]]) });
    expect(keys(withEarlier)).toEqual(['B-F']);
  });

  it('spreads proposals: an organisation with a single option gets it before a popular one gets a second', () => {
    // F is everyone's favourite and likes A and B best; C can only meet F, and ranks lower for F.
    const candidates = [pair('A', 'F', 1, 1, 95), pair('B', 'F', 1, 2, 90), pair('C', 'F', 1, 3, 80), pair('A', 'G', 2, 1, 85), pair('B', 'G', 2, 2, 80)];
    const chosen = selectMeetingProposals(candidates, { maxPerOrganisation: 2, maxRank: 10 });
    // Round 1: A–F, then B–G (F and A already have one this round); round 2: B–F and A–G; F is then full, so C,
    // whose worse rank is 3, loses out with a cap of 2.
    expect(keys(chosen)).toEqual(['A-F', 'B-G', 'B-F', 'A-G']);
    // With room for three, C gets F too.
    expect(keys(selectMeetingProposals(candidates, { maxPerOrganisation: 3, maxRank: 10 }))).toContain('C-F');
    // Pure greedy by quality would have given A both F and G, and B both F and G, before anyone else: the rounds
    // give every organisation its first proposal first.
    const firstRound = selectMeetingProposals(candidates, { maxPerOrganisation: 1, maxRank: 10 });
    expect(keys(firstRound)).toEqual(['A-F', 'B-G']);
  });

  it('keeps one candidate per pair and area (the best), and drops self-pairs', () => {
    const chosen = selectMeetingProposals(
      [pair('A', 'S', 2, 2, 60, TT), pair('A', 'S', 1, 1, 80, TT), pair('S', 'A', 1, 1, 70, TT), pair('A', 'A', 1, 1)],
      { maxPerOrganisation: 5, maxRank: 10 },
    );
    expect(chosen).toEqual([pair('A', 'S', 1, 1, 80, TT)]);
  });

  it('proposes nothing with a cap below one', () => {
    expect(selectMeetingProposals([pair('A', 'F', 1, 1)], { maxPerOrganisation: 0, maxRank: 10 })).toEqual([]);
  });

  // ─────────────────────────────────────────── properties ───────────────────────────────────────────

  const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'f1', 'f2', 'f3', 'r1', 'r2'];
  const candidateArb = fc.record({
    area: fc.constantFrom(VC, TT),
    a: fc.constantFrom(...ids.slice(0, 6)),
    b: fc.constantFrom(...ids),
    score: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    rankByA: fc.integer({ min: 1, max: 15 }),
    rankByB: fc.integer({ min: 1, max: 15 }),
  });
  const optionsArb: fc.Arbitrary<ProposalOptions> = fc.record({
    maxPerOrganisation: fc.integer({ min: 1, max: 5 }),
    maxRank: fc.integer({ min: 1, max: 15 }),
    alreadyProposed: fc.option(fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 5 })).map((d) => new Map(Object.entries(d))), { nil: undefined }),
  });
  const input = fc.tuple(fc.array(candidateArb, { maxLength: 60 }), optionsArb);

  it('property: every chosen pair is reciprocal, from the input, and no organisation meets itself', () => {
    fc.assert(
      fc.property(input, ([candidates, options]) => {
        for (const c of selectMeetingProposals(candidates, options)) {
          expect(c.a).not.toBe(c.b);
          expect(c.rankByA).toBeLessThanOrEqual(options.maxRank);
          expect(c.rankByB).toBeLessThanOrEqual(options.maxRank);
          expect(candidates).toContainEqual(c);
        }
      }),
    );
  });

  it('property: no organisation goes over its cap (earlier proposals included), unless it was over already', () => {
    fc.assert(
      fc.property(input, ([candidates, options]) => {
        const start = options.alreadyProposed ?? new Map<string, number>();
        const chosen = selectMeetingProposals(candidates, options);
        const added = countsOf(chosen);
        for (const [id, n] of added) expect((start.get(id) ?? 0) + n).toBeLessThanOrEqual(options.maxPerOrganisation);
      }),
    );
  });

  it('property: no pair is proposed twice in an area, whichever side is named first', () => {
    fc.assert(
      fc.property(input, ([candidates, options]) => {
        const chosen = selectMeetingProposals(candidates, options);
        const pairs = chosen.map((c) => proposalPairKey(c.area, c.a, c.b));
        expect(new Set(pairs).size).toBe(pairs.length);
      }),
    );
  });

  it('property: deterministic, whatever the order of the input', () => {
    fc.assert(
      fc.property(input, fc.func(fc.integer()), ([candidates, options], order) => {
        const shuffled = candidates.map((c, i) => ({ c, k: order(i) })).sort((x, y) => x.k - y.k).map((x) => x.c);
        expect(selectMeetingProposals(shuffled, options)).toEqual(selectMeetingProposals(candidates, options));
      }),
    );
  });

  it('property: maximal — no eligible pair is left out while both its sides are under their cap', () => {
    fc.assert(
      fc.property(input, ([candidates, options]) => {
        const chosen = selectMeetingProposals(candidates, options);
        const counts = countsOf(chosen, options.alreadyProposed);
        const taken = new Set(chosen.map((c) => proposalPairKey(c.area, c.a, c.b)));
        for (const c of eligibleCandidates(candidates, options.maxRank)) {
          if (taken.has(proposalPairKey(c.area, c.a, c.b))) continue;
          const full = (counts.get(c.a) ?? 0) >= options.maxPerOrganisation || (counts.get(c.b) ?? 0) >= options.maxPerOrganisation;
          expect({ pair: c, full }).toEqual({ pair: c, full: true });
        }
      }),
    );
  });
});

describe('proposalCoverage', () => {
  it('counts organisations per number of proposals and type, and tells why one got none', () => {
    const participants = [
      { id: 'c1', type: 'company' as const, name: 'Alpha' },
      { id: 'c2', type: 'company' as const, name: 'Beta' },
      { id: 'c3', type: 'company' as const, name: 'Gamma' },
      { id: 'f1', type: 'fund' as const, name: 'Fund' },
    ];
    const eligible = [pair('c1', 'f1', 1, 1), pair('c2', 'f1', 1, 2)];
    const coverage = proposalCoverage(participants, new Map([['c1', 1], ['f1', 1]]), eligible);
    expect(coverage).toEqual({
      participants: 4,
      byType: { company: { organisations: 3, histogram: { '0': 2, '1': 1 } }, fund: { organisations: 1, histogram: { '1': 1 } } },
      withoutProposal: {
        total: 2,
        byReason: { no_reciprocal_match: 1, counterparts_full: 1 },
        organisations: [
          { id: 'c2', type: 'company', name: 'Beta', reason: 'counterparts_full' },
          { id: 'c3', type: 'company', name: 'Gamma', reason: 'no_reciprocal_match' },
        ],
      },
    });
  });
});
