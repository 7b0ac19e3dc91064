import fc from 'fast-check';
import { DEFAULT_SCORING_CONFIG, scoringConfigViolations, type ScoringConfig, type TtWeights, type VcWeights } from './scoring-config';

type Editable = Omit<ScoringConfig, 'version'>;

/** A config as staff would send it: the defaults without version, with overrides. */
function config(overrides: Partial<Editable> = {}): Editable {
  const { version: _version, ...rest } = DEFAULT_SCORING_CONFIG;
  return { ...rest, venture_capital: { ...rest.venture_capital }, tech_transfer: { ...rest.tech_transfer }, ...overrides };
}

const vc = (overrides: Partial<VcWeights>): Editable => config({ venture_capital: { ...DEFAULT_SCORING_CONFIG.venture_capital, ...overrides } });
const tt = (overrides: Partial<TtWeights>): Editable => config({ tech_transfer: { ...DEFAULT_SCORING_CONFIG.tech_transfer, ...overrides } });

const VC_NAMES = Object.keys(DEFAULT_SCORING_CONFIG.venture_capital) as (keyof VcWeights)[];
const TT_NAMES = Object.keys(DEFAULT_SCORING_CONFIG.tech_transfer) as (keyof TtWeights)[];
const fields = (c: Editable): string[] => scoringConfigViolations(c).map((v) => v.field);

describe('DEFAULT_SCORING_CONFIG', () => {
  it('has no violations', () => {
    expect(scoringConfigViolations(DEFAULT_SCORING_CONFIG)).toEqual([]);
    expect(scoringConfigViolations(config())).toEqual([]);
  });

  it('weighs every factor of both areas and starts at version 1', () => {
    expect(DEFAULT_SCORING_CONFIG.version).toBe(1);
    expect(VC_NAMES).toHaveLength(8);
    expect(TT_NAMES).toHaveLength(6);
    for (const value of [...Object.values(DEFAULT_SCORING_CONFIG.venture_capital), ...Object.values(DEFAULT_SCORING_CONFIG.tech_transfer)]) {
      expect(value).toBeGreaterThan(0);
    }
  });
});

describe('scoringConfigViolations', () => {
  describe.each(VC_NAMES)('venture_capital.%s', (name) => {
    it.each([-0.1, 10.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %p naming the field', (value) => {
      expect(scoringConfigViolations(vc({ [name]: value }))).toEqual([
        { field: `venture_capital.${name}`, rule: 'range', message: `venture_capital.${name} must be between 0 and 10` },
      ]);
    });

    it('accepts the bounds 0 and 10', () => {
      expect(scoringConfigViolations(vc({ [name]: 0 }))).toEqual([]);
      expect(scoringConfigViolations(vc({ [name]: 10 }))).toEqual([]);
    });
  });

  describe.each(TT_NAMES)('tech_transfer.%s', (name) => {
    it.each([-1, 10.01, Number.NaN])('rejects %p naming the field', (value) => {
      expect(scoringConfigViolations(tt({ [name]: value }))).toEqual([expect.objectContaining({ field: `tech_transfer.${name}`, rule: 'range' })]);
    });

    it('accepts the bounds 0 and 10', () => {
      expect(scoringConfigViolations(tt({ [name]: 0 }))).toEqual([]);
      expect(scoringConfigViolations(tt({ [name]: 10 }))).toEqual([]);
    });
  });

  it('names the stage weight of venture capital by its path', () => {
    expect(fields(vc({ stage: -2 }))).toEqual(['venture_capital.stage']);
    expect(fields(tt({ collaboration: 11 }))).toEqual(['tech_transfer.collaboration']);
  });

  it('rejects an area whose weights are all 0, naming the area', () => {
    const allZeroVc = Object.fromEntries(VC_NAMES.map((n) => [n, 0])) as unknown as VcWeights;
    const allZeroTt = Object.fromEntries(TT_NAMES.map((n) => [n, 0])) as unknown as TtWeights;
    expect(scoringConfigViolations(config({ venture_capital: allZeroVc }))).toEqual([
      { field: 'venture_capital', rule: 'nonZero', message: 'venture_capital needs at least one weight above 0' },
    ]);
    expect(scoringConfigViolations(config({ tech_transfer: allZeroTt }))).toEqual([expect.objectContaining({ field: 'tech_transfer', rule: 'nonZero' })]);
    // One weight above 0 is enough.
    expect(scoringConfigViolations(config({ venture_capital: { ...allZeroVc, text: 0.1 } }))).toEqual([]);
  });

  it.each([
    ['minScore', { minScore: -1 }],
    ['minScore', { minScore: 100.5 }],
    ['minScore', { minScore: Number.NaN }],
    ['maxPerOrganisation', { maxPerOrganisation: 0 }],
    ['maxPerOrganisation', { maxPerOrganisation: 1001 }],
    ['maxPerOrganisation', { maxPerOrganisation: 10.5 }],
    ['maxPerOrganisation', { maxPerOrganisation: Number.NaN }],
    ['stageTolerance', { stageTolerance: -1 }],
    ['stageTolerance', { stageTolerance: 6 }],
    ['stageTolerance', { stageTolerance: 0.5 }],
    ['ticketToleranceFactor', { ticketToleranceFactor: 0.99 }],
    ['ticketToleranceFactor', { ticketToleranceFactor: 1000.1 }],
    ['ticketToleranceFactor', { ticketToleranceFactor: Number.NaN }],
    ['ticketToleranceFactor', { ticketToleranceFactor: Number.POSITIVE_INFINITY }],
  ] as Array<[string, Partial<Editable>]>)('rejects an out-of-range %s (%p)', (field, overrides) => {
    expect(scoringConfigViolations(config(overrides))).toEqual([expect.objectContaining({ field, rule: 'range', message: expect.stringContaining(field) })]);
  });

  it.each([
    { minScore: 0 },
    { minScore: 100 },
    { minScore: 42.5 },
    { maxPerOrganisation: 1 },
    { maxPerOrganisation: 1000 },
    { stageTolerance: 0 },
    { stageTolerance: 5 },
    { ticketToleranceFactor: 1 },
    { ticketToleranceFactor: 1000 },
    { ticketToleranceFactor: 2.5 },
  ] as Array<Partial<Editable>>)('accepts the in-range %p', (overrides) => {
    expect(scoringConfigViolations(config(overrides))).toEqual([]);
  });

  it('reports every violation at once', () => {
    const broken = config({
      venture_capital: { ...DEFAULT_SCORING_CONFIG.venture_capital, ticket: -1, text: 20 },
      tech_transfer: { ...DEFAULT_SCORING_CONFIG.tech_transfer, needsText: Number.NaN },
      minScore: 101,
      maxPerOrganisation: 0,
      stageTolerance: 9,
      ticketToleranceFactor: 0,
    });
    expect(fields(broken).sort()).toEqual(
      ['venture_capital.ticket', 'venture_capital.text', 'tech_transfer.needsText', 'minScore', 'maxPerOrganisation', 'stageTolerance', 'ticketToleranceFactor'].sort(),
    );
  });

  it('accepts any config of in-range values with one positive weight per area, and rejects one bad weight among them (property)', () => {
    const weight = fc.oneof(fc.constant(0), fc.constant(10), fc.double({ min: 0, max: 10, noNaN: true }));
    const weights = (names: readonly string[]) => fc.array(weight, { minLength: names.length, maxLength: names.length }).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
    const editable = fc.record({
      venture_capital: weights(VC_NAMES).map((w) => ({ ...w, thesisAreas: Math.max(w.thesisAreas, 1) }) as unknown as VcWeights),
      tech_transfer: weights(TT_NAMES).map((w) => ({ ...w, offerAreas: Math.max(w.offerAreas, 1) }) as unknown as TtWeights),
      minScore: fc.double({ min: 0, max: 100, noNaN: true }),
      maxPerOrganisation: fc.integer({ min: 1, max: 1000 }),
      stageTolerance: fc.integer({ min: 0, max: 5 }),
      ticketToleranceFactor: fc.double({ min: 1, max: 1000, noNaN: true }),
    });
    const bad = fc.oneof(fc.double({ min: -1e6, max: -1e-3, noNaN: true }), fc.double({ min: 10.001, max: 1e6, noNaN: true }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(editable, fc.constantFrom(...VC_NAMES), bad, (valid, name, value) => {
        expect(scoringConfigViolations(valid)).toEqual([]);
        const broken = { ...valid, venture_capital: { ...valid.venture_capital, [name]: value } };
        expect(fields(broken)).toEqual([`venture_capital.${name}`]);
      }),
    );
  });
});
