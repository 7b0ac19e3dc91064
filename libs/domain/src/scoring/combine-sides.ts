import type { MatchReason } from './scoring.types';

/** A factor's name, its label for people, and which side of the pair it judges from. */
export interface FactorDefinition {
  factor: string;
  label: string;
  side: 0 | 1;
}

/**
 * Reciprocal score: each side's fit is the weighted mean of its factors (0–1), and the score is 100 × the
 * geometric mean of the two fits, so a pair that suits only one side scores low. Raising any factor never
 * lowers the score. Writes nothing, allocates nothing: the kernel calls it for every pair.
 */
export function combineSides(weights: Float64Array, values: Float64Array, sides: Uint8Array): number {
  let sum0 = 0;
  let total0 = 0;
  let sum1 = 0;
  let total1 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i];
    if (sides[i] === 0) {
      sum0 += w * values[i];
      total0 += w;
    } else {
      sum1 += w * values[i];
      total1 += w;
    }
  }
  const fit0 = total0 > 0 ? sum0 / total0 : 1;
  const fit1 = total1 > 0 ? sum1 / total1 : 1;
  return 100 * Math.sqrt(fit0 * fit1);
}

/**
 * The reasons behind a score: half of the score is credited to each side, shared among its factors in proportion
 * to their weighted values. Contributions are rounded to tenths by largest remainder, so they add up to the score
 * rounded to tenths (rounding each one on its own could miss it by several tenths).
 */
export function explainSides(definitions: readonly FactorDefinition[], weights: Float64Array, values: Float64Array, score: number): MatchReason[] {
  const sideSums = [0, 0];
  definitions.forEach((d, i) => (sideSums[d.side] += weights[i] * values[i]));
  const sidesInUse = sideSums.filter((_, side) => definitions.some((d, i) => d.side === side && weights[i] > 0)).length || 1;
  const tenths = definitions.map((d, i) => (sideSums[d.side] > 0 ? ((score / sidesInUse) * weights[i] * values[i] * 10) / sideSums[d.side] : 0));
  const rounded = tenths.map(Math.floor);
  let missing = Math.round(tenths.reduce((sum, t) => sum + t, 0)) - rounded.reduce((sum, t) => sum + t, 0);
  const byRemainder = tenths.map((_, i) => i).sort((a, b) => tenths[b] - rounded[b] - (tenths[a] - rounded[a]));
  for (const i of byRemainder) {
    if (missing <= 0) break;
    rounded[i]++;
    missing--;
  }
  return definitions
    .map((d, i) => ({ factor: d.factor, label: d.label, contribution: rounded[i] / 10 }))
    .sort((a, b) => b.contribution - a.contribution);
}
