import fc from 'fast-check';
import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  MAX_TOKEN_LENGTH,
  cropWords,
  distinctWords,
  normalizeText,
  parseMarked,
  stripMarkers,
  tokenize,
} from './search-text';

const TOKEN = /^[\p{L}\p{N}]+$/u;

/** Letters (some outside the BMP: two UTF-16 units each), digits and separators, so long mixed tokens occur often. */
const trickyUnit = fc.constantFrom(
  'a', 'Z', 'à', 'É', '7', '٣', 'ж', '東', 'İ', 'ß', 'ﬁ',
  '\u{20000}', '\u{1D49C}', '\u{1F600}', '\u{10400}',
  ' ', '-', '_', '%', '\\', '"', "'", '\u0301', HIGHLIGHT_PRE, HIGHLIGHT_POST,
);
/** One long run of letters and digits, mixing one- and two-unit characters, so cuts fall everywhere. */
const longWord = fc.string({ unit: fc.constantFrom('a', 'é', '東', '7', '\u{20000}', '\u{1D49C}'), minLength: 20, maxLength: 60 });
const anyText = fc.oneof(
  longWord,
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: trickyUnit, maxLength: 200 }),
);

describe('normalizeText', () => {
  it('removes accents and lower-cases', () => {
    expect(normalizeText('Sanità')).toBe('sanita');
    expect(normalizeText('CAR-T')).toBe('car-t');
    expect(normalizeText('Perché ÀÉÎÕÜ Ñ ç')).toBe('perche aeiou n c');
  });

  it('treats a decomposed accent like a precomposed one', () => {
    expect(normalizeText('Sanita\u0300')).toBe(normalizeText('Sanit\u00E0'));
  });
});

describe('tokenize', () => {
  it('returns normalised words', () => {
    expect(tokenize('Sanità digitale')).toEqual(['sanita', 'digitale']);
    expect(tokenize('CAR-T')).toEqual(['car', 't']);
  });

  it('splits on punctuation, emoji, quotes, backslashes, % and _', () => {
    expect(tokenize(`"a" 'b' c\\d e%f g_h i😀j k,l.m;n (o) p*q:r`)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r'],
    );
    expect(tokenize("Malattie dell'apparato muscolo-scheletrico")).toEqual(['malattie', 'dell', 'apparato', 'muscolo', 'scheletrico']);
  });

  it('returns nothing for empty or separator-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \t\n')).toEqual([]);
    expect(tokenize(`"'\\%_*😀 -- ;`)).toEqual([]);
  });

  it('keeps digits and non-Latin letters', () => {
    expect(tokenize('COVID-19 trial 2024')).toEqual(['covid', '19', 'trial', '2024']);
    expect(tokenize('Москва 東京 مرحبا Ελλάδα ٣٤')).toEqual(['москва', '東京', 'مرحبا', 'ελλαδα', '٣٤']);
  });

  it('cuts tokens at MAX_TOKEN_LENGTH instead of dropping them', () => {
    expect(tokenize('x'.repeat(MAX_TOKEN_LENGTH))).toEqual(['x'.repeat(MAX_TOKEN_LENGTH)]);
    expect(tokenize(`${'y'.repeat(MAX_TOKEN_LENGTH + 1)} ok`)).toEqual(['y'.repeat(MAX_TOKEN_LENGTH), 'ok']);
    expect(tokenize('z'.repeat(1000))).toEqual(['z'.repeat(MAX_TOKEN_LENGTH)]);
  });

  it('never splits a character outside the BMP when cutting a long token', () => {
    const long = `${'a'.repeat(MAX_TOKEN_LENGTH - 1)}\u{20000}bcd`;
    const [token] = tokenize(long);
    expect(token).toMatch(TOKEN);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(long.startsWith(token)).toBe(true);
  });

  it('only ever yields non-empty letter/digit tokens of bounded length, and never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text);
        for (const token of tokens) {
          expect(token.length).toBeGreaterThan(0);
          expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
          expect(token).toMatch(TOKEN);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds every plain lower-case word of a text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,40}$/), { maxLength: 10 }), fc.constantFrom(' ', ', ', ' - ', '"', '_', '%'), (words, separator) => {
        expect(tokenize(words.join(separator))).toEqual(words);
      }),
    );
  });
});

describe('stripMarkers', () => {
  it('removes both highlight markers and nothing else', () => {
    expect(stripMarkers(`a${HIGHLIGHT_PRE}b${HIGHLIGHT_POST}c ${HIGHLIGHT_POST}`)).toBe('abc ');
    expect(stripMarkers('Sanità digitale, "CAR-T"')).toBe('Sanità digitale, "CAR-T"');
  });

  it('never leaves a marker behind', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const stripped = stripMarkers(text);
        expect(stripped).not.toContain(HIGHLIGHT_PRE);
        expect(stripped).not.toContain(HIGHLIGHT_POST);
        expect(stripped.length).toBe(text.length - [...text].filter((c) => c === HIGHLIGHT_PRE || c === HIGHLIGHT_POST).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseMarked', () => {
  it('returns the plain text and the marked words in order', () => {
    const text = `${HIGHLIGHT_PRE}Oncologia${HIGHLIGHT_POST} e ${HIGHLIGHT_PRE}cardiologia${HIGHLIGHT_POST} pediatrica`;
    expect(parseMarked(text)).toEqual({ plain: 'Oncologia e cardiologia pediatrica', marked: ['Oncologia', 'cardiologia'] });
  });

  it('trims marked words and ignores empty marks', () => {
    const text = `${HIGHLIGHT_PRE} CAR-T ${HIGHLIGHT_POST}x${HIGHLIGHT_PRE}${HIGHLIGHT_POST}y${HIGHLIGHT_PRE}  ${HIGHLIGHT_POST}`;
    expect(parseMarked(text)).toEqual({ plain: ' CAR-T xy  ', marked: ['CAR-T'] });
  });

  it('returns text without markers unchanged and ignores an unclosed marker', () => {
    expect(parseMarked('no highlights here')).toEqual({ plain: 'no highlights here', marked: [] });
    expect(parseMarked(`open ${HIGHLIGHT_PRE}never closed`)).toEqual({ plain: 'open never closed', marked: [] });
  });

  it('keeps markers out of a marked word when a start marker repeats', () => {
    expect(parseMarked(`${HIGHLIGHT_PRE}${HIGHLIGHT_PRE}cuore${HIGHLIGHT_POST}`)).toEqual({ plain: 'cuore', marked: ['cuore'] });
    expect(parseMarked(`a${HIGHLIGHT_PRE}b ${HIGHLIGHT_PRE}c${HIGHLIGHT_POST}`)).toEqual({ plain: 'ab c', marked: ['c'] });
  });

  it('never leaves markers in the plain text or the marked words', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { plain, marked } = parseMarked(text);
        expect(plain).toBe(stripMarkers(text));
        for (const word of [plain, ...marked]) {
          expect(word).not.toContain(HIGHLIGHT_PRE);
          expect(word).not.toContain(HIGHLIGHT_POST);
        }
        for (const word of marked) expect(word).toBe(word.trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe('cropWords', () => {
  it('keeps a short text, collapsing whitespace', () => {
    expect(cropWords('  Terapia   cellulare\n per \tCAR-T  ', 10)).toBe('Terapia cellulare per CAR-T');
    expect(cropWords('one two three', 3)).toBe('one two three');
    expect(cropWords('   ', 5)).toBe('');
  });

  it('cuts after maxWords words with an ellipsis', () => {
    expect(cropWords('one two three four', 2)).toBe('one two …');
  });

  it('never returns more than maxWords words plus the ellipsis', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^\S{1,8}$/), { maxLength: 30 }), fc.integer({ min: 1, max: 20 }), (words, max) => {
        const cropped = cropWords(words.join(' '), max);
        const out = cropped.split(' ').filter((w) => w.length > 0);
        if (words.length <= max) {
          expect(out).toEqual(words);
        } else {
          expect(out).toEqual([...words.slice(0, max), '…']);
        }
      }),
    );
  });
});

describe('distinctWords', () => {
  it('keeps the first occurrence, comparing without case and accents', () => {
    expect(distinctWords(['Oncologia', 'oncologia', 'ONCOLOGIA', 'Sanità', 'sanita', 'cuore', 'Cuore'])).toEqual(['Oncologia', 'Sanità', 'cuore']);
  });

  it('returns an empty list for an empty input and keeps distinct words in order', () => {
    expect(distinctWords([])).toEqual([]);
    expect(distinctWords(['b', 'a', 'c'])).toEqual(['b', 'a', 'c']);
  });

  it('returns a subsequence without normalised duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<string>('a', 'A', 'à', 'b', 'B', 'è', 'e', 'CAR-T', 'car-t'), { maxLength: 20 }), (words) => {
        const result = distinctWords(words);
        const keys = result.map(normalizeText);
        expect(new Set(keys).size).toBe(result.length);
        expect(new Set(keys)).toEqual(new Set(words.map(normalizeText)));
        let from = 0;
        for (const word of result) {
          const at = words.indexOf(word, from);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(words.slice(0, at).map(normalizeText)).not.toContain(normalizeText(word));
          from = at + 1;
        }
      }),
    );
  });
});
