import fc from 'fast-check';
import { COLLABORATION_TYPES, COMPANY_KINDS, LOOKING_FOR, STAGES, type CollaborationType, type CompanyKind, type LookingFor } from '../profile/profile.enums';
import { TAXONOMY } from '../taxonomy/taxonomy.data';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './scoring-config';
import { COLLABORATION_ANSWERS } from './scoring-space';
import { LUNG_IMAGING_STARTUP, LUNG_MRI_OFFER, boundsViolations, contribution, explanationViolations, factory, ttScoring } from './scoring.fixtures';
import type { CompanyInput, OfferInput } from './scoring.types';
import { TT_FACTORS } from './tt-scorer';

// ---------------------------------------------------------------------------------------------------------------
// Factories

const company = factory(LUNG_IMAGING_STARTUP);
const offer = factory(LUNG_MRI_OFFER);

const UNRELATED_TEXT = 'Biodegradable polymer scaffold for knee cartilage repair in orthopaedic surgery';

const BACKGROUND = [
  'We develop CAR-T cell therapies for leukaemia',
  'Wearable sensor for remote monitoring of heart patients',
  'Anticorpi monoclonali per malattie autoimmuni',
  'Piattaforma di sequenziamento genomico per malattie rare',
  UNRELATED_TEXT,
];

const { scoreAll, scores, scoreOf } = ttScoring(BACKGROUND);

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const WORDS = [
  'we', 'need', 'the', 'per', 'la', 'algorithm', 'machine learning', 'lung', 'MRI', 'imaging', 'software', 'CAR-T', 'terapia cellulare',
  'oncology', 'cancer', 'vaccine', 'polymer', 'scaffold', 'cartilage', 'sensor', 'licensing', 'brevetto', 'piattaforma', 'diagnostic',
];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(' '));
const codes = (dimension: 'sectors' | 'therapeuticAreas' | 'modalities') => fc.subarray(TAXONOMY[dimension].map((t) => t.code), { maxLength: 3 });

const companyArbitrary: fc.Arbitrary<CompanyInput> = fc
  .record({
    kind: fc.constantFrom(...COMPANY_KINDS),
    stage: fc.option(fc.constantFrom(...STAGES), { nil: null }),
    trl: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    lookingFor: fc.subarray<LookingFor>([...LOOKING_FOR]),
    text,
    technologyNeeds: fc.option(text, { nil: null }),
    sectors: codes('sectors'),
    therapeuticAreas: codes('therapeuticAreas'),
    modalities: codes('modalities'),
  })
  .map((r) => company(r));

const offerArbitrary: fc.Arbitrary<OfferInput> = fc
  .record({
    trl: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    collaborationTypes: fc.subarray<CollaborationType>([...COLLABORATION_TYPES]),
    text,
    sectors: codes('sectors'),
    therapeuticAreas: codes('therapeuticAreas'),
    modalities: codes('modalities'),
  })
  .map((r) => offer(r));

const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }));
const configArbitrary: fc.Arbitrary<ScoringConfig> = fc
  .record({ companyAreas: weight, absorption: weight, collaboration: weight, offerAreas: weight, needsText: weight, wantsTechnology: weight })
  .map((tech_transfer) => ({ ...DEFAULT_SCORING_CONFIG, tech_transfer }));

// ---------------------------------------------------------------------------------------------------------------

describe('TtScorer exclusion', () => {
  it('keeps a well-matched pair with a high score', () => {
    const { score, explanation } = scoreOf(offer(), company());
    expect(explanation.excluded).toBe(false);
    expect(score).toBeGreaterThan(70);
  });

  it('excludes a company looking only for investment (not_looking_for_technology)', () => {
    const { score, explanation } = scoreOf(offer(), company({ lookingFor: ['investment'] }));
    expect(score).toBe(0);
    expect(explanation).toEqual({ excluded: true, score: 0, exclusions: [{ rule: 'not_looking_for_technology', label: expect.any(String) }] });
  });

  it.each([[[]], [['licensing_in']], [['rd_partnership']], [['investment', 'licensing_in']], [['investment', 'rd_partnership']]] as Array<[LookingFor[]]>)(
    'keeps a company looking for %p',
    (lookingFor) => {
      const { score, explanation } = scoreOf(offer(), company({ lookingFor }));
      expect(explanation.excluded).toBe(false);
      expect(score).toBeGreaterThan(0);
    },
  );

  it('scores 0 exactly when explain excludes, and otherwise equals the explained score (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(offerArbitrary, companyArbitrary), { minLength: 1, maxLength: 5 }), (pairs) => {
        const results = scoreAll(pairs);
        for (const [i, [, c]] of pairs.entries()) {
          expect(explanationViolations(results[i], TT_FACTORS)).toEqual([]);
          expect(results[i].explanation.excluded).toBe(c.lookingFor.length > 0 && !c.lookingFor.some((l) => l === 'licensing_in' || l === 'rd_partnership'));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('TtScorer factors', () => {
  it('scores a collaboration the company looks for (licensing ↔ licensing_in) above a mismatch', () => {
    const [match, mismatch, unstated] = scoreAll([
      [offer({ collaborationTypes: ['licensing'] }), company({ lookingFor: ['licensing_in'] })],
      [offer({ collaborationTypes: ['co_development'] }), company({ lookingFor: ['licensing_in'] })],
      [offer({ collaborationTypes: [] }), company({ lookingFor: ['licensing_in'] })],
    ]);
    expect(match.score).toBeGreaterThan(mismatch.score);
    expect(match.score).toBeGreaterThan(unstated.score);
    expect(unstated.score).toBeGreaterThan(mismatch.score);
    expect(contribution(match.explanation, 'collaboration')).toBeGreaterThan(contribution(mismatch.explanation, 'collaboration'));
  });

  it('matches R&D partnership with co-development and sponsored research, and investment with a spin-off', () => {
    const rd = company({ lookingFor: ['rd_partnership'] });
    const [coDevelopment, sponsored, licensing] = scores([
      [offer({ collaborationTypes: ['co_development'] }), rd],
      [offer({ collaborationTypes: ['sponsored_research'] }), rd],
      [offer({ collaborationTypes: ['licensing'] }), rd],
    ]);
    expect(coDevelopment).toBeGreaterThan(licensing);
    expect(sponsored).toBeCloseTo(coDevelopment, 9);
    expect(COLLABORATION_ANSWERS.spin_off).toBe('investment');
    const investorToo = company({ lookingFor: ['investment', 'rd_partnership'] });
    const [spinOff, mismatch] = scores([
      [offer({ collaborationTypes: ['spin_off'] }), investorToo],
      [offer({ collaborationTypes: ['licensing'] }), investorToo],
    ]);
    expect(spinOff).toBeGreaterThan(mismatch);
  });

  it('lets a corporate absorb a larger TRL gap than an SME, and an SME more than a startup', () => {
    // Company TRL 8, offer TRL 3: a gap of 5.
    const early = offer({ trl: 3 });
    const [startup, sme, corporate] = scoreAll(COMPANY_KINDS.map((kind) => [early, company({ kind, trl: 8 })] as const));
    expect(corporate.score).toBeGreaterThan(sme.score);
    expect(sme.score).toBeGreaterThan(startup.score);
    expect(contribution(corporate.explanation, 'absorption')).toBeGreaterThan(contribution(startup.explanation, 'absorption'));
  });

  it('does not depend on the kind when every kind absorbs the gap', () => {
    for (const [offerTrl, companyTrl] of [
      [5, 6],
      [4, 6],
      [9, 3],
    ]) {
      const [startup, sme, corporate] = scores(COMPANY_KINDS.map((kind) => [offer({ trl: offerTrl }), company({ kind, trl: companyTrl })] as const));
      expect(sme).toBeCloseTo(startup, 9);
      expect(corporate).toBeCloseTo(startup, 9);
    }
  });

  it('scores an unknown TRL between an absorbable and a too-early technology', () => {
    const [absorbable, unknown, tooEarly] = scores([
      [offer({ trl: 5 }), company({ trl: 6 })],
      [offer({ trl: null }), company({ trl: 6 })],
      [offer({ trl: 1 }), company({ trl: 9 })],
    ]);
    expect(absorbable).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(tooEarly);
  });

  it("scores an offer whose text matches the company's technology needs above unrelated text", () => {
    const [matching, unrelated] = scoreAll([
      [offer(), company()],
      [offer({ text: UNRELATED_TEXT }), company()],
    ]);
    expect(matching.score).toBeGreaterThan(unrelated.score);
    expect(contribution(matching.explanation, 'needs_text')).toBeGreaterThan(contribution(unrelated.explanation, 'needs_text'));
  });

  it('reads the technology needs, not only the description', () => {
    const describedOnly = 'Clinic operator';
    const [withNeeds, withoutNeeds] = scores([
      [offer(), company({ text: describedOnly })],
      [offer(), company({ text: describedOnly, technologyNeeds: null })],
    ]);
    expect(withNeeds).toBeGreaterThan(withoutNeeds);
  });

  it("scores an offer in the company's field above one in another field", () => {
    const [inField, parentField, otherField] = scores([
      [offer({ text: 'A new technology' }), company()],
      [offer({ text: 'A new technology', sectors: ['digital_health'], therapeuticAreas: ['respiratory'], modalities: ['medical_device'] }), company({ modalities: ['wearable_device'] })],
      [offer({ text: 'A new technology', sectors: ['pharma'], therapeuticAreas: ['oncology'], modalities: ['car_t'] }), company()],
    ]);
    expect(inField).toBeGreaterThan(otherField);
    expect(parentField).toBeGreaterThan(otherField);
  });

  it('scores a company that says it looks for technology above one that says nothing', () => {
    const [looking, unsaid] = scores([
      [offer(), company({ lookingFor: ['licensing_in'] })],
      [offer(), company({ lookingFor: [] })],
    ]);
    expect(looking).toBeGreaterThan(unsaid);
  });

  it('switches a factor off with weight 0', () => {
    const noAbsorption: ScoringConfig = { ...DEFAULT_SCORING_CONFIG, tech_transfer: { ...DEFAULT_SCORING_CONFIG.tech_transfer, absorption: 0 } };
    const [startup, corporate] = scoreAll(
      (['startup', 'corporate'] as CompanyKind[]).map((kind) => [offer({ trl: 1 }), company({ kind, trl: 9 })] as const),
      noAbsorption,
    );
    expect(corporate.score).toBeCloseTo(startup.score, 9);
    expect(contribution(startup.explanation, 'absorption')).toBe(0);
  });

  it('never scores a larger company lower, and never lowers a score by offering what the company looks for (property)', () => {
    fc.assert(
      fc.property(offerArbitrary, companyArbitrary, fc.constantFrom<LookingFor>('licensing_in', 'rd_partnership'), (o, c, wanted) => {
        const kinds = scoreAll(COMPANY_KINDS.map((kind) => [o, { ...c, kind }] as const)).map((s) => s.score);
        expect(kinds[1]).toBeGreaterThanOrEqual(kinds[0]);
        expect(kinds[2]).toBeGreaterThanOrEqual(kinds[1]);
        const answering = COLLABORATION_TYPES.find((type) => COLLABORATION_ANSWERS[type] === wanted) as CollaborationType;
        const wanting = { ...c, lookingFor: [...new Set([...c.lookingFor, wanted])] };
        const [before, after] = scores([
          [o, wanting],
          [{ ...o, collaborationTypes: [...new Set([...o.collaborationTypes, answering])] }, wanting],
        ]);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps scores within [0, 100] and finite for any valid config (property)', () => {
    fc.assert(
      fc.property(configArbitrary, fc.array(fc.tuple(offerArbitrary, companyArbitrary), { minLength: 1, maxLength: 4 }), (cfg, pairs) => {
        for (const scored of scoreAll(pairs, cfg)) expect(boundsViolations(scored)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
