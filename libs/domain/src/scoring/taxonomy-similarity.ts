import type { Taxonomy } from '../taxonomy/taxonomy';
import { TAXONOMY_DIMENSIONS, type TaxonomyDimension } from '../taxonomy/taxonomy.types';

/** Similarity of two codes by their places in the hierarchy. */
export const CODE_SIMILARITY = {
  same: 1,
  /** Parent and child (CAR-T under cell therapy). */
  parentChild: 0.8,
  /** Grandparent and grandchild. */
  twoLevels: 0.6,
  /** Children of one parent (CAR-T and stem-cell therapy). */
  siblings: 0.4,
} as const;

/**
 * A profile's codes, compiled for the kernel: per dimension (TAXONOMY_DIMENSIONS order) the code indexes, and
 * `reach`: for every code of the taxonomy, its best similarity to this profile's codes (dimensions concatenated
 * at `offsets`). Coverage of another profile by this one is then a sum of lookups, with no inner loop.
 */
export interface CompiledCodes {
  codes: readonly [Uint16Array, Uint16Array, Uint16Array];
  reach: Float32Array;
}

/**
 * Taxonomy overlap that understands the hierarchy, precomputed as a code × code matrix per dimension so the
 * scoring kernel only does array reads.
 */
export class TaxonomySimilarity {
  private readonly indexes = new Map<TaxonomyDimension, Map<string, number>>();
  /** In TAXONOMY_DIMENSIONS order: arrays, not maps, because the kernel reads them for every pair. */
  private readonly sizes: number[] = [];
  private readonly matrices: Float32Array[] = [];
  private readonly offsets: number[] = [];
  private totalSize = 0;

  constructor(taxonomy: Taxonomy) {
    for (const dimension of TAXONOMY_DIMENSIONS) {
      const codes = taxonomy.definition[dimension].map((t) => t.code);
      const index = new Map(codes.map((code, i) => [code, i]));
      const size = codes.length;
      const values = new Float32Array(size * size);
      const chains = codes.map((code) => taxonomy.ancestors(dimension, code));
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          values[i * size + j] = similarity(codes[i], chains[i], codes[j], chains[j]);
        }
      }
      this.indexes.set(dimension, index);
      this.sizes.push(size);
      this.matrices.push(values);
      this.offsets.push(this.totalSize);
      this.totalSize += size;
    }
  }

  compile(tags: Record<TaxonomyDimension, readonly string[]>): CompiledCodes {
    const [sectors, areas, modalities] = TAXONOMY_DIMENSIONS.map((dimension) => {
      const index = this.indexes.get(dimension) as Map<string, number>;
      return Uint16Array.from([...new Set(tags[dimension])].map((code) => index.get(code)).filter((i): i is number => i !== undefined));
    });
    const codes = [sectors, areas, modalities] as const;
    const reach = new Float32Array(this.totalSize);
    codes.forEach((own, dimension) => {
      const size = this.sizes[dimension];
      for (let other = 0; other < size; other++) {
        let best = 0;
        for (const code of own) best = Math.max(best, this.matrices[dimension][other * size + code]);
        reach[this.offsets[dimension] + other] = best;
      }
    });
    return { codes, reach };
  }

  /**
   * How much of `of` is covered by `by` in one dimension (its index in TAXONOMY_DIMENSIONS): for each code of `of`, its best similarity to a code of
   * `by`, averaged. -1 when either side has no code (nothing to judge).
   */
  coverage(dimension: number, of: Uint16Array, by: Uint16Array): number {
    if (of.length === 0 || by.length === 0) return -1;
    const size = this.sizes[dimension];
    const values = this.matrices[dimension];
    let sum = 0;
    for (let i = 0; i < of.length; i++) {
      let best = 0;
      const row = of[i] * size;
      for (let j = 0; j < by.length; j++) {
        const v = values[row + by[j]];
        if (v > best) best = v;
      }
      sum += best;
    }
    return sum / of.length;
  }

  /** Mean coverage of `of` by `by` over the dimensions where both have codes; `fallback` when none has. */
  meanCoverage(of: CompiledCodes, by: CompiledCodes, fallback: number): number {
    let sum = 0;
    let judged = 0;
    const reach = by.reach;
    for (let dimension = 0; dimension < 3; dimension++) {
      const own = of.codes[dimension];
      if (own.length === 0 || by.codes[dimension].length === 0) continue;
      const offset = this.offsets[dimension];
      let covered = 0;
      for (let i = 0; i < own.length; i++) covered += reach[offset + own[i]];
      sum += covered / own.length;
      judged++;
    }
    return judged === 0 ? fallback : sum / judged;
  }

}

function similarity(a: string, ancestorsOfA: readonly string[], b: string, ancestorsOfB: readonly string[]): number {
  if (a === b) return CODE_SIMILARITY.same;
  const up = ancestorsOfB.indexOf(a);
  const down = ancestorsOfA.indexOf(b);
  const distance = up >= 0 ? up + 1 : down >= 0 ? down + 1 : 0;
  if (distance === 1) return CODE_SIMILARITY.parentChild;
  if (distance >= 2) return CODE_SIMILARITY.twoLevels;
  if (ancestorsOfA.length > 0 && ancestorsOfA[0] === ancestorsOfB[0]) return CODE_SIMILARITY.siblings;
  return 0;
}
