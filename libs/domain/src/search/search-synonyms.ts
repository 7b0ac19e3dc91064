import { taxonomy, type Taxonomy } from '../taxonomy/taxonomy';
import { TAXONOMY_DIMENSIONS, type TaxonomyDimension, type TaxonomyTerm } from '../taxonomy/taxonomy.types';
import { tokenize } from './search-text';

type CodeKey = `${TaxonomyDimension}:${string}`;

/** Codes a document is tagged with, per dimension. */
export interface TaggedCodes {
  sectors: readonly string[];
  therapeuticAreas: readonly string[];
  modalities: readonly string[];
}

export interface PhraseSpan {
  start: number;
  /** Exclusive. */
  end: number;
  phrase: string;
}

function termPhrases(term: TaxonomyTerm): string[] {
  const texts = [term.code.replace(/_/g, ' '), term.labels.it, term.labels.en, ...term.synonyms.it, ...term.synonyms.en];
  const phrases = new Set<string>();
  for (const text of texts) {
    const tokens = tokenize(text);
    if (tokens.length > 0) phrases.add(tokens.join(' '));
  }
  return [...phrases];
}

/**
 * Search synonyms generated from the taxonomy, the same for both index adapters: every label and synonym of a
 * code (Italian and English) is a synonym of the others, and a term also finds its children's and its parent's
 * words ("terapia cellulare" finds CAR-T, "CAR-T" finds cell therapy). Phrases are normalised token strings.
 */
export class SearchSynonyms {
  private readonly phrasesOfCode = new Map<CodeKey, string[]>();
  private readonly codesOfPhrase = new Map<string, CodeKey[]>();
  private readonly expansionCache = new Map<string, string[]>();
  readonly maxPhraseTokens: number;

  constructor(private readonly taxonomy: Taxonomy) {
    let longest = 1;
    for (const dimension of TAXONOMY_DIMENSIONS) {
      for (const term of taxonomy.definition[dimension]) {
        const key: CodeKey = `${dimension}:${term.code}`;
        const phrases = termPhrases(term);
        this.phrasesOfCode.set(key, phrases);
        for (const phrase of phrases) {
          longest = Math.max(longest, phrase.split(' ').length);
          const codes = this.codesOfPhrase.get(phrase) ?? [];
          codes.push(key);
          this.codesOfPhrase.set(phrase, codes);
        }
      }
    }
    this.maxPhraseTokens = longest;
  }

  /** The taxonomy codes a phrase names, as `dimension:code` keys (empty when it names none). */
  codesOf(phrase: string): readonly string[] {
    return this.codesOfPhrase.get(phrase) ?? [];
  }

  /**
   * The taxonomy concepts (`dimension:code`) a phrase stands for: its codes, their descendants and their parents,
   * mirroring `expand` at the level of codes. Empty for a phrase the taxonomy does not know.
   */
  conceptsOf(phrase: string): string[] {
    const concepts = new Set<string>();
    for (const key of this.codesOfPhrase.get(phrase) ?? []) {
      const [dimension, code] = key.split(':') as [TaxonomyDimension, string];
      concepts.add(key);
      for (const child of this.taxonomy.descendants(dimension, code)) concepts.add(`${dimension}:${child}`);
      const parent = this.taxonomy.term(dimension, code)?.parent;
      if (parent) concepts.add(`${dimension}:${parent}`);
    }
    return [...concepts].sort();
  }

  /** Concepts of every phrase with a word starting with `prefix` ("neuro" → neurology, neurodegenerative...). */
  conceptsWithPrefix(prefix: string): string[] {
    const concepts = new Set<string>();
    for (const phrase of this.codesOfPhrase.keys()) {
      if (phrase.split(' ').some((word) => word.startsWith(prefix))) for (const c of this.conceptsOf(phrase)) concepts.add(c);
    }
    return [...concepts].sort();
  }

  /**
   * The concepts a document is about: its tags, and the taxonomy phrases in its text ("cuore" in a description
   * is about cardiology). Not expanded: queries expand instead.
   */
  documentConcepts(tags: TaggedCodes, text: string): { tags: string[]; all: string[] } {
    const tagKeys = TAXONOMY_DIMENSIONS.flatMap((dimension) => tags[dimension].map((code) => `${dimension}:${code}`));
    const all = new Set(tagKeys);
    for (const span of this.spans(tokenize(text))) for (const key of this.codesOf(span.phrase)) all.add(key);
    return { tags: [...new Set(tagKeys)].sort(), all: [...all].sort() };
  }

  /** Every phrase the synonyms know, e.g. "dispositivi medici". */
  phrases(): string[] {
    return [...this.codesOfPhrase.keys()];
  }

  /** The phrase itself and everything it stands for, sorted; a phrase not in the taxonomy expands to itself. */
  expand(phrase: string): string[] {
    const cached = this.expansionCache.get(phrase);
    if (cached) return cached;
    const result = new Set<string>([phrase]);
    for (const key of this.codesOfPhrase.get(phrase) ?? []) {
      const [dimension, code] = key.split(':') as [TaxonomyDimension, string];
      const related = [code, ...this.taxonomy.descendants(dimension, code)];
      const parent = this.taxonomy.term(dimension, code)?.parent;
      if (parent) related.push(parent);
      for (const other of related) for (const p of this.phrasesOfCode.get(`${dimension}:${other}`) ?? []) result.add(p);
    }
    const expanded = [...result].sort();
    this.expansionCache.set(phrase, expanded);
    return expanded;
  }

  /** Left-to-right, longest-first spans of the tokens that are taxonomy phrases. */
  spans(tokens: readonly string[]): PhraseSpan[] {
    const spans: PhraseSpan[] = [];
    let i = 0;
    while (i < tokens.length) {
      let found: PhraseSpan | null = null;
      for (let length = Math.min(this.maxPhraseTokens, tokens.length - i); length >= 1 && !found; length--) {
        const phrase = tokens.slice(i, i + length).join(' ');
        if (this.codesOfPhrase.has(phrase)) found = { start: i, end: i + length, phrase };
      }
      if (found) {
        spans.push(found);
        i = found.end;
      } else {
        i++;
      }
    }
    return spans;
  }

  /** Labels and synonyms (both languages) of the codes a document is tagged with, as indexable text. */
  taxonomyText(tags: TaggedCodes): string {
    const texts: string[] = [];
    for (const dimension of TAXONOMY_DIMENSIONS) {
      for (const code of tags[dimension]) {
        const term = this.taxonomy.term(dimension, code);
        if (term) texts.push(term.labels.en, term.labels.it, ...term.synonyms.en, ...term.synonyms.it);
      }
    }
    return [...new Set(texts)].join(' · ');
  }

  /** Meilisearch's synonyms setting: each phrase mapped to the other phrases it stands for. */
  toMeilisearch(): Record<string, string[]> {
    const synonyms: Record<string, string[]> = {};
    for (const phrase of [...this.codesOfPhrase.keys()].sort()) {
      const others = this.expand(phrase).filter((p) => p !== phrase);
      if (others.length > 0) synonyms[phrase] = others;
    }
    return synonyms;
  }
}

/** The platform's synonyms, built once from its taxonomy. */
export const searchSynonyms = new SearchSynonyms(taxonomy);
