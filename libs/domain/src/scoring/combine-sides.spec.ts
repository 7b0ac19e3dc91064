import fc from 'fast-check';
import { combineSides, explainSides, type FactorDefinition } from './combine-sides';

const f64 = (values: readonly number[]): Float64Array => Float64Array.from(values);

/** A small two-sided factor set: three factors judged from side 0, two from side 1. */
const DEFINITIONS: readonly FactorDefinition[] = [
  { factor: 'a', label: 'Factor a', side: 0 },
  { factor: 'b', label: 'Factor b', side: 0 },
  { factor: 'c', label: 'Factor c', side: 0 },
  { factor: 'd', label: 'Factor d', side: 1 },
  { factor: 'e', label: 'Factor e', side: 1 },
];
const SIDES = Uint8Array.from(DEFINITIONS.map((d) => d.side));

function score(weights: readonly number[], values: readonly number[], sides: Uint8Array = SIDES): number {
  return combineSides(f64(weights), f64(values), sides);
}

/** Config-like weights: 0 (factor off) or a positive value up to 10. */
const weightArbitrary = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 1, max: 10 }));
/** Factor values: anywhere in [0, 1], with the ends and the neutral 0.5 often. */
const valueArbitrary = fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));

/** Random factor sets: between 1 and 10 factors, each on a random side, with weights and values. */
const caseArbitrary = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    sides: fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: n, maxLength: n }),
    weights: fc.array(weightArbitrary, { minLength: n, maxLength: n }),
    values: fc.array(valueArbitrary, { minLength: n, maxLength: n }),
  }),
);

const definitionsOf = (sides: readonly (0 | 1)[]): FactorDefinition[] => sides.map((side, i) => ({ factor: `f${i}`, label: `Factor ${i}`, side }));
const total = (reasons: ReadonlyArray<{ contribution: number }>): number => reasons.reduce((s, r) => s + r.contribution, 0);

describe('combineSides', () => {
  it('is 100 when every factor is perfect and 0 when every factor is 0', () => {
    expect(score([1, 1, 1, 1, 1], [1, 1, 1, 1, 1])).toBeCloseTo(100, 9);
    expect(score([1, 1, 1, 1, 1], [0, 0, 0, 0, 0])).toBe(0);
  });

  it("is 100 × the geometric mean of the two sides' weighted means", () => {
    // Side 0: (3·1 + 1·0 + 0·0.3) / 4 = 0.75; side 1: (1·1 + 1·0) / 2 = 0.5.
    expect(score([3, 1, 0, 1, 1], [1, 0, 0.3, 1, 0])).toBeCloseTo(100 * Math.sqrt(0.75 * 0.5), 9);
    expect(score([1, 1, 1, 1, 1], [1, 1, 1, 0.25, 0.25])).toBeCloseTo(50, 9);
  });

  it("is 0 when one side's fit is 0, however well the other side fits", () => {
    expect(score([1, 1, 1, 1, 1], [1, 1, 1, 0, 0])).toBe(0);
    expect(score([1, 1, 1, 1, 1], [0, 0, 0, 1, 1])).toBe(0);
    expect(score([2, 5, 1, 3, 0], [0, 0, 0, 1, 1])).toBe(0);
  });

  it('is reciprocal: a pair suiting only one side scores below a balanced pair with the same average', () => {
    const oneSided = score([1, 1, 1, 1, 1], [1, 1, 1, 0.2, 0.2]);
    const balanced = score([1, 1, 1, 1, 1], [0.6, 0.6, 0.6, 0.6, 0.6]);
    expect(oneSided).toBeLessThan(balanced);
    expect(oneSided).toBeCloseTo(100 * Math.sqrt(0.2), 9);
    expect(balanced).toBeCloseTo(60, 9);
  });

  it('ignores factors of weight 0, and treats a side with no weight as fully satisfied', () => {
    expect(score([1, 0, 1, 1, 1], [1, 0, 1, 1, 1])).toBeCloseTo(100, 9);
    expect(score([1, 0, 1, 1, 1], [1, 1, 1, 1, 1])).toBeCloseTo(100, 9);
    // Side 1 switched off: the score is 100 × √(fit of side 0).
    expect(score([1, 1, 1, 0, 0], [0.25, 0.25, 0.25, 0, 0])).toBeCloseTo(50, 9);
    // Every weight 0: nothing to judge.
    expect(score([0, 0, 0, 0, 0], [0, 0, 0, 0, 0])).toBeCloseTo(100, 9);
  });

  it('depends only on the relative weights within each side', () => {
    const values = [0.9, 0.1, 0.4, 0.7, 0.3];
    expect(score([1, 2, 3, 4, 5], values)).toBeCloseTo(score([2, 4, 6, 4, 5], values), 9);
    expect(score([1, 2, 3, 4, 5], values)).toBeCloseTo(score([1, 2, 3, 0.4, 0.5], values), 9);
  });

  it('stays within [0, 100] and finite (property)', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ sides, weights, values }) => {
        const s = score(weights, values, Uint8Array.from(sides));
        expect(Number.isFinite(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('is monotone: raising any one factor value never lowers the score (property)', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), ({ sides, weights, values }, which, fraction) => {
        const i = which % values.length;
        const raised = [...values];
        raised[i] = values[i] + (1 - values[i]) * fraction;
        const sideArray = Uint8Array.from(sides);
        expect(score(weights, raised, sideArray)).toBeGreaterThanOrEqual(score(weights, values, sideArray));
      }),
    );
  });

  it('is monotone in every factor at once: raising several values never lowers the score (property)', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), ({ sides, weights, values }, fractions) => {
        const raised = values.map((v, i) => v + (1 - v) * fractions[i]);
        const sideArray = Uint8Array.from(sides);
        expect(score(weights, raised, sideArray)).toBeGreaterThanOrEqual(score(weights, values, sideArray));
      }),
    );
  });

  it('does not change when a factor of weight 0 changes (property)', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.nat(), valueArbitrary, ({ sides, weights, values }, which, replacement) => {
        const i = which % values.length;
        const off = [...weights];
        off[i] = 0;
        const changed = [...values];
        changed[i] = replacement;
        const sideArray = Uint8Array.from(sides);
        expect(score(off, changed, sideArray)).toBe(score(off, values, sideArray));
      }),
    );
  });
});

describe('explainSides', () => {
  it('credits half of the score to each side, shared in proportion to weighted values', () => {
    const weights = f64([2, 1, 1, 1, 1]);
    const values = f64([1, 1, 0, 1, 0.5]);
    const s = combineSides(weights, values, SIDES);
    const reasons = explainSides(DEFINITIONS, weights, values, s);
    const byFactor = Object.fromEntries(reasons.map((r) => [r.factor, r.contribution]));
    // Side 0 sums 2·1 + 1·1 + 0 = 3: a gets 2/3 of half the score, b 1/3, c nothing.
    expect(byFactor.a).toBeCloseTo(((s / 2) * 2) / 3, 1);
    expect(byFactor.b).toBeCloseTo(s / 2 / 3, 1);
    expect(byFactor.c).toBe(0);
    // Side 1 sums 1 + 0.5 = 1.5.
    expect(byFactor.d).toBeCloseTo(((s / 2) * 1) / 1.5, 1);
    expect(byFactor.e).toBeCloseTo(((s / 2) * 0.5) / 1.5, 1);
    expect(total(reasons)).toBeCloseTo(s, 1);
  });

  it('lists every factor once with its label, sorted by contribution, rounded to 0.1', () => {
    const weights = f64([1, 3, 1, 1, 2]);
    const values = f64([0.2, 0.9, 0.5, 0.4, 1]);
    const reasons = explainSides(DEFINITIONS, weights, values, combineSides(weights, values, SIDES));
    expect(reasons.map((r) => r.factor).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const r of reasons) {
      expect(r.label).toBe(DEFINITIONS.find((d) => d.factor === r.factor)?.label);
      expect(Math.round(r.contribution * 10) / 10).toBeCloseTo(r.contribution, 9);
    }
    const contributions = reasons.map((r) => r.contribution);
    expect(contributions).toEqual([...contributions].sort((x, y) => y - x));
  });

  it('gives nothing to a factor switched off or of value 0, and nothing at all for a score of 0', () => {
    const weights = f64([0, 1, 1, 1, 1]);
    const values = f64([1, 1, 0, 1, 1]);
    const reasons = explainSides(DEFINITIONS, weights, values, combineSides(weights, values, SIDES));
    expect(reasons.find((r) => r.factor === 'a')?.contribution).toBe(0);
    expect(reasons.find((r) => r.factor === 'c')?.contribution).toBe(0);
    const zero = explainSides(DEFINITIONS, f64([1, 1, 1, 1, 1]), f64([1, 1, 1, 0, 0]), 0);
    expect(zero.every((r) => r.contribution === 0)).toBe(true);
  });

  it('credits the whole score to the only side with weights', () => {
    const weights = f64([1, 1, 1, 0, 0]);
    const values = f64([1, 0.5, 0.5, 1, 1]);
    const s = combineSides(weights, values, SIDES);
    const reasons = explainSides(DEFINITIONS, weights, values, s);
    expect(total(reasons)).toBeCloseTo(s, 1);
    expect(reasons.filter((r) => r.factor === 'd' || r.factor === 'e').every((r) => r.contribution === 0)).toBe(true);
  });

  it('adds up to the score for default VC weights where rounding each share alone missed it by 0.3 (regression)', () => {
    // Default VC weights, values: unknown areas, exact stage and ticket, low maturity, perfect text and focus, ticket too small.
    const sides: (0 | 1)[] = [0, 0, 0, 0, 0, 1, 1, 1];
    const weights = f64([3, 2, 2, 1, 2, 2, 2, 1]);
    const values = f64([0.5, 1, 1, 0.2, 1, 1, 1, 0.2]);
    const s = combineSides(weights, values, Uint8Array.from(sides));
    expect(s).toBeCloseTo(80.42, 2);
    const reasons = explainSides(definitionsOf(sides), weights, values, s);
    expect(total(reasons)).toBeCloseTo(80.4, 9);
  });

  it("has contributions that add up to the score within 0.2, all non-negative (property)", () => {
    const usable = caseArbitrary.filter(({ weights }) => weights.some((w) => w > 0));
    fc.assert(
      fc.property(usable, ({ sides, weights, values }) => {
        const w = f64(weights);
        const v = f64(values);
        const s = combineSides(w, v, Uint8Array.from(sides));
        const reasons = explainSides(definitionsOf(sides), w, v, s);
        expect(reasons).toHaveLength(values.length);
        expect(reasons.every((r) => r.contribution >= 0 && Number.isFinite(r.contribution))).toBe(true);
        expect(Math.abs(total(reasons) - s)).toBeLessThanOrEqual(0.2);
      }),
      { numRuns: 1000 },
    );
  });
  it('adds up to the score within 0.2 with many factors all in use, as in the VC scorer (property)', () => {
    const sides: (0 | 1)[] = [0, 0, 0, 0, 0, 1, 1, 1];
    const definitions = definitionsOf(sides);
    const many = fc.tuple(
      fc.array(fc.double({ min: 0.5, max: 10, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
    );
    fc.assert(
      fc.property(many, ([weights, values]) => {
        const w = f64(weights);
        const v = f64(values);
        const s = combineSides(w, v, Uint8Array.from(sides));
        const reasons = explainSides(definitions, w, v, s);
        expect(Math.abs(total(reasons) - s)).toBeLessThanOrEqual(0.2);
        // In fact to the nearest tenth: the contributions add up to the score rounded as explain() shows it.
        expect(Math.abs(total(reasons) - s)).toBeLessThanOrEqual(0.05 + 1e-9);
        // Each contribution stays within a tenth of its exact share of the score.
        const sums = [0, 1].map((side) => weights.reduce((sum, weight, i) => (sides[i] === side ? sum + weight * values[i] : sum), 0));
        for (const r of reasons) {
          const i = Number(r.factor.slice(1));
          const exact = ((s / 2) * weights[i] * values[i]) / sums[sides[i]];
          expect(Math.abs(r.contribution - exact)).toBeLessThan(0.1 + 1e-9);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
