import { COLLABORATION_TYPES, LOOKING_FOR, STAGES } from '../profile/profile.enums';
import { COLLABORATION_ANSWERS, ScoringSpace, lookingForMask } from './scoring-space';
import { GENE_THERAPY_FUND, VECTOR_NEEDING_STARTUP, VIRAL_VECTOR_OFFER, factory } from './scoring.fixtures';
import { cosine } from './text-vectorizer';

const company = factory(VECTOR_NEEDING_STARTUP);
const fund = factory(GENE_THERAPY_FUND);
const offer = factory(VIRAL_VECTOR_OFFER);

const space = (...texts: string[]): ScoringSpace => new ScoringSpace().fit([company().text, fund().text, offer().text, ...texts]);

describe('lookingForMask', () => {
  it('sets one bit per value of LOOKING_FOR, 0 for none', () => {
    expect(lookingForMask([])).toBe(0);
    LOOKING_FOR.forEach((value, i) => expect(lookingForMask([value])).toBe(1 << i));
    expect(lookingForMask(LOOKING_FOR)).toBe((1 << LOOKING_FOR.length) - 1);
    expect(lookingForMask(['investment', 'investment'])).toBe(lookingForMask(['investment']));
  });
});

describe('COLLABORATION_ANSWERS', () => {
  it('answers every collaboration type with something a company looks for', () => {
    for (const type of COLLABORATION_TYPES) expect(LOOKING_FOR).toContain(COLLABORATION_ANSWERS[type]);
    expect(COLLABORATION_ANSWERS.licensing).toBe('licensing_in');
    expect(COLLABORATION_ANSWERS.co_development).toBe('rd_partnership');
  });
});

describe('ScoringSpace.company', () => {
  it('compiles stage, TRL, funding, country and what the company looks for', () => {
    const compiled = space().company(company({ stage: 'series_a', trl: 6, fundingSoughtEur: 2_000_000, lookingFor: ['licensing_in', 'rd_partnership'] }));
    expect(compiled.id).toBe('company-1');
    expect(compiled.stage).toBe(STAGES.indexOf('series_a'));
    expect(compiled.trl).toBe(6);
    expect(compiled.logFunding).toBeCloseTo(Math.log10(2_000_000), 9);
    expect(compiled.inEu).toBe(true);
    expect(compiled.lookingFor).toBe(lookingForMask(['licensing_in', 'rd_partnership']));
    expect(compiled.codes.codes.map((c) => c.length)).toEqual([1, 1, 1]);
  });

  it('marks unknowns: stage -1, TRL 0, funding NaN, and a non-EU country', () => {
    const compiled = space().company(company({ stage: null, trl: null, fundingSoughtEur: null, country: 'CH' }));
    expect(compiled.stage).toBe(-1);
    expect(compiled.trl).toBe(0);
    expect(compiled.logFunding).toBeNaN();
    expect(compiled.inEu).toBe(false);
    expect(space().company(company({ fundingSoughtEur: 0 })).logFunding).toBeNaN();
  });

  it('builds the needs vector from technology needs and description', () => {
    const s = space();
    const withNeeds = s.company(company());
    const withoutNeeds = s.company(company({ technologyNeeds: null }));
    expect(cosine(withoutNeeds.needs, withoutNeeds.text)).toBeCloseTo(1, 5);
    expect(cosine(withNeeds.needs, withNeeds.text)).toBeLessThan(0.99);
    expect(cosine(withNeeds.needs, s.offer(offer()).text)).toBeGreaterThan(cosine(withNeeds.text, s.offer(offer()).text));
  });
});

describe('ScoringSpace.fund', () => {
  it('compiles stages to a mask, distances to the nearest stage, and the TRL expected at the earliest stage', () => {
    const compiled = space().fund(fund({ stages: ['series_b', 'seed'] }));
    expect(compiled.stageMask).toBe((1 << STAGES.indexOf('seed')) | (1 << STAGES.indexOf('series_b')));
    // pre_seed, seed, series_a, series_b, series_c_plus, growth
    expect(Array.from(compiled.stageDistance)).toEqual([1, 0, 1, 0, 1, 2]);
    expect(compiled.expectedTrl).toBe(4);
    expect(space().fund(fund({ stages: ['growth'] })).expectedTrl).toBe(9);
  });

  it('states no distance and no expected TRL for a fund without stages', () => {
    const compiled = space().fund(fund({ stages: [] }));
    expect(compiled.stageMask).toBe(0);
    expect(compiled.stageDistance).toHaveLength(0);
    expect(compiled.expectedTrl).toBe(0);
  });

  it('compiles tickets to log10 and geographies to anywhere / EU / countries', () => {
    const compiled = space().fund(fund({ ticketMinEur: 100_000, ticketMaxEur: null, geographies: ['EU', 'CH'] }));
    expect(compiled.logTicketMin).toBeCloseTo(5, 9);
    expect(compiled.logTicketMax).toBeNaN();
    expect(compiled.anywhere).toBe(false);
    expect(compiled.eu).toBe(true);
    expect(compiled.countries.has('CH')).toBe(true);
    expect(space().fund(fund({ geographies: [] })).anywhere).toBe(true);
    expect(space().fund(fund({ geographies: ['WORLD'] })).anywhere).toBe(true);
    expect(space().fund(fund({ geographies: ['IT'] })).eu).toBe(false);
  });
});

describe('ScoringSpace.offer', () => {
  it('compiles TRL and the LOOKING_FOR bits its collaboration types answer', () => {
    const compiled = space().offer(offer({ trl: null, collaborationTypes: ['co_development', 'sponsored_research', 'spin_off'] }));
    expect(compiled.trl).toBe(0);
    expect(compiled.researchCentreId).toBe('centre-1');
    expect(compiled.answers).toBe(lookingForMask(['rd_partnership', 'investment']));
    expect([...compiled.collaborationTypes].sort()).toEqual(['co_development', 'spin_off', 'sponsored_research']);
    expect(space().offer(offer({ collaborationTypes: [] })).answers).toBe(0);
  });
});
