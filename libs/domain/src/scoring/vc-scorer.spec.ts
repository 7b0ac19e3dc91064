import fc from 'fast-check';
import { COMPANY_KINDS, LOOKING_FOR, STAGES, type LookingFor, type Stage } from '../profile/profile.enums';
import { TAXONOMY } from '../taxonomy/taxonomy.data';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './scoring-config';
import { CAR_T_SEED_FUND, CAR_T_STARTUP, boundsViolations, contribution, explanationViolations, factory, vcScoring } from './scoring.fixtures';
import type { CompanyInput, FundInput, MatchExplanation } from './scoring.types';
import { VC_FACTORS } from './vc-scorer';

// ---------------------------------------------------------------------------------------------------------------
// Factories

const company = factory(CAR_T_STARTUP);
const fund = factory(CAR_T_SEED_FUND);

/** A fund in the same field as the default company, and nothing else. */
const cellTherapyFund = (overrides: Partial<FundInput> = {}): FundInput =>
  fund({ id: 'cell-fund', therapeuticAreas: ['oncology'], modalities: ['cell_therapy'], text: 'We back cell therapy and CAR-T companies in oncology', ...overrides });
const smallMoleculeFund = (overrides: Partial<FundInput> = {}): FundInput =>
  fund({ id: 'chem-fund', therapeuticAreas: ['cardiology'], modalities: ['small_molecule'], text: 'We back small molecule drugs for heart failure', ...overrides });

/** Texts every space is fitted on besides those of the test, so document frequencies look like a real corpus. */
const BACKGROUND = [
  'Software gestionale per la logistica ospedaliera',
  'Wearable sensor for remote monitoring of heart patients',
  'Anticorpi monoclonali per malattie autoimmuni',
  'Medical devices for orthopaedic surgery',
  'AI platform for radiology imaging',
];

const { scoreAll, scoreOf, scores } = vcScoring(BACKGROUND);

function rules(explanation: MatchExplanation): string[] {
  return explanation.excluded ? explanation.exclusions.map((e) => e.rule) : [];
}

const config = (overrides: Partial<ScoringConfig>): ScoringConfig => ({ ...DEFAULT_SCORING_CONFIG, ...overrides });

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const WORDS = [
  'we', 'develop', 'invest', 'fund', 'platform', 'il', 'la', 'per', 'sviluppiamo', 'CAR-T', 'cell therapy', 'terapia cellulare',
  'oncology', 'oncologia', 'cancer', 'leukaemia', 'small molecule', 'heart', 'cardiologia', 'medical devices', 'AI', 'imaging',
  'diagnostics', 'early-stage', 'seed', 'biotech', 'manufacturing', 'vaccine', 'mRNA', 'rare diseases',
];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(' '));
const codes = (dimension: 'sectors' | 'therapeuticAreas' | 'modalities') => fc.subarray(TAXONOMY[dimension].map((t) => t.code), { maxLength: 4 });
const amount = fc.double({ min: 4, max: 9, noNaN: true }).map((exponent) => Math.round(10 ** exponent));
const COUNTRIES = ['IT', 'FR', 'DE', 'CH', 'US', 'GB'];

const companyArbitrary: fc.Arbitrary<CompanyInput> = fc
  .record({
    kind: fc.constantFrom(...COMPANY_KINDS),
    country: fc.constantFrom(...COUNTRIES),
    stage: fc.option(fc.constantFrom(...STAGES), { nil: null }),
    trl: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    fundingSoughtEur: fc.option(amount, { nil: null }),
    lookingFor: fc.subarray<LookingFor>([...LOOKING_FOR]),
    text,
    sectors: codes('sectors'),
    therapeuticAreas: codes('therapeuticAreas'),
    modalities: codes('modalities'),
  })
  .map((r) => company(r));

const fundArbitrary: fc.Arbitrary<FundInput> = fc
  .record({
    active: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    stages: fc.subarray<Stage>([...STAGES], { maxLength: 3 }),
    tickets: fc.tuple(fc.option(amount, { nil: null }), fc.option(amount, { nil: null })),
    geographies: fc.subarray(['EU', 'WORLD', 'IT', 'CH', 'US'], { maxLength: 2 }),
    text,
    sectors: codes('sectors'),
    therapeuticAreas: codes('therapeuticAreas'),
    modalities: codes('modalities'),
  })
  .map(({ tickets: [a, b], ...r }) => fund({ ...r, ticketMinEur: a !== null && b !== null ? Math.min(a, b) : a, ticketMaxEur: a !== null && b !== null ? Math.max(a, b) : b }));

const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }));
const configArbitrary: fc.Arbitrary<ScoringConfig> = fc.record({
  version: fc.constant(2),
  venture_capital: fc.record({
    thesisAreas: weight,
    stage: weight,
    ticket: weight,
    maturity: weight,
    text: weight,
    wantsInvestment: weight,
    fundCoversCompany: weight,
    ticketForCompany: weight,
  }),
  tech_transfer: fc.constant(DEFAULT_SCORING_CONFIG.tech_transfer),
  minScore: fc.constant(35),
  maxPerOrganisation: fc.constant(200),
  stageTolerance: fc.integer({ min: 0, max: 5 }),
  ticketToleranceFactor: fc.double({ min: 1, max: 1000, noNaN: true }),
});

// ---------------------------------------------------------------------------------------------------------------

describe('VcScorer hard rules', () => {
  it('keeps a well-matched pair with a high score', () => {
    const { score, explanation } = scoreOf(company(), fund());
    expect(explanation.excluded).toBe(false);
    expect(score).toBeGreaterThan(70);
    expect(score).toBeLessThanOrEqual(100);
  });

  it('excludes an inactive fund (fund_inactive)', () => {
    const { score, explanation } = scoreOf(company(), fund({ active: false }));
    expect(score).toBe(0);
    expect(explanation).toEqual({ excluded: true, score: 0, exclusions: [{ rule: 'fund_inactive', label: expect.any(String) }] });
  });

  describe('stage', () => {
    it('excludes a company more than stageTolerance steps from the nearest fund stage (stage_outside)', () => {
      const { score, explanation } = scoreOf(company({ stage: 'series_b' }), fund({ stages: ['seed'] }));
      expect(score).toBe(0);
      expect(rules(explanation)).toEqual(['stage_outside']);
      expect(rules(scoreOf(company({ stage: 'growth' }), fund({ stages: ['pre_seed', 'seed'] })).explanation)).toEqual(['stage_outside']);
    });

    it('keeps a company within tolerance, scoring it below one at an exact stage', () => {
      const [exact, oneAfter, oneBefore] = scoreAll([
        [company({ stage: 'seed' }), fund({ stages: ['seed'] })],
        [company({ stage: 'series_a' }), fund({ stages: ['seed'] })],
        [company({ stage: 'pre_seed' }), fund({ stages: ['seed'] })],
      ]);
      expect(oneAfter.explanation.excluded).toBe(false);
      expect(oneBefore.explanation.excluded).toBe(false);
      expect(oneAfter.score).toBeGreaterThan(0);
      expect(oneAfter.score).toBeLessThan(exact.score);
      expect(oneBefore.score).toBeCloseTo(oneAfter.score, 9);
      expect(contribution(oneAfter.explanation, 'stage')).toBeLessThan(contribution(exact.explanation, 'stage'));
    });

    it('follows the configured tolerance', () => {
      expect(rules(scoreOf(company({ stage: 'series_a' }), fund({ stages: ['seed'] }), config({ stageTolerance: 0 })).explanation)).toEqual(['stage_outside']);
      expect(scoreOf(company({ stage: 'series_b' }), fund({ stages: ['seed'] }), config({ stageTolerance: 2 })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ stage: 'series_c_plus' }), fund({ stages: ['seed'] }), config({ stageTolerance: 2 })).explanation)).toEqual(['stage_outside']);
    });

    it('never excludes on stage when the company or the fund states none', () => {
      expect(scoreOf(company({ stage: null }), fund({ stages: ['seed'] })).explanation.excluded).toBe(false);
      expect(scoreOf(company({ stage: 'growth' }), fund({ stages: [] })).explanation.excluded).toBe(false);
    });
  });

  describe('ticket', () => {
    // Fund ticket 1M–2M, tolerance factor 10.
    it.each([25_000_000, 50_000, 1_000_000_000])('excludes funding sought of %p, more than 10× outside the range (ticket_outside)', (fundingSoughtEur) => {
      const { score, explanation } = scoreOf(company({ fundingSoughtEur }), fund());
      expect(score).toBe(0);
      expect(rules(explanation)).toEqual(['ticket_outside']);
    });

    it.each([15_000_000, 200_000, 1_000_000, 2_000_000])('keeps funding sought of %p, within 10× of the range', (fundingSoughtEur) => {
      const { score, explanation } = scoreOf(company({ fundingSoughtEur }), fund());
      expect(explanation.excluded).toBe(false);
      expect(score).toBeGreaterThan(0);
    });

    it('follows the configured tolerance factor', () => {
      expect(scoreOf(company({ fundingSoughtEur: 25_000_000 }), fund(), config({ ticketToleranceFactor: 100 })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ fundingSoughtEur: 5_000_000 }), fund(), config({ ticketToleranceFactor: 2 })).explanation)).toEqual(['ticket_outside']);
    });

    it('checks only the bounds the fund states, and never an unknown funding', () => {
      expect(scoreOf(company({ fundingSoughtEur: null }), fund()).explanation.excluded).toBe(false);
      expect(scoreOf(company({ fundingSoughtEur: 1e9 }), fund({ ticketMinEur: null, ticketMaxEur: null })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ fundingSoughtEur: 50_000 }), fund({ ticketMaxEur: null })).explanation)).toEqual(['ticket_outside']);
      expect(scoreOf(company({ fundingSoughtEur: 1e9 }), fund({ ticketMaxEur: null })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ fundingSoughtEur: 50_000_000 }), fund({ ticketMinEur: null })).explanation)).toEqual(['ticket_outside']);
      expect(scoreOf(company({ fundingSoughtEur: 1_000 }), fund({ ticketMinEur: null })).explanation.excluded).toBe(false);
    });
  });

  describe('geography', () => {
    it('accepts an EU country under the EU region but not Switzerland (geography_outside)', () => {
      expect(scoreOf(company({ country: 'IT' }), fund({ geographies: ['EU'] })).explanation.excluded).toBe(false);
      expect(scoreOf(company({ country: 'DE' }), fund({ geographies: ['EU'] })).explanation.excluded).toBe(false);
      const swiss = scoreOf(company({ country: 'CH' }), fund({ geographies: ['EU'] }));
      expect(swiss.score).toBe(0);
      expect(rules(swiss.explanation)).toEqual(['geography_outside']);
    });

    it('accepts any country under WORLD or when the fund states no geography', () => {
      for (const country of ['IT', 'CH', 'US', 'JP']) {
        expect(scoreOf(company({ country }), fund({ geographies: ['WORLD'] })).explanation.excluded).toBe(false);
        expect(scoreOf(company({ country }), fund({ geographies: [] })).explanation.excluded).toBe(false);
      }
    });

    it('accepts the countries listed and rejects the others', () => {
      expect(scoreOf(company({ country: 'CH' }), fund({ geographies: ['CH'] })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ country: 'IT' }), fund({ geographies: ['CH'] })).explanation)).toEqual(['geography_outside']);
      expect(scoreOf(company({ country: 'CH' }), fund({ geographies: ['EU', 'CH'] })).explanation.excluded).toBe(false);
      expect(rules(scoreOf(company({ country: 'US' }), fund({ geographies: ['EU', 'CH'] })).explanation)).toEqual(['geography_outside']);
    });
  });

  it('lists every rule that excludes a pair', () => {
    const { score, explanation } = scoreOf(company({ stage: 'growth', fundingSoughtEur: 1e9, country: 'US' }), fund({ active: false, stages: ['seed'] }));
    expect(score).toBe(0);
    expect(rules(explanation)).toEqual(['fund_inactive', 'stage_outside', 'ticket_outside', 'geography_outside']);
    if (explanation.excluded) for (const e of explanation.exclusions) expect(e.label.length).toBeGreaterThan(0);
  });

  it('scores 0 exactly when explain excludes, and otherwise what explain says within 0.05 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(companyArbitrary, fundArbitrary), { minLength: 1, maxLength: 5 }), (pairs) => {
        for (const scored of scoreAll(pairs)) {
          expect(explanationViolations(scored, VC_FACTORS)).toEqual([]);
          if (scored.explanation.excluded) expect(scored.explanation.exclusions.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('VcScorer soft factors', () => {
  it('scores a CAR-T company higher with a cell-therapy fund than with a small-molecule fund', () => {
    const [cell, chem] = scoreAll([
      [company(), cellTherapyFund()],
      [company(), smallMoleculeFund()],
    ]);
    expect(cell.score).toBeGreaterThan(chem.score);
    expect(contribution(cell.explanation, 'thesis_areas')).toBeGreaterThan(contribution(chem.explanation, 'thesis_areas'));
    expect(contribution(cell.explanation, 'text')).toBeGreaterThan(contribution(chem.explanation, 'text'));
  });

  it('scores a hierarchy match (CAR-T company, cell-therapy fund) between an exact match and no match', () => {
    const sameText = 'Fund for life sciences';
    const [exact, parent, none] = scores([
      [company(), fund({ text: sameText, therapeuticAreas: ['haematology'], modalities: ['car_t'] })],
      [company(), fund({ text: sameText, therapeuticAreas: ['oncology'], modalities: ['cell_therapy'] })],
      [company(), fund({ text: sameText, therapeuticAreas: ['cardiology'], modalities: ['small_molecule'] })],
    ]);
    expect(exact).toBeGreaterThan(parent);
    expect(parent).toBeGreaterThan(none);
  });

  it('ranks funding sought inside the ticket > just outside > far outside', () => {
    // Ticket 1M–2M.
    const [inside, justAbove, farAbove, justBelow, farBelow] = scores([
      [company({ fundingSoughtEur: 1_500_000 }), fund()],
      [company({ fundingSoughtEur: 2_500_000 }), fund()],
      [company({ fundingSoughtEur: 15_000_000 }), fund()],
      [company({ fundingSoughtEur: 800_000 }), fund()],
      [company({ fundingSoughtEur: 150_000 }), fund()],
    ]);
    expect(inside).toBeGreaterThan(justAbove);
    expect(justAbove).toBeGreaterThan(farAbove);
    expect(inside).toBeGreaterThan(justBelow);
    expect(justBelow).toBeGreaterThan(farBelow);
    expect(farAbove).toBeGreaterThan(0);
    expect(farBelow).toBeGreaterThan(0);
  });

  it('scores a company raising investment above one that says nothing, above one looking for something else', () => {
    const [investment, unsaid, licensing, both] = scoreAll([
      [company({ lookingFor: ['investment'] }), fund()],
      [company({ lookingFor: [] }), fund()],
      [company({ lookingFor: ['licensing_in'] }), fund()],
      [company({ lookingFor: ['licensing_in', 'investment'] }), fund()],
    ]);
    expect(investment.score).toBeGreaterThan(unsaid.score);
    expect(unsaid.score).toBeGreaterThan(licensing.score);
    expect(both.score).toBeCloseTo(investment.score, 9);
    expect(contribution(investment.explanation, 'wants_investment')).toBeGreaterThan(contribution(licensing.explanation, 'wants_investment'));
  });

  it('scores technology maturity against the TRL expected at the fund stage', () => {
    // A series A fund expects TRL 6.
    const seriesA = fund({ stages: ['series_a'] });
    const [mature, immature, unknown] = scores([
      [company({ stage: 'series_a', trl: 7 }), seriesA],
      [company({ stage: 'series_a', trl: 2 }), seriesA],
      [company({ stage: 'series_a', trl: null }), seriesA],
    ]);
    expect(mature).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(immature);
  });

  it("scores a description matching the fund's thesis above an unrelated one", () => {
    const [matching, unrelated] = scores([
      [company(), fund()],
      [company({ text: 'Gestionale per magazzini e logistica' }), fund()],
    ]);
    expect(matching).toBeGreaterThan(unrelated);
  });

  it("scores a fund specialised in the company's field above a generalist one that also covers it", () => {
    const generalist = fund({
      sectors: ['biotech', 'pharma', 'medtech', 'diagnostics'],
      therapeuticAreas: ['haematology', 'cardiology', 'neurology', 'dermatology'],
      modalities: ['car_t', 'small_molecule', 'medical_device', 'software_ai'],
    });
    const [specialised, broad] = scoreAll([
      [company(), fund()],
      [company(), generalist],
    ]);
    // Both cover everything the company does: the thesis factor takes the same share of each score...
    if (broad.explanation.excluded || specialised.explanation.excluded) throw new Error('expected matches');
    expect(contribution(broad.explanation, 'thesis_areas') / broad.explanation.score).toBeCloseTo(
      contribution(specialised.explanation, 'thesis_areas') / specialised.explanation.score,
      1,
    );
    // ...but only one focuses on it.
    expect(contribution(specialised.explanation, 'fund_focus')).toBeGreaterThan(contribution(broad.explanation, 'fund_focus'));
    expect(specialised.score).toBeGreaterThan(broad.score);
  });

  it('is reciprocal: a pair fitting only one side scores lower than one fitting both', () => {
    const generalist = fund({
      sectors: ['biotech', 'pharma', 'medtech', 'diagnostics'],
      therapeuticAreas: ['haematology', 'cardiology', 'neurology', 'dermatology'],
      modalities: ['car_t', 'small_molecule', 'medical_device', 'software_ai'],
    });
    const [both, fundSideOnly, companySideOnly] = scoreAll([
      [company(), fund()],
      // The company fits the thesis, but it is not raising and the fund barely focuses on its field.
      [company({ lookingFor: ['licensing_in'] }), generalist],
      // The fund suits the company, but the company is a stage off, far below the ticket, immature and partly off-thesis.
      [company({ stage: 'pre_seed', trl: 1, fundingSoughtEur: 150_000, text: 'Gestionale per magazzini', therapeuticAreas: ['haematology', 'dermatology'] }), fund()],
    ]);
    expect(fundSideOnly.score).toBeLessThan(both.score);
    expect(companySideOnly.score).toBeLessThan(both.score);
    expect(both.score).toBeGreaterThan(80);
    // The geometric mean pulls a one-sided pair well below the good pair, not just a little.
    expect(fundSideOnly.score).toBeLessThan(0.8 * both.score);
    expect(companySideOnly.score).toBeLessThan(0.8 * both.score);
  });

  it('credits each side with half the score in its reasons', () => {
    const { explanation } = scoreOf(company({ lookingFor: [] }), cellTherapyFund());
    if (explanation.excluded) throw new Error('expected a match');
    const side = (s: 0 | 1) => explanation.reasons.filter((r) => VC_FACTORS.find((f) => f.factor === r.factor)?.side === s).reduce((sum, r) => sum + r.contribution, 0);
    expect(side(0)).toBeCloseTo(explanation.score / 2, 0);
    expect(side(1)).toBeCloseTo(explanation.score / 2, 0);
  });

  it('switches a factor off with weight 0', () => {
    const noTicket = config({ venture_capital: { ...DEFAULT_SCORING_CONFIG.venture_capital, ticket: 0, ticketForCompany: 0 } });
    const [inside, outside] = scoreAll(
      [
        [company({ fundingSoughtEur: 1_500_000 }), fund()],
        [company({ fundingSoughtEur: 15_000_000 }), fund()],
      ],
      noTicket,
    );
    expect(outside.score).toBeCloseTo(inside.score, 9);
    expect(contribution(inside.explanation, 'ticket')).toBe(0);
  });

  it('improving one input while keeping the rest equal never lowers the score (property)', () => {
    type Improvement = (c: CompanyInput, f: FundInput, fraction: number, pick: number) => [CompanyInput, FundInput];
    const improvements: Record<string, Improvement> = {
      fundingCloserToTicket: (c, f, fraction) => {
        if (c.fundingSoughtEur === null) return [c, f];
        const log = Math.log10(c.fundingSoughtEur);
        const min = f.ticketMinEur !== null ? Math.log10(f.ticketMinEur) : -Infinity;
        const max = f.ticketMaxEur !== null ? Math.log10(f.ticketMaxEur) : Infinity;
        const target = log < min ? min : log > max ? max : log;
        return [{ ...c, fundingSoughtEur: 10 ** (log + (target - log) * fraction) }, f];
      },
      addInvestment: (c, f) => [{ ...c, lookingFor: c.lookingFor.includes('investment') ? c.lookingFor : [...c.lookingFor, 'investment'] }, f],
      matchStage: (c, f, _fraction, pick) => [{ ...c, stage: f.stages.length > 0 ? f.stages[pick % f.stages.length] : c.stage }, f],
      stageOneStepCloser: (c, f) => {
        if (c.stage === null || f.stages.length === 0) return [c, f];
        const s = STAGES.indexOf(c.stage);
        const nearest = f.stages.map((t) => STAGES.indexOf(t)).sort((a, b) => Math.abs(a - s) - Math.abs(b - s))[0];
        return [{ ...c, stage: STAGES[s + Math.sign(nearest - s)] }, f];
      },
      raiseTrl: (c, f, fraction) => [{ ...c, trl: c.trl === null ? null : Math.round(c.trl + (9 - c.trl) * fraction) }, f],
      acceptCountry: (c, f) => [c, { ...f, geographies: f.geographies.length > 0 ? [...f.geographies, c.country] : f.geographies }],
      activate: (c, f) => [c, { ...f, active: true }],
      fundTextLikeCompany: (c, f) => [c, { ...f, text: c.text }],
    };
    fc.assert(
      fc.property(
        companyArbitrary,
        fundArbitrary,
        fc.constantFrom(...Object.keys(improvements)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (c, f, name, fraction, pick) => {
          const [better, betterFund] = improvements[name](c, f, fraction, pick);
          const [before, after] = scoreAll([
            [c, f],
            [better, betterFund],
          ]);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(after.explanation.score).toBeGreaterThanOrEqual(before.explanation.score);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps scores within [0, 100] and finite for any valid config (property)', () => {
    fc.assert(
      fc.property(configArbitrary, fc.array(fc.tuple(companyArbitrary, fundArbitrary), { minLength: 1, maxLength: 4 }), (cfg, pairs) => {
        for (const scored of scoreAll(pairs, cfg)) expect(boundsViolations(scored)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
