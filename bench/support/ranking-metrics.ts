/**
 * Ranking quality against graded relevance (0 = not relevant, 1 = partly, 2 = fully): the usual definitions, so
 * the numbers compare with the literature.
 */

/** Gain of a grade: 2^grade − 1 (a full fit counts three times a partial one). */
const gain = (grade: number) => 2 ** grade - 1;

/** DCG@k of grades in ranked order. */
function dcg(grades: ArrayLike<number>, k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += gain(grades[i]) / Math.log2(i + 2);
  return sum;
}

/**
 * NDCG@k: DCG of the ranking's first k grades over the DCG of the ideal ranking of all grades; NaN when nothing
 * is relevant (such a query says nothing about the ranking, and is left out of averages).
 */
export function ndcgAt(k: number, rankedGrades: ArrayLike<number>, allGrades: ArrayLike<number>): number {
  const ideal = dcg(Float64Array.from(allGrades).sort().reverse(), k);
  return ideal === 0 ? Number.NaN : dcg(rankedGrades, k) / ideal;
}

/** Share of the first k ranked items with a grade of at least `minGrade`. */
export function precisionAt(k: number, rankedGrades: ArrayLike<number>, minGrade = 1): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, rankedGrades.length); i++) if (rankedGrades[i] >= minGrade) hits++;
  return hits / k;
}

/**
 * Indexes 0..n-1 ordered by descending score; ties broken by `tieKey` ascending (ids), so the ranking does not
 * depend on the order candidates arrive in.
 */
export function rankIndexes(n: number, score: (i: number) => number, tieKey: (i: number) => string): number[] {
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = score(i);
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || (tieKey(a) < tieKey(b) ? -1 : tieKey(a) > tieKey(b) ? 1 : 0));
}

/** Mean of the finite values; NaN when there are none. */
export function meanOf(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}
