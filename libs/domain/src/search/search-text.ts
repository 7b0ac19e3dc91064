import { isStopWord } from './stop-words';

/**
 * Text normalisation shared by both index adapters and the query planner: lower case, accents removed
 * ("Sanità" → "sanita"), split on anything that is not a letter or a digit. Because tokens keep only letters and
 * digits, a user's quotes, backslashes, `%`, `_`, operators or emoji can never reach a query language as syntax.
 */

/** Longest token kept; longer runs are cut, not dropped, so a pasted identifier still matches its beginning. */
export const MAX_TOKEN_LENGTH = 40;
/** Query words beyond this are ignored: a search box is not a document. */
export const MAX_QUERY_TOKENS = 12;

/** Private-use characters as highlight markers: they cannot occur in indexed text (it is cleaned of them). */
export const HIGHLIGHT_PRE = '\uE000';
export const HIGHLIGHT_POST = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of normalizeText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length > 0) tokens.push(raw.length > MAX_TOKEN_LENGTH ? raw.slice(0, MAX_TOKEN_LENGTH).replace(/[\uD800-\uDBFF]$/, '') : raw);
  }
  return tokens;
}

/** Removes highlight markers from text before it is indexed, so a profile cannot forge highlights. */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

/** Splits engine output with markers into plain text and the marked words. */
export function parseMarked(text: string): { plain: string; marked: string[] } {
  const marked: string[] = [];
  const pattern = new RegExp(`${HIGHLIGHT_PRE}([^${HIGHLIGHT_PRE}${HIGHLIGHT_POST}]*)${HIGHLIGHT_POST}`, 'g');
  for (const match of text.matchAll(pattern)) {
    const word = match[1].trim();
    if (word.length > 0) marked.push(word);
  }
  return { plain: text.replace(MARKERS, ''), marked };
}

/** The first `maxWords` words of a text, with an ellipsis when cut. */
export function cropWords(text: string, maxWords: number): string {
  const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length <= maxWords) return words.join(' ');
  return `${words.slice(0, maxWords).join(' ')} …`;
}

/** The words worth marking in a hit: distinct, without function words (which match inside phrases). */
export function highlightWords(words: readonly string[]): string[] {
  return distinctWords(words.filter((w) => !isStopWord(normalizeText(w))));
}

/** Distinct values, first occurrence kept, compared case-insensitively. */
export function distinctWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const word of words) {
    const key = normalizeText(word);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(word);
    }
  }
  return result;
}
