import { Taxonomy, taxonomy } from '../taxonomy/taxonomy';
import type { TaxonomyTerm } from '../taxonomy/taxonomy.types';
import { SearchSynonyms, searchSynonyms } from './search-synonyms';
import { tokenize } from './search-text';

const normalised = (phrase: string): string => tokenize(phrase).join(' ');

function term(code: string, parent: string | null, en: string, it: string, synEn: string[] = []): TaxonomyTerm {
  return { code, parent, labels: { en, it }, synonyms: { en: synEn, it: [] } };
}

describe('SearchSynonyms.expand', () => {
  it('expands an Italian label to its English label, its synonyms and its children', () => {
    const expanded = searchSynonyms.expand('oncologia');
    expect(expanded).toEqual(expect.arrayContaining(['oncologia', 'oncology', 'cancer', 'cancro', 'tumore']));
    expect(expanded).toEqual(expect.arrayContaining(['haematology', 'ematologia e tumori del sangue', 'leucemia']));
    expect(expanded).not.toContain('cardiology');
    expect(expanded).toEqual([...expanded].sort());
  });

  it('expands a child to its parent but not to its siblings', () => {
    const expanded = searchSynonyms.expand('car t');
    expect(expanded).toEqual(expect.arrayContaining(['car t', 'chimeric antigen receptor', 'cell therapy', 'terapia cellulare']));
    expect(expanded).not.toContain('stem cells');
    expect(expanded).not.toContain('cellule staminali');
    expect(searchSynonyms.expand('leucemia')).toEqual(expect.arrayContaining(['oncology', 'oncologia', 'haematology']));
  });

  it('expands a parent to all its children', () => {
    expect(searchSynonyms.expand('terapia cellulare')).toEqual(expect.arrayContaining(['car t', 'stem cells', 'cellule staminali', 'cell therapy']));
  });

  it('merges every code a phrase names, across dimensions', () => {
    // "dispositivi medici" is a synonym of the medtech sector and the label of the medical_device modality.
    expect(searchSynonyms.expand('dispositivi medici')).toEqual(
      expect.arrayContaining(['medtech', 'medical technology', 'tecnologie mediche', 'medical devices', 'device', 'wearable devices']),
    );
  });

  it('expands a phrase outside the taxonomy to itself only', () => {
    expect(searchSynonyms.expand('zanzara')).toEqual(['zanzara']);
    expect(searchSynonyms.expand('oncologia pediatrica')).toEqual(['oncologia pediatrica']);
    // Phrases are normalised token strings: the raw label is not a key.
    expect(searchSynonyms.expand('Oncologia')).toEqual(['Oncologia']);
  });

  it('is symmetric between the labels and synonyms of one code', () => {
    for (const phrase of ['oncologia', 'oncology', 'cancer', 'tumore']) {
      expect(searchSynonyms.expand(phrase)).toEqual(searchSynonyms.expand('oncologia'));
    }
  });

  it('returns the same answer on repeated calls', () => {
    const first = [...searchSynonyms.expand('cardiologia')];
    expect(searchSynonyms.expand('cardiologia')).toEqual(first);
    expect(first).toEqual(expect.arrayContaining(['cardiology', 'heart', 'cuore']));
  });
});

describe('SearchSynonyms.phrases', () => {
  it('knows every label and synonym as a normalised phrase', () => {
    const phrases = searchSynonyms.phrases();
    expect(phrases).toEqual(expect.arrayContaining(['dispositivi medici', 'car t', 'sanita digitale', 'malattie dell apparato muscolo scheletrico']));
    for (const phrase of phrases) expect(phrase).toBe(normalised(phrase));
    expect(new Set(phrases).size).toBe(phrases.length);
    expect(searchSynonyms.maxPhraseTokens).toBe(Math.max(...phrases.map((p) => p.split(' ').length)));
  });
});

describe('SearchSynonyms.spans', () => {
  it('finds a two-token phrase and then a one-token phrase, skipping other words', () => {
    expect(searchSynonyms.spans(['dispositivi', 'medici', 'per', 'cardiologia'])).toEqual([
      { start: 0, end: 2, phrase: 'dispositivi medici' },
      { start: 3, end: 4, phrase: 'cardiologia' },
    ]);
  });

  it('prefers the longest phrase starting at a position', () => {
    // "diagnostica" alone is a phrase too, as are "rna" and "intelligenza artificiale".
    expect(searchSynonyms.spans(tokenize('Diagnostica per immagini'))).toEqual([{ start: 0, end: 3, phrase: 'diagnostica per immagini' }]);
    expect(searchSynonyms.spans(tokenize('RNA messaggero'))).toEqual([{ start: 0, end: 2, phrase: 'rna messaggero' }]);
    expect(searchSynonyms.spans(tokenize('software e intelligenza artificiale'))).toEqual([{ start: 0, end: 4, phrase: 'software e intelligenza artificiale' }]);
    expect(searchSynonyms.spans(tokenize('diagnostica molecolare'))).toEqual([{ start: 0, end: 1, phrase: 'diagnostica' }]);
  });

  it('returns nothing for no tokens or no known phrase', () => {
    expect(searchSynonyms.spans([])).toEqual([]);
    expect(searchSynonyms.spans(['startup', 'milano'])).toEqual([]);
  });

  it('reads left to right with a custom taxonomy, longest first', () => {
    const synonyms = new SearchSynonyms(
      new Taxonomy({
        version: 'test',
        sectors: [term('alpha', null, 'Alpha', 'Alfa'), term('alpha_beta_gamma', 'alpha', 'Alpha beta gamma', 'Alfa beta gamma'), term('beta_gamma_delta', null, 'Beta gamma delta', 'Beta gamma delta')],
        therapeuticAreas: [],
        modalities: [],
      }),
    );
    expect(synonyms.maxPhraseTokens).toBe(3);
    expect(synonyms.spans(['alpha', 'beta', 'gamma', 'delta'])).toEqual([{ start: 0, end: 3, phrase: 'alpha beta gamma' }]);
    expect(synonyms.spans(['alpha', 'beta', 'gamma', 'delta'].slice(1))).toEqual([{ start: 0, end: 3, phrase: 'beta gamma delta' }]);
    expect(synonyms.spans(['alpha', 'beta', 'alpha'])).toEqual([
      { start: 0, end: 1, phrase: 'alpha' },
      { start: 2, end: 3, phrase: 'alpha' },
    ]);
    expect(synonyms.expand('alfa')).toEqual(['alfa', 'alfa beta gamma', 'alpha', 'alpha beta gamma']);
  });
});

describe('SearchSynonyms.taxonomyText', () => {
  it('contains the labels of both languages and the synonyms of every tag, once each', () => {
    const text = searchSynonyms.taxonomyText({ sectors: ['medtech'], therapeuticAreas: ['oncology'], modalities: ['car_t', 'no_such_code'] });
    const parts = text.split(' · ');
    expect(parts).toEqual(expect.arrayContaining(['Medical technology', 'Tecnologie mediche', 'dispositivi medici', 'Oncology', 'Oncologia', 'cancro', 'CAR-T', 'chimeric antigen receptor']));
    expect(parts.filter((p) => p === 'CAR-T')).toHaveLength(1);
    expect(new Set(parts).size).toBe(parts.length);
    expect(text).not.toContain('no_such_code');
    // Only the tagged codes: neither children nor parents.
    expect(parts).not.toContain('Haematology and blood cancers');
    expect(parts).not.toContain('Cell therapy');
  });

  it('is empty without tags', () => {
    expect(searchSynonyms.taxonomyText({ sectors: [], therapeuticAreas: [], modalities: [] })).toBe('');
  });

  it('lets every label of a tag be found by its normalised tokens', () => {
    const tokens = new Set(tokenize(searchSynonyms.taxonomyText({ sectors: ['digital_health'], therapeuticAreas: [], modalities: [] })));
    for (const word of ['sanita', 'digitale', 'digital', 'health', 'ehealth']) expect(tokens).toContain(word);
  });
});

describe('SearchSynonyms.toMeilisearch', () => {
  const settings = searchSynonyms.toMeilisearch();

  it('maps an Italian label to its English one', () => {
    expect(settings['oncologia']).toEqual(expect.arrayContaining(['oncology', 'cancer', 'leucemia']));
    expect(settings['car t']).toContain('cell therapy');
    expect(settings['car t']).not.toContain('stem cells');
  });

  it('never maps a phrase to itself and never maps to nothing', () => {
    for (const [phrase, others] of Object.entries(settings)) {
      expect(others).not.toContain(phrase);
      expect(others.length).toBeGreaterThan(0);
      expect(new Set(others).size).toBe(others.length);
    }
  });

  it('uses only normalised, known phrases as keys and values', () => {
    const known = new Set(searchSynonyms.phrases());
    const entries = Object.entries(settings);
    expect(entries.length).toBeGreaterThan(100);
    for (const [phrase, others] of entries) {
      expect(phrase).toBe(normalised(phrase));
      expect(known.has(phrase)).toBe(true);
      for (const other of others) {
        expect(other).toBe(normalised(other));
        expect(known.has(other)).toBe(true);
      }
    }
  });

  it('agrees with expand', () => {
    for (const [phrase, others] of Object.entries(settings)) {
      expect([...others, phrase].sort()).toEqual(searchSynonyms.expand(phrase));
    }
  });

  it('covers every code of the taxonomy through its English label', () => {
    const labels = taxonomy.definition.modalities.map((t) => normalised(t.labels.en));
    for (const label of labels) expect(Object.keys(settings)).toContain(label);
  });
});
