import { TAXONOMY } from './taxonomy.data';
import { TAXONOMY_DIMENSIONS, type TaxonomyDefinition, type TaxonomyDimension, type TaxonomyTerm } from './taxonomy.types';

/**
 * Read-only view over a taxonomy definition with the lookups the rest of the domain needs.
 * Built once; every lookup is a map access, so scoring can call it in tight loops.
 */
export class Taxonomy {
  private readonly byDimension = new Map<TaxonomyDimension, Map<string, TaxonomyTerm>>();

  constructor(readonly definition: TaxonomyDefinition) {
    for (const dimension of TAXONOMY_DIMENSIONS) {
      const terms = new Map<string, TaxonomyTerm>();
      for (const term of definition[dimension]) {
        if (terms.has(term.code)) throw new Error(`taxonomy: duplicate code ${dimension}.${term.code}`);
        terms.set(term.code, term);
      }
      for (const term of terms.values()) {
        if (term.parent !== null && !terms.has(term.parent)) {
          throw new Error(`taxonomy: ${dimension}.${term.code} has unknown parent ${term.parent}`);
        }
      }
      this.byDimension.set(dimension, terms);
    }
  }

  get version(): string {
    return this.definition.version;
  }

  has(dimension: TaxonomyDimension, code: string): boolean {
    return this.terms(dimension).has(code);
  }

  term(dimension: TaxonomyDimension, code: string): TaxonomyTerm | undefined {
    return this.terms(dimension).get(code);
  }

  /** Codes not in the dimension, in input order: validation reports them by name. */
  unknownCodes(dimension: TaxonomyDimension, codes: readonly string[]): string[] {
    const terms = this.terms(dimension);
    return codes.filter((code) => !terms.has(code));
  }

  /** The chain from the code's parent up to its root (empty for a root term). */
  ancestors(dimension: TaxonomyDimension, code: string): string[] {
    const terms = this.terms(dimension);
    const chain: string[] = [];
    let parent = terms.get(code)?.parent ?? null;
    while (parent !== null) {
      chain.push(parent);
      parent = terms.get(parent)?.parent ?? null;
    }
    return chain;
  }

  /** Direct and indirect children of a code. */
  descendants(dimension: TaxonomyDimension, code: string): string[] {
    const result: string[] = [];
    for (const term of this.terms(dimension).values()) {
      if (term.code !== code && this.ancestors(dimension, term.code).includes(code)) result.push(term.code);
    }
    return result;
  }

  private terms(dimension: TaxonomyDimension): Map<string, TaxonomyTerm> {
    const terms = this.byDimension.get(dimension);
    if (!terms) throw new Error(`taxonomy: unknown dimension ${dimension}`);
    return terms;
  }
}

/** The platform's taxonomy, validated at module load so a broken data file fails every test at once. */
export const taxonomy = new Taxonomy(TAXONOMY);
