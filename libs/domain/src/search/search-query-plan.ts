import { MAX_QUERY_TOKENS, tokenize } from './search-text';
import { isStopWord } from './stop-words';
import type { SearchSynonyms } from './search-synonyms';

/** Words shorter than this are not corrected for typos (as Meilisearch does: too many neighbours). */
export const MIN_TYPO_TOKEN_LENGTH = 4;

/** One position of the query: any alternative may match; all groups must match (AND of ORs). */
export interface QueryGroup {
  /** Token sequences; a sequence of several tokens is a phrase. */
  alternatives: string[][];
  /** A lone word that may be corrected for typos against the index's vocabulary. */
  typoCandidate: string | null;
  /** The last word of the query also matches as a prefix, so results appear while typing. */
  prefix: boolean;
  /**
   * Taxonomy concepts (`dimension:code`) that satisfy the group too: those of a taxonomy phrase (with children
   * and parent), or of taxonomy words starting with the last word. Lets an index match concepts exactly instead
   * of searching every synonym as text.
   */
  concepts: string[];
}

/** A last word shorter than this does not reach taxonomy concepts by prefix (too many). */
export const MIN_CONCEPT_PREFIX_LENGTH = 3;

/**
 * Turns what a user typed into groups of alternatives: taxonomy phrases become their synonyms in both languages,
 * other words stay as typed (with typo correction and, for the last one, prefix matching). Pure and shared, so
 * both adapters read the query the same way.
 */
export function planQuery(q: string | undefined, synonyms: SearchSynonyms): QueryGroup[] {
  const tokens = tokenize(q ?? '').slice(0, MAX_QUERY_TOKENS);
  const spans = synonyms.spans(tokens);
  const groups: QueryGroup[] = [];
  // Function words are dropped unless the query has nothing else ("the who" still searches).
  const dropStopWords = tokens.some((t) => !isStopWord(t));
  let i = 0;
  for (const span of [...spans, { start: tokens.length, end: tokens.length, phrase: '' }]) {
    for (; i < span.start; i++) {
      const token = tokens[i];
      if (dropStopWords && isStopWord(token)) continue;
      const isWord = !/^\p{N}+$/u.test(token);
      const prefix = i === tokens.length - 1 && token.length >= 2;
      groups.push({
        alternatives: [[token]],
        typoCandidate: isWord && token.length >= MIN_TYPO_TOKEN_LENGTH ? token : null,
        prefix,
        concepts: prefix && isWord && token.length >= MIN_CONCEPT_PREFIX_LENGTH ? synonyms.conceptsWithPrefix(token) : [],
      });
    }
    if (span.phrase) {
      groups.push({
        alternatives: synonyms.expand(span.phrase).map((p) => p.split(' ')),
        typoCandidate: null,
        prefix: false,
        concepts: synonyms.conceptsOf(span.phrase),
      });
      i = span.end;
    }
  }
  return groups;
}
