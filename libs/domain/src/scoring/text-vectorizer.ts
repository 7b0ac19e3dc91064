import type { SearchSynonyms } from '../search/search-synonyms';
import { tokenize } from '../search/search-text';
import { isStopWord } from '../search/stop-words';
import type { Taxonomy } from '../taxonomy/taxonomy';
import type { TaxonomyDimension } from '../taxonomy/taxonomy.types';

/** A TF-IDF vector: term ids ascending, weights L2-normalised (so a dot product is the cosine). */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

/**
 * Words are cut to this many letters: a crude stemmer that also bridges Italian and English
 * ("oncology"/"oncologia" → "oncolo", "therapeutic"/"therapy" → "therap").
 */
export const STEM_LENGTH = 6;

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/**
 * Text relevance between profiles: TF-IDF over words without Italian and English function words, where any
 * taxonomy phrase ("terapia cellulare", "CAR-T", "dispositivi medici") becomes its taxonomy concept and its
 * ancestors' concepts, so both languages and the hierarchy meet in one vocabulary.
 */
export class TextVectorizer {
  private readonly vocabulary = new Map<string, number>();
  private documentFrequency: number[] = [];
  private documents = 0;

  constructor(
    private readonly synonyms: SearchSynonyms,
    private readonly taxonomy: Taxonomy,
  ) {}

  /** The terms of a text, repeated as often as they occur. */
  terms(text: string): string[] {
    const tokens = tokenize(text);
    const terms: string[] = [];
    const spans = this.synonyms.spans(tokens);
    let i = 0;
    for (const span of [...spans, { start: tokens.length, end: tokens.length, phrase: '' }]) {
      for (; i < span.start; i++) {
        const token = tokens[i];
        if (token.length > 1 && !isStopWord(token) && !/^\p{N}+$/u.test(token)) terms.push(token.slice(0, STEM_LENGTH));
      }
      if (span.phrase) {
        for (const key of this.synonyms.codesOf(span.phrase)) {
          const [dimension, code] = key.split(':') as [TaxonomyDimension, string];
          terms.push(`#${key}`);
          for (const ancestor of this.taxonomy.ancestors(dimension, code)) terms.push(`#${dimension}:${ancestor}`);
        }
        i = span.end;
      }
    }
    return terms;
  }

  /** Learns document frequencies from the corpus the vectors will be compared within. */
  fit(texts: Iterable<string>): void {
    for (const text of texts) {
      this.documents++;
      for (const term of new Set(this.terms(text))) {
        const id = this.id(term);
        this.documentFrequency[id] = (this.documentFrequency[id] ?? 0) + 1;
      }
    }
  }

  vector(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const term of this.terms(text)) {
      const id = this.id(term);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    if (counts.size === 0) return EMPTY_VECTOR;
    const ids = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const weights = new Float32Array(ids.length);
    let norm = 0;
    for (let k = 0; k < ids.length; k++) {
      const tf = 1 + Math.log(counts.get(ids[k]) as number);
      const idf = Math.log((this.documents + 1) / ((this.documentFrequency[ids[k]] ?? 0) + 1)) + 1;
      weights[k] = tf * idf;
      norm += weights[k] * weights[k];
    }
    norm = Math.sqrt(norm);
    for (let k = 0; k < weights.length; k++) weights[k] /= norm;
    return { ids, weights };
  }

  private id(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.vocabulary.size;
      this.vocabulary.set(term, id);
    }
    return id;
  }
}

/** Cosine of two normalised vectors: a merge of their sorted ids. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i];
    const y = bi[j];
    if (x === y) {
      dot += a.weights[i++] * b.weights[j++];
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return dot;
}

/**
 * Dot products against one fixed vector, scattered once into a dense array: the kernel scores one profile against
 * thousands, and a lookup per term beats merging two sorted lists.
 */
export class DenseDot {
  private dense = new Float32Array(1024);
  private current: SparseVector | null = null;
  /** The previous call's operands: on a miss, the one that repeats is the loop's fixed side. */
  private lastA: SparseVector | null = null;
  private lastB: SparseVector | null = null;

  /** The dot product (symmetric); whichever operand stays fixed across calls is the one kept scattered. */
  dot(a: SparseVector, b: SparseVector): number {
    if (a === this.current) return this.sum(b);
    if (b === this.current) return this.sum(a);
    const repeated = b === this.lastA || b === this.lastB;
    this.lastA = a;
    this.lastB = b;
    if (repeated) {
      this.load(b);
      return this.sum(a);
    }
    this.load(a);
    return this.sum(b);
  }

  private sum(other: SparseVector): number {
    const dense = this.dense;
    const ids = other.ids;
    const weights = other.weights;
    let sum = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      if (id < dense.length) sum += dense[id] * weights[k];
    }
    return sum;
  }

  private load(vector: SparseVector): void {
    if (this.current) for (const id of this.current.ids) this.dense[id] = 0;
    const needed = vector.ids.length > 0 ? vector.ids[vector.ids.length - 1] + 1 : 0;
    if (needed > this.dense.length) this.dense = new Float32Array(Math.max(needed, this.dense.length * 2));
    for (let k = 0; k < vector.ids.length; k++) this.dense[vector.ids[k]] = vector.weights[k];
    this.current = vector;
  }
}
