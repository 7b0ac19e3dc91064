import fc from 'fast-check';
import { Taxonomy, taxonomy } from '../taxonomy/taxonomy';
import { TAXONOMY } from '../taxonomy/taxonomy.data';
import { TAXONOMY_DIMENSIONS, type TaxonomyDefinition, type TaxonomyDimension, type TaxonomyTerm } from '../taxonomy/taxonomy.types';
import { CODE_SIMILARITY, TaxonomySimilarity, type CompiledCodes } from './taxonomy-similarity';

type Tags = Record<TaxonomyDimension, readonly string[]>;

const similarity = new TaxonomySimilarity(taxonomy);

function tags(overrides: Partial<Tags> = {}): Tags {
  return { sectors: [], therapeuticAreas: [], modalities: [], ...overrides };
}

const NONE = -1;

/** Similarity of two single codes of one dimension, read through the public API (coverage of one by the other). */
function codeSimilarity(dimension: TaxonomyDimension, a: string, b: string, sim: TaxonomySimilarity = similarity): number {
  const of = sim.compile(tags({ [dimension]: [a] }));
  const by = sim.compile(tags({ [dimension]: [b] }));
  return sim.meanCoverage(of, by, NONE);
}

const dimensionIndex = (dimension: TaxonomyDimension): number => TAXONOMY_DIMENSIONS.indexOf(dimension);

const codesOf = (dimension: TaxonomyDimension): string[] => TAXONOMY[dimension].map((t) => t.code);

const tagsArbitrary: fc.Arbitrary<Tags> = fc.record({
  sectors: fc.subarray(codesOf('sectors')),
  therapeuticAreas: fc.subarray(codesOf('therapeuticAreas')),
  modalities: fc.subarray(codesOf('modalities')),
});

describe('TaxonomySimilarity: similarity of two codes', () => {
  it('is 1 for the same code', () => {
    expect(codeSimilarity('modalities', 'car_t', 'car_t')).toBe(CODE_SIMILARITY.same);
    expect(codeSimilarity('therapeuticAreas', 'oncology', 'oncology')).toBe(1);
    expect(codeSimilarity('sectors', 'medtech', 'medtech')).toBe(1);
  });

  it('is 0.8 between parent and child, in both directions', () => {
    expect(codeSimilarity('modalities', 'car_t', 'cell_therapy')).toBeCloseTo(0.8, 6);
    expect(codeSimilarity('modalities', 'cell_therapy', 'car_t')).toBeCloseTo(0.8, 6);
    expect(codeSimilarity('therapeuticAreas', 'haematology', 'oncology')).toBeCloseTo(CODE_SIMILARITY.parentChild, 6);
    expect(codeSimilarity('therapeuticAreas', 'oncology', 'haematology')).toBeCloseTo(CODE_SIMILARITY.parentChild, 6);
    expect(codeSimilarity('sectors', 'biopharma', 'pharma')).toBeCloseTo(0.8, 6);
  });

  it('is 0.4 between children of one parent', () => {
    expect(codeSimilarity('modalities', 'car_t', 'stem_cell_therapy')).toBeCloseTo(CODE_SIMILARITY.siblings, 6);
    expect(codeSimilarity('modalities', 'stem_cell_therapy', 'car_t')).toBeCloseTo(0.4, 6);
    expect(codeSimilarity('modalities', 'wearable_device', 'implantable_device')).toBeCloseTo(0.4, 6);
  });

  it('is 0 for unrelated codes, including two roots and a child with a root that is not its parent', () => {
    expect(codeSimilarity('modalities', 'car_t', 'small_molecule')).toBe(0);
    expect(codeSimilarity('modalities', 'small_molecule', 'car_t')).toBe(0);
    // Two roots have no parent in common: they are not siblings.
    expect(codeSimilarity('therapeuticAreas', 'oncology', 'cardiology')).toBe(0);
    expect(codeSimilarity('sectors', 'pharma', 'biotech')).toBe(0);
    // CAR-T and gene therapy: a child and its parent's sibling root.
    expect(codeSimilarity('modalities', 'car_t', 'gene_therapy')).toBe(0);
    // Children of different parents.
    expect(codeSimilarity('modalities', 'car_t', 'mrna')).toBe(0);
  });

  it('is 0.6 two levels apart and follows the hierarchy of any taxonomy', () => {
    const term = (code: string, parent: string | null): TaxonomyTerm => ({ code, parent, labels: { en: code, it: code }, synonyms: { en: [], it: [] } });
    const definition: TaxonomyDefinition = {
      version: 'test',
      sectors: [term('life', null), term('pharma', 'life'), term('generics', 'pharma'), term('originators', 'pharma'), term('devices', null)],
      therapeuticAreas: [],
      modalities: [],
    };
    const deep = new TaxonomySimilarity(new Taxonomy(definition));
    expect(codeSimilarity('sectors', 'generics', 'life', deep)).toBeCloseTo(CODE_SIMILARITY.twoLevels, 6);
    expect(codeSimilarity('sectors', 'life', 'generics', deep)).toBeCloseTo(0.6, 6);
    expect(codeSimilarity('sectors', 'generics', 'pharma', deep)).toBeCloseTo(0.8, 6);
    expect(codeSimilarity('sectors', 'generics', 'originators', deep)).toBeCloseTo(0.4, 6);
    expect(codeSimilarity('sectors', 'generics', 'devices', deep)).toBe(0);
    expect(codeSimilarity('sectors', 'life', 'devices', deep)).toBe(0);
  });

  it('ranks same > parent/child > two levels > siblings > unrelated', () => {
    expect(CODE_SIMILARITY.same).toBeGreaterThan(CODE_SIMILARITY.parentChild);
    expect(CODE_SIMILARITY.parentChild).toBeGreaterThan(CODE_SIMILARITY.twoLevels);
    expect(CODE_SIMILARITY.twoLevels).toBeGreaterThan(CODE_SIMILARITY.siblings);
    expect(CODE_SIMILARITY.siblings).toBeGreaterThan(0);
  });

  it('is symmetric and in [0, 1] for every pair of codes of every dimension', () => {
    for (const dimension of TAXONOMY_DIMENSIONS) {
      const codes = codesOf(dimension);
      for (const a of codes) {
        for (const b of codes) {
          const ab = codeSimilarity(dimension, a, b);
          expect(ab).toBeGreaterThanOrEqual(0);
          expect(ab).toBeLessThanOrEqual(1);
          expect(ab).toBe(codeSimilarity(dimension, b, a));
          expect(ab === 1).toBe(a === b);
        }
      }
    }
  });

  it('never compares codes of different dimensions', () => {
    // "oncology" as a modality is not a code; a company in oncology and a fund in cell therapy share no dimension.
    const company = similarity.compile(tags({ therapeuticAreas: ['oncology'] }));
    const fund = similarity.compile(tags({ modalities: ['cell_therapy'] }));
    expect(similarity.meanCoverage(company, fund, NONE)).toBe(NONE);
  });
});

describe('TaxonomySimilarity.compile', () => {
  it('keeps known codes once each, per dimension, and drops unknown ones', () => {
    const compiled = similarity.compile(tags({ sectors: ['biotech', 'biotech', 'not_a_sector'], therapeuticAreas: ['oncology'], modalities: ['car_t', 'oncology'] }));
    expect(compiled.codes[0]).toHaveLength(1);
    expect(compiled.codes[1]).toHaveLength(1);
    // "oncology" is a therapeutic area, not a modality.
    expect(compiled.codes[2]).toHaveLength(1);
    expect(compiled.codes.every((c) => c instanceof Uint16Array)).toBe(true);
  });

  it('has a reach entry for every code of the taxonomy, all 0 for a profile without codes', () => {
    const total = TAXONOMY_DIMENSIONS.reduce((sum, d) => sum + TAXONOMY[d].length, 0);
    const empty = similarity.compile(tags());
    expect(empty.reach).toHaveLength(total);
    expect(Array.from(empty.reach).every((v) => v === 0)).toBe(true);
    expect(empty.codes.every((c) => c.length === 0)).toBe(true);
  });

  it('reach holds the best similarity of every code to the profile', () => {
    const compiled = similarity.compile(tags({ modalities: ['cell_therapy', 'small_molecule'] }));
    const values = Array.from(compiled.reach).sort((a, b) => b - a);
    // cell_therapy and small_molecule themselves (1), car_t and stem_cell_therapy (0.8), nothing else.
    expect(values.slice(0, 4).map((v) => Math.round(v * 10) / 10)).toEqual([1, 1, 0.8, 0.8]);
    expect(values.slice(4).every((v) => v === 0)).toBe(true);
  });
});

describe('TaxonomySimilarity.coverage', () => {
  it('is -1 when either side has no code', () => {
    const some = similarity.compile(tags({ modalities: ['car_t'] }));
    const none = similarity.compile(tags());
    const m = dimensionIndex('modalities');
    expect(similarity.coverage(m, some.codes[m], none.codes[m])).toBe(-1);
    expect(similarity.coverage(m, none.codes[m], some.codes[m])).toBe(-1);
    expect(similarity.coverage(m, none.codes[m], none.codes[m])).toBe(-1);
  });

  it('averages, over the codes covered, the best similarity to a covering code', () => {
    const m = dimensionIndex('modalities');
    const company = similarity.compile(tags({ modalities: ['car_t', 'small_molecule'] }));
    const fund = similarity.compile(tags({ modalities: ['cell_therapy'] }));
    expect(similarity.coverage(m, company.codes[m], fund.codes[m])).toBeCloseTo((0.8 + 0) / 2, 6);
    const both = similarity.compile(tags({ modalities: ['stem_cell_therapy', 'car_t'] }));
    // car_t is covered by itself (1), not by its sibling (0.4).
    expect(similarity.coverage(m, company.codes[m], both.codes[m])).toBeCloseTo((1 + 0) / 2, 6);
  });
});

describe('TaxonomySimilarity.meanCoverage', () => {
  it('returns the fallback when no dimension has codes on both sides', () => {
    const empty = similarity.compile(tags());
    const some = similarity.compile(tags({ sectors: ['biotech'], modalities: ['car_t'] }));
    const other = similarity.compile(tags({ therapeuticAreas: ['oncology'] }));
    expect(similarity.meanCoverage(empty, empty, 0.5)).toBe(0.5);
    expect(similarity.meanCoverage(empty, some, 0.5)).toBe(0.5);
    expect(similarity.meanCoverage(some, empty, 0.25)).toBe(0.25);
    expect(similarity.meanCoverage(some, other, 0.7)).toBe(0.7);
  });

  it('is directional: a fund in cell therapy covers a CAR-T company at 0.8, not the other way round when it has more', () => {
    const company = similarity.compile(tags({ modalities: ['car_t'] }));
    const cellTherapyFund = similarity.compile(tags({ modalities: ['cell_therapy'] }));
    expect(similarity.meanCoverage(company, cellTherapyFund, NONE)).toBeCloseTo(0.8, 6);

    const broadFund = similarity.compile(tags({ modalities: ['cell_therapy', 'small_molecule'] }));
    // Everything the company does is covered by the broad fund...
    expect(similarity.meanCoverage(company, broadFund, NONE)).toBeCloseTo(0.8, 6);
    // ...but the company covers only half of what the fund does.
    expect(similarity.meanCoverage(broadFund, company, NONE)).toBeCloseTo(0.4, 6);
  });

  it('averages over the dimensions judged, skipping those where one side has no code', () => {
    const company = similarity.compile(tags({ sectors: ['biotech'], therapeuticAreas: ['haematology'], modalities: ['car_t'] }));
    const fund = similarity.compile(tags({ sectors: ['medtech'], therapeuticAreas: ['oncology'] }));
    // sectors 0, therapeutic areas 0.8, modalities not judged.
    expect(similarity.meanCoverage(company, fund, NONE)).toBeCloseTo(0.4, 6);
    const fullFund = similarity.compile(tags({ sectors: ['biotech'], therapeuticAreas: ['haematology'], modalities: ['car_t'] }));
    expect(similarity.meanCoverage(company, fullFund, NONE)).toBeCloseTo(1, 6);
  });

  it('equals the mean of coverage() over the dimensions where both sides have codes (property)', () => {
    fc.assert(
      fc.property(tagsArbitrary, tagsArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, fallback) => {
        const of = similarity.compile(a);
        const by = similarity.compile(b);
        const judged = [0, 1, 2].map((d) => similarity.coverage(d, of.codes[d], by.codes[d])).filter((v) => v >= 0);
        const expected = judged.length === 0 ? fallback : judged.reduce((s, v) => s + v, 0) / judged.length;
        expect(similarity.meanCoverage(of, by, fallback)).toBeCloseTo(expected, 5);
      }),
    );
  });

  it('is within [0, 1], 1 for a profile against itself, and never lowered by adding codes to the covering side (property)', () => {
    const withCodes = tagsArbitrary.filter((t) => TAXONOMY_DIMENSIONS.some((d) => t[d].length > 0));
    fc.assert(
      fc.property(withCodes, tagsArbitrary, tagsArbitrary, (a, b, extra) => {
        const of: CompiledCodes = similarity.compile(a);
        const by = similarity.compile(b);
        const value = similarity.meanCoverage(of, by, 0.5);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-6);
        expect(similarity.meanCoverage(of, of, NONE)).toBeCloseTo(1, 6);
        // More codes on the covering side, in dimensions it already has, can only cover better.
        const wider = similarity.compile({
          sectors: b.sectors.length > 0 ? [...b.sectors, ...extra.sectors] : [],
          therapeuticAreas: b.therapeuticAreas.length > 0 ? [...b.therapeuticAreas, ...extra.therapeuticAreas] : [],
          modalities: b.modalities.length > 0 ? [...b.modalities, ...extra.modalities] : [],
        });
        expect(similarity.meanCoverage(of, wider, 0.5)).toBeGreaterThanOrEqual(value - 1e-6);
      }),
    );
  });
});
