import fc from 'fast-check';
import { MIN_TYPO_TOKEN_LENGTH, planQuery, type QueryGroup } from './search-query-plan';
import { searchSynonyms } from './search-synonyms';
import { MAX_QUERY_TOKENS, MAX_TOKEN_LENGTH } from './search-text';

const TOKEN = /^[\p{L}\p{N}]+$/u;
const plan = (q: string | undefined): QueryGroup[] => planQuery(q, searchSynonyms);
const lone = (token: string, typoCandidate: string | null, prefix: boolean): QueryGroup => ({
  alternatives: [[token]],
  typoCandidate,
  prefix,
  concepts: prefix && !/^\p{N}+$/u.test(token) && token.length >= 3 ? searchSynonyms.conceptsWithPrefix(token) : [],
});

/** Invariants every plan keeps, whatever was typed. */
function expectWellFormed(groups: QueryGroup[]): void {
  expect(groups.length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
  groups.forEach((group, index) => {
    expect(group.alternatives.length).toBeGreaterThan(0);
    for (const alternative of group.alternatives) {
      expect(alternative.length).toBeGreaterThan(0);
      for (const token of alternative) {
        expect(token).toMatch(TOKEN);
        expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
      }
    }
    if (group.typoCandidate !== null) {
      expect(group.alternatives).toEqual([[group.typoCandidate]]);
      expect(group.typoCandidate.length).toBeGreaterThanOrEqual(MIN_TYPO_TOKEN_LENGTH);
      expect(group.typoCandidate).not.toMatch(/^\p{N}+$/u);
    }
    if (group.prefix) {
      expect(index).toBe(groups.length - 1);
      expect(group.alternatives).toHaveLength(1);
      expect(group.alternatives[0]).toHaveLength(1);
    }
  });
}

describe('planQuery', () => {
  it('plans nothing for a missing, empty or separator-only query', () => {
    expect(plan(undefined)).toEqual([]);
    expect(plan('')).toEqual([]);
    expect(plan('   ')).toEqual([]);
    expect(plan(`"' \\ % _ * : ( ) 😀`)).toEqual([]);
  });

  it('turns a taxonomy word into one group of its synonyms, without typo correction or prefix', () => {
    const groups = plan('Oncologia');
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group.alternatives).toEqual(searchSynonyms.expand('oncologia').map((p) => p.split(' ')));
    expect(group.alternatives).toEqual(expect.arrayContaining([['oncology'], ['cancer'], ['ematologia', 'e', 'tumori', 'del', 'sangue']]));
    expect(group.typoCandidate).toBeNull();
    expect(group.prefix).toBe(false);
  });

  it('keeps an unknown word as typed, as a typo candidate and a prefix', () => {
    expect(plan('cardiolgy')).toEqual([lone('cardiolgy', 'cardiolgy', true)]);
    expect(plan('Cardiolgy!')).toEqual([lone('cardiolgy', 'cardiolgy', true)]);
  });

  it('reads "CAR-T cell" as the CAR-T phrase followed by a prefix word', () => {
    const groups = plan('CAR-T cell');
    expect(groups).toHaveLength(2);
    expect(groups[0].alternatives).toEqual(expect.arrayContaining([['car', 't'], ['cell', 'therapy'], ['terapia', 'cellulare'], ['chimeric', 'antigen', 'receptor']]));
    expect(groups[0].alternatives).not.toContainEqual(['stem', 'cells']);
    expect(groups[0]).toMatchObject({ typoCandidate: null, prefix: false });
    expect(groups[1]).toEqual(lone('cell', 'cell', true));
  });

  it('mixes phrases and words in order, dropping function words', () => {
    const groups = plan('dispositivi medici per cardiologia');
    expect(groups).toHaveLength(2);
    expect(groups[0].alternatives).toContainEqual(['medical', 'devices']);
    expect(groups[1].alternatives).toContainEqual(['cardiology']);
  });

  it('keeps function words when the query has nothing else', () => {
    expect(plan('the who').map((g) => g.alternatives)).toEqual([[['who']]]);
    expect(plan('of the').map((g) => g.alternatives)).toEqual([[['of']], [['the']]]);
    expect(plan('per la').map((g) => g.alternatives)).toEqual([[['per']], [['la']]]);
  });

  it('never treats a number as a typo candidate', () => {
    expect(plan('2024 trial 12345')).toEqual([lone('2024', null, false), lone('trial', 'trial', false), lone('12345', null, true)]);
    expect(plan('fase ٣٤٥٦')).toEqual([lone('fase', 'fase', false), lone('٣٤٥٦', null, true)]);
  });

  it('does not correct words shorter than MIN_TYPO_TOKEN_LENGTH', () => {
    const short = 'q'.repeat(MIN_TYPO_TOKEN_LENGTH - 1);
    const long = 'q'.repeat(MIN_TYPO_TOKEN_LENGTH);
    expect(plan(`${short} ${long}`)).toEqual([lone(short, null, false), lone(long, long, true)]);
    expect(plan(`${long} ${short}`)).toEqual([lone(long, long, false), lone(short, null, true)]);
  });

  it('gives no prefix to a one-letter last word', () => {
    expect(plan('trial x')).toEqual([lone('trial', 'trial', false), lone('x', null, false)]);
  });

  it('ignores words beyond MAX_QUERY_TOKENS', () => {
    const words = Array.from({ length: MAX_QUERY_TOKENS + 8 }, (_, i) => `parola${String.fromCharCode(97 + i)}`);
    const groups = plan(words.join(' '));
    expect(groups).toHaveLength(MAX_QUERY_TOKENS);
    expect(groups.map((g) => g.alternatives[0][0])).toEqual(words.slice(0, MAX_QUERY_TOKENS));
    expectWellFormed(groups);
  });

  it('gives a prefix only to the last lone word', () => {
    const groups = plan('startup milano torino');
    expect(groups.map((g) => g.prefix)).toEqual([false, false, true]);
    expect(plan('startup oncologia').map((g) => g.prefix)).toEqual([false, false]);
  });

  it('never throws and only yields letter/digit tokens, whatever is typed', () => {
    const syntax = fc.constantFrom('"', "'", '\\', '%', '_', '*', ':', '(', ')', '-', '+', '~', '|', '&', '!', ';', '--', ' OR ', ' AND ', ' NOT ', '$1', '\u0000', '\uE000', '😀');
    const word = fc.constantFrom('oncologia', 'CAR-T', 'cell', 'dispositivi', 'medici', 'Sanità', '2024', 'x', 'cardiolgy', '\u{20000}', 'a'.repeat(39));
    const query = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.oneof(syntax, word, fc.constant(' ')), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('a', 'é', '7', '\u{20000}'), minLength: 30, maxLength: 60 }),
    );
    fc.assert(
      fc.property(query, (q) => {
        expectWellFormed(plan(q));
      }),
      { numRuns: 500 },
    );
  });

  it('gives taxonomy phrases their concepts, with children and parent', () => {
    const [group] = plan('oncologia');
    expect(group.concepts).toEqual(expect.arrayContaining(['therapeuticAreas:oncology', 'therapeuticAreas:haematology']));
    const [cart] = plan('CAR-T');
    expect(cart.concepts).toEqual(['modalities:car_t', 'modalities:cell_therapy']);
  });

  it('reaches taxonomy concepts by the prefix of the last word, not of earlier ones', () => {
    expect(plan('neuro')[0].concepts).toEqual(expect.arrayContaining(['therapeuticAreas:neurology', 'therapeuticAreas:neurodegenerative_diseases']));
    expect(plan('neuro trial')[0].concepts).toEqual([]);
    expect(plan('ne')[0].concepts).toEqual([]);
  });
});
