import fc from 'fast-check';
import { CAR_T_SEED_FUND, CAR_T_STARTUP, LUNG_MRI_OFFER } from './scoring.fixtures';
import { ScoringSpace } from './scoring-space';
import {
  DECLINE_REASON_KINDS,
  FEEDBACK_FACTORS,
  FEEDBACK_KINDS,
  FEEDBACK_PRIOR,
  FEEDBACK_STRENGTH,
  featuresOfCompany,
  featuresOfFund,
  featuresOfOffer,
  PairFeedback,
  ScoringFeedback,
  withFeedback,
  type FeedbackSignal,
} from './scoring-feedback';
import { FACTORS_OF_AREA, fromContributions, reasonsFor, toContributions } from './match-reasons';

const space = new ScoringSpace().fit([CAR_T_STARTUP.text, CAR_T_SEED_FUND.text, LUNG_MRI_OFFER.text]);
const preSeed = space.company({ ...CAR_T_STARTUP, id: 'pre-seed', stage: 'pre_seed' });
const otherPreSeed = space.company({ ...CAR_T_STARTUP, id: 'other-pre-seed', stage: 'pre_seed', therapeuticAreas: ['cardiology'], sectors: ['medtech'], modalities: [] });
const seed = space.company({ ...CAR_T_STARTUP, id: 'seed', stage: 'seed' });
const fund = space.fund({ ...CAR_T_SEED_FUND, id: 'fund', stages: ['pre_seed', 'seed'] });

const decline = (reviewerId: string, features: readonly string[], reason: keyof typeof DECLINE_REASON_KINDS): FeedbackSignal => ({
  reviewerId,
  features,
  polarity: 'negative',
  kinds: DECLINE_REASON_KINDS[reason],
  weight: 1,
});
const positive = (reviewerId: string, features: readonly string[], weight = 1): FeedbackSignal => ({ reviewerId, features, polarity: 'positive', kinds: FEEDBACK_KINDS, weight });

describe('features', () => {
  it("names a company's stage, the decade of its raise and each of its taxonomy codes", () => {
    const features = featuresOfCompany(preSeed);
    expect(features).toContain('stage:0');
    expect(features).toContain(`ticket:${Math.floor(Math.log10(CAR_T_STARTUP.fundingSoughtEur as number))}`);
    expect(features.filter((f) => f.startsWith('area:'))).toHaveLength(3);
  });

  it("names each of a fund's stages and an offer's TRL", () => {
    expect(featuresOfFund(fund).filter((f) => f.startsWith('stage:'))).toEqual(['stage:0', 'stage:1']);
    expect(featuresOfOffer(space.offer(LUNG_MRI_OFFER))).toContain(`stage:trl${LUNG_MRI_OFFER.trl}`);
  });
});

describe('ScoringFeedback', () => {
  it('lowers, for a fund that declined pre-seed companies for their stage, other pre-seed companies, and not seed ones', () => {
    const signals = [1, 2, 3].map(() => decline('fund', featuresOfCompany(preSeed), 'stage'));
    const feedback = new ScoringFeedback(signals);
    const expected = 1 - FEEDBACK_STRENGTH * (3 / (3 + FEEDBACK_PRIOR));
    expect(feedback.multiplier('fund', featuresOfCompany(otherPreSeed))).toBeCloseTo(expected, 10);
    expect(feedback.multiplier('fund', featuresOfCompany(seed))).toBe(1);
    // Nobody else's scores move.
    expect(feedback.multiplier('another-fund', featuresOfCompany(otherPreSeed))).toBe(1);
    expect(feedback.has('another-fund')).toBe(false);
  });

  it('reads a decline for its reason only: an "area" decline says nothing about the stage, "timing" nothing at all', () => {
    const byArea = new ScoringFeedback([decline('fund', featuresOfCompany(preSeed), 'area')]);
    expect(byArea.multiplier('fund', featuresOfCompany(otherPreSeed))).toBe(1); // same stage, other fields
    expect(byArea.multiplier('fund', featuresOfCompany(seed))).toBeLessThan(1); // other stage, same fields
    const byTiming = new ScoringFeedback([decline('fund', featuresOfCompany(preSeed), 'timing')]);
    expect(byTiming.has('fund')).toBe(false);
    expect(byTiming.multiplier('fund', featuresOfCompany(preSeed))).toBe(1);
  });

  it('weighs positive decisions against declines: shortlisted pre-seed companies soften the penalty', () => {
    const declines = [1, 2, 3].map(() => decline('fund', featuresOfCompany(preSeed), 'stage'));
    const only = new ScoringFeedback(declines).multiplier('fund', featuresOfCompany(otherPreSeed));
    const softened = new ScoringFeedback([...declines, positive('fund', featuresOfCompany(preSeed), 2)]).multiplier('fund', featuresOfCompany(otherPreSeed));
    expect(softened).toBeGreaterThan(only);
    expect(softened).toBeCloseTo(1 - FEEDBACK_STRENGTH * (3 / (3 + 2 + FEEDBACK_PRIOR)), 10);
    // Positive evidence alone changes nothing (feedback only lowers).
    expect(new ScoringFeedback([positive('fund', featuresOfCompany(preSeed))]).has('fund')).toBe(false);
  });

  it('stays within [1 − strength, 1] and never rises with more declines (property)', () => {
    const feature = fc.constantFrom('stage:0', 'stage:1', 'ticket:6', 'area:1:3', 'area:0:2');
    const signal = fc.record({
      polarity: fc.constantFrom<'negative' | 'positive'>('negative', 'positive'),
      reason: fc.constantFrom<keyof typeof DECLINE_REASON_KINDS>('stage', 'ticket', 'area', 'timing', 'other'),
      features: fc.uniqueArray(feature, { maxLength: 4 }),
      weight: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 30 }), fc.uniqueArray(feature, { maxLength: 5 }), (raw, counterpart) => {
        const signals: FeedbackSignal[] = raw.map((s) =>
          s.polarity === 'negative' ? { ...decline('r', s.features, s.reason), weight: s.weight } : positive('r', s.features, s.weight),
        );
        const m = new ScoringFeedback(signals).multiplier('r', counterpart);
        const more = new ScoringFeedback([...signals, decline('r', counterpart, 'stage'), decline('r', counterpart, 'area'), decline('r', counterpart, 'ticket')]).multiplier('r', counterpart);
        return m >= 1 - FEEDBACK_STRENGTH && m <= 1 && more <= m;
      }),
    );
  });
});

describe('PairFeedback', () => {
  it("applies the fund's view of the company and the company's view of the fund, both ways", () => {
    const feedback = new PairFeedback(
      new ScoringFeedback([decline('fund', featuresOfCompany(preSeed), 'stage'), decline('other-pre-seed', featuresOfFund(fund), 'ticket')]),
    );
    const fundSide = 1 - FEEDBACK_STRENGTH * (1 / (1 + FEEDBACK_PRIOR));
    expect(feedback.vc(preSeed, fund)).toBeCloseTo(fundSide, 10);
    expect(feedback.vc(otherPreSeed, fund)).toBeCloseTo(fundSide * fundSide, 10);
    expect(feedback.vc(seed, fund)).toBe(1);
    expect(new PairFeedback(ScoringFeedback.none).tt(space.offer(LUNG_MRI_OFFER), seed)).toBe(1);
  });
});

describe('withFeedback', () => {
  const reasons = [
    { factor: 'thesis_areas', label: 'a', contribution: 40.2 },
    { factor: 'stage', label: 'b', contribution: 20 },
  ];
  const total = (list: Array<{ contribution: number }>) => Math.round(list.reduce((sum, r) => sum + r.contribution, 0) * 10) / 10;

  it("scales the score and adds one negative reason per deciding side, so the reasons still add up to the score", () => {
    const adjusted = withFeedback(60.2, reasons, { company: 1, partner: 0.8 });
    expect(adjusted.score).toBe(48.2);
    expect(adjusted.reasons.at(-1)).toEqual({ factor: FEEDBACK_FACTORS.partner.factor, label: FEEDBACK_FACTORS.partner.label, contribution: -12 });
    expect(total(adjusted.reasons)).toBe(48.2);
    const both = withFeedback(60.2, reasons, { company: 0.9, partner: 0.8 });
    expect(both.score).toBe(43.3);
    expect(both.reasons.map((r) => r.factor)).toEqual(['thesis_areas', 'stage', 'feedback_partner', 'feedback_company']);
    expect(total(both.reasons)).toBe(43.3);
    expect(withFeedback(60.2, reasons, { company: 1, partner: 1 })).toEqual({ score: 60.2, reasons });
  });

  it("survives storage; each side reads its own feedback only, with the other side's folded into the positive reasons", () => {
    const adjusted = withFeedback(60, [{ factor: 'stage', label: 'b', contribution: 40 }, { factor: 'text', label: 'c', contribution: 20 }], { company: 1, partner: 0.75 });
    const stored = toContributions('venture_capital', adjusted.reasons);
    expect(stored).toHaveLength(FACTORS_OF_AREA.venture_capital.length);
    // Staff and the fund (whose declines these are) see the feedback.
    const forFund = fromContributions('venture_capital', stored, 'partner');
    expect(forFund.map((r) => [r.factor, r.contribution])).toEqual([
      ['stage', 40],
      ['text', 20],
      ['feedback_partner', -15],
    ]);
    expect(fromContributions('venture_capital', stored)).toEqual(forFund);
    // The company does not: the same score, from its positive factors only.
    const forCompany = fromContributions('venture_capital', stored, 'company');
    expect(forCompany.map((r) => [r.factor, r.contribution])).toEqual([
      ['stage', 30],
      ['text', 15],
    ]);
    expect(reasonsFor('venture_capital', stored, 'company').map((r) => r.factor)).not.toContain('feedback_partner');
  });

  it('keeps the total when folding, whatever the contributions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (tenths, company, partner) => {
          const base = tenths.map((t, i) => ({ factor: FACTORS_OF_AREA.venture_capital[i].factor, label: '', contribution: t / 10 }));
          const score = total(base);
          const adjusted = withFeedback(score, base, { company, partner });
          const stored = toContributions('venture_capital', adjusted.reasons);
          for (const viewer of ['company', 'partner', 'staff'] as const) {
            const read = reasonsFor('venture_capital', stored, viewer);
            if (Math.abs(total(read) - adjusted.score) > 0.051) return false;
            if (read.some((r) => r.contribution < 0 && r.factor !== (viewer === 'company' ? 'feedback_company' : viewer === 'partner' ? 'feedback_partner' : r.factor))) return false;
          }
          return true;
        },
      ),
    );
  });
});
