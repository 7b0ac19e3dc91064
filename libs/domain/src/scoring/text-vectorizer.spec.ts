import fc from 'fast-check';
import { searchSynonyms } from '../search/search-synonyms';
import { taxonomy } from '../taxonomy/taxonomy';
import { DenseDot, EMPTY_VECTOR, STEM_LENGTH, TextVectorizer, cosine, type SparseVector } from './text-vectorizer';

function vectorizer(corpus: readonly string[] = []): TextVectorizer {
  const v = new TextVectorizer(searchSynonyms, taxonomy);
  v.fit(corpus);
  return v;
}

const norm = (v: SparseVector): number => Math.sqrt(Array.from(v.weights).reduce((s, w) => s + w * w, 0));

const CAR_T_IT = 'Sviluppiamo una terapia CAR-T per la leucemia e il linfoma, con una piattaforma proprietaria';
const CAR_T_EN = 'We develop a CAR-T cell therapy for leukaemia and lymphoma, on a proprietary platform';
const LOGISTICS = 'Software gestionale per la logistica ospedaliera e i magazzini';
const ORTHOPAEDICS = 'Orthopaedic implants printed in titanium';
const CORPUS = [CAR_T_IT, CAR_T_EN, LOGISTICS, ORTHOPAEDICS, 'Small molecules for heart failure', 'Wearable sensor for remote monitoring'];

/** Words and phrases, in both languages, the random texts are built from. */
const WORDS = [
  'the', 'of', 'it', 'il', 'la', 'per', 'con', 'and', 'e', 'we', 'develop', 'sviluppiamo', 'platform', 'piattaforma',
  'oncology', 'oncologia', 'cancer', 'CAR-T', 'terapia cellulare', 'cell therapy', 'leucemia', 'lymphoma', 'heart',
  'cardiologia', 'device', 'dispositivi medici', 'AI', 'machine learning', 'software', 'logistics', 'titanium',
  'implants', 'molecule', 'small molecule', 'RNA', 'mRNA', 'vaccino', 'diagnostic', '2024', 'x', 'proprietary',
];
const textArbitrary = fc.array(fc.constantFrom(...WORDS), { maxLength: 15 }).map((words) => words.join(' '));

/** A random normalised sparse vector over ids up to `maxId` (beyond DenseDot's initial 1024 slots). */
const sparseArbitrary = (maxId: number): fc.Arbitrary<SparseVector> =>
  fc
    .uniqueArray(fc.record({ id: fc.nat(maxId), weight: fc.double({ min: 0.001, max: 10, noNaN: true }) }), { selector: (e) => e.id, maxLength: 40 })
    .map((entries) => {
      const sorted = [...entries].sort((a, b) => a.id - b.id);
      const length = Math.sqrt(sorted.reduce((s, e) => s + e.weight * e.weight, 0));
      return {
        ids: Int32Array.from(sorted.map((e) => e.id)),
        weights: Float32Array.from(sorted.map((e) => e.weight / length)),
      };
    });

describe('TextVectorizer.terms', () => {
  it('drops Italian and English function words, one-letter tokens and numbers', () => {
    const v = vectorizer();
    expect(v.terms('It is the platform of the future')).toEqual(['platfo', 'future']);
    expect(v.terms('La piattaforma per il futuro della ricerca')).toEqual(['piatta', 'futuro', 'ricerc']);
    expect(v.terms('a e o 2024 123 x y z')).toEqual([]);
    expect(v.terms('the of and il la per con')).toEqual([]);
  });

  it(`cuts words to ${STEM_LENGTH} letters so related English and Italian words meet`, () => {
    const v = vectorizer();
    expect(v.terms('therapeutic')).toEqual(v.terms('therapy'));
    expect(v.terms('terapie')).toEqual(v.terms('terapia'));
    expect(v.terms('sviluppiamo sviluppo')).toEqual(['svilup', 'svilup']);
    expect(v.terms('manufacturing')).toEqual(['manufa']);
    expect(v.terms('Piattaforma')).toEqual(v.terms('piattaforme'));
  });

  it("maps 'oncology', 'oncologia' and 'cancer' to one taxonomy concept", () => {
    const v = vectorizer();
    const concept = '#therapeuticAreas:oncology';
    expect(v.terms('oncology')).toEqual([concept]);
    expect(v.terms('Oncologia')).toEqual([concept]);
    expect(v.terms('cancer')).toEqual([concept]);
    expect(v.terms('Tumore')).toEqual([concept]);
  });

  it('maps CAR-T to the car_t concept and to its ancestor cell_therapy', () => {
    const v = vectorizer();
    expect(v.terms('CAR-T')).toEqual(['#modalities:car_t', '#modalities:cell_therapy']);
    expect(v.terms('car t')).toEqual(['#modalities:car_t', '#modalities:cell_therapy']);
    expect(v.terms('chimeric antigen receptor')).toEqual(['#modalities:car_t', '#modalities:cell_therapy']);
    expect(v.terms('leucemia')).toEqual(['#therapeuticAreas:haematology', '#therapeuticAreas:oncology']);
  });

  it('prefers the longest phrase and keeps the words around it', () => {
    const v = vectorizer();
    // "terapia cellulare" is one concept, not the word "terapia" and the word "cellulare".
    expect(v.terms('una terapia cellulare innovativa')).toEqual(['#modalities:cell_therapy', 'innova']);
    // "dispositivi medici" names both a sector and a modality.
    expect(v.terms('dispositivi medici')).toEqual(expect.arrayContaining(['#sectors:medtech', '#modalities:medical_device']));
    expect(v.terms('Small molecule drugs for heart failure')).toEqual(
      expect.arrayContaining(['#modalities:small_molecule', '#therapeuticAreas:cardiology', 'failur']),
    );
  });

  it('repeats a term as often as it occurs, and yields nothing for empty text', () => {
    const v = vectorizer();
    expect(v.terms('platform platform platform')).toEqual(['platfo', 'platfo', 'platfo']);
    expect(v.terms('')).toEqual([]);
    expect(v.terms('  ,;. ')).toEqual([]);
  });
});

describe('TextVectorizer.vector', () => {
  it('is L2-normalised with strictly ascending ids', () => {
    const v = vectorizer(CORPUS);
    for (const text of [...CORPUS, 'oncology oncology cancer platform', 'x']) {
      const vector = v.vector(text);
      if (vector.ids.length === 0) continue;
      expect(norm(vector)).toBeCloseTo(1, 5);
      for (let k = 1; k < vector.ids.length; k++) expect(vector.ids[k]).toBeGreaterThan(vector.ids[k - 1]);
      expect(vector.ids).toHaveLength(vector.weights.length);
    }
  });

  it('is the empty vector for a text with no terms', () => {
    const v = vectorizer(CORPUS);
    expect(v.vector('')).toBe(EMPTY_VECTOR);
    expect(v.vector('il la per the of 42')).toBe(EMPTY_VECTOR);
    expect(cosine(v.vector(''), v.vector(CAR_T_EN))).toBe(0);
  });

  it('weighs a rare term above a common one (IDF learnt from the corpus)', () => {
    const v = vectorizer(['platform alpha', 'platform beta', 'platform gamma', 'platform titanium']);
    const vector = v.vector('platform titanium');
    const [platform, titanium] = ['platfo', 'titani'].map((term) => {
      const probe = v.vector(term);
      return vector.weights[Array.from(vector.ids).indexOf(probe.ids[0])];
    });
    expect(titanium).toBeGreaterThan(platform);
  });

  it('gives a repeated term more weight than a single one, sublinearly', () => {
    const v = vectorizer(['alpha beta', 'alpha gamma', 'beta gamma']);
    const once = v.vector('alpha beta');
    const thrice = v.vector('alpha alpha alpha beta');
    expect(once.weights[0]).toBeCloseTo(once.weights[1], 5);
    expect(thrice.weights[0]).toBeGreaterThan(thrice.weights[1]);
    expect(thrice.weights[0] / thrice.weights[1]).toBeLessThan(3);
  });

  it('is a pure function of the text once fitted', () => {
    const v = vectorizer(CORPUS);
    const a = v.vector(CAR_T_EN);
    v.vector('some entirely new words nobody used before');
    const b = v.vector(CAR_T_EN);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  });
});

describe('cosine', () => {
  it('is 1 for a vector with itself and 0 for texts with no term in common', () => {
    const v = vectorizer(CORPUS);
    for (const text of CORPUS) {
      const vector = v.vector(text);
      expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    }
    expect(cosine(v.vector(LOGISTICS), v.vector(ORTHOPAEDICS))).toBe(0);
    expect(cosine(v.vector(CAR_T_EN), v.vector(LOGISTICS))).toBe(0);
  });

  it('is positive between Italian and English descriptions of the same thing, and above unrelated pairs', () => {
    const v = vectorizer(CORPUS);
    const italianEnglish = cosine(v.vector(CAR_T_IT), v.vector(CAR_T_EN));
    expect(italianEnglish).toBeGreaterThan(0.3);
    expect(italianEnglish).toBeGreaterThan(cosine(v.vector(CAR_T_IT), v.vector(ORTHOPAEDICS)));
    expect(cosine(v.vector('Oncologia'), v.vector('cancer'))).toBeCloseTo(1, 5);
    // A CAR-T text and a cell-therapy text share the cell_therapy concept.
    expect(cosine(v.vector('CAR-T'), v.vector('terapia cellulare'))).toBeGreaterThan(0);
  });

  it('is symmetric, within [0, 1], and 1 for any non-empty text with itself (property)', () => {
    fc.assert(
      fc.property(fc.array(textArbitrary, { maxLength: 6 }), textArbitrary, textArbitrary, (corpus, a, b) => {
        const v = vectorizer(corpus);
        const va = v.vector(a);
        const vb = v.vector(b);
        const ab = cosine(va, vb);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1 + 1e-5);
        expect(ab).toBeCloseTo(cosine(vb, va), 6);
        if (va.ids.length > 0) {
          expect(norm(va)).toBeCloseTo(1, 5);
          expect(cosine(va, va)).toBeCloseTo(1, 5);
        }
      }),
    );
  });
});

describe('DenseDot', () => {
  it('equals cosine for texts, against one fixed vector and after it changes', () => {
    const v = vectorizer(CORPUS);
    const vectors = CORPUS.map((t) => v.vector(t));
    const dense = new DenseDot();
    for (const fixed of [vectors[0], vectors[1], vectors[0], EMPTY_VECTOR, vectors[2]]) {
      for (const other of vectors) expect(dense.dot(fixed, other)).toBeCloseTo(cosine(fixed, other), 6);
    }
  });

  it('forgets the previous fixed vector completely when it changes', () => {
    const a: SparseVector = { ids: Int32Array.from([1, 5]), weights: Float32Array.from([0.6, 0.8]) };
    const b: SparseVector = { ids: Int32Array.from([2]), weights: Float32Array.from([1]) };
    const dense = new DenseDot();
    expect(dense.dot(a, a)).toBeCloseTo(1, 6);
    expect(dense.dot(b, a)).toBe(0);
    expect(dense.dot(b, b)).toBeCloseTo(1, 6);
    expect(dense.dot(a, b)).toBe(0);
  });

  it('grows for ids beyond its initial size and ignores ids the fixed vector cannot have', () => {
    const big: SparseVector = { ids: Int32Array.from([3, 5000]), weights: Float32Array.from([0.6, 0.8]) };
    const small: SparseVector = { ids: Int32Array.from([3]), weights: Float32Array.from([1]) };
    const far: SparseVector = { ids: Int32Array.from([3, 100_000]), weights: Float32Array.from([0.6, 0.8]) };
    const dense = new DenseDot();
    expect(dense.dot(small, far)).toBeCloseTo(0.6, 6);
    expect(dense.dot(big, big)).toBeCloseTo(1, 6);
    expect(dense.dot(big, far)).toBeCloseTo(0.36, 6);
    expect(dense.dot(small, big)).toBeCloseTo(0.6, 6);
  });

  it('equals cosine for many random vectors, including when the fixed vector changes between calls (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(7), sparseArbitrary(3000)), { minLength: 1, maxLength: 30 }), fc.array(sparseArbitrary(3000), { minLength: 1, maxLength: 8 }), (calls, fixedPool) => {
        const dense = new DenseDot();
        for (const [which, other] of calls) {
          const fixed = fixedPool[which % fixedPool.length];
          expect(dense.dot(fixed, other)).toBeCloseTo(cosine(fixed, other), 6);
          expect(dense.dot(fixed, fixed)).toBeCloseTo(cosine(fixed, fixed), 6);
        }
      }),
    );
  });
});
