/**
 * A seeded pseudo-random generator (mulberry32: small and fast) with the helpers the benchmark generators use: the
 * same seed gives the same rows and queries on every run.
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  /** Between min and max distinct items, in random order. */
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const pool = [...items];
    const n = Math.min(pool.length, int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return out;
  };
  /** A version-4-shaped UUID from the generator, so ids are the same on every run. */
  const uuid = () => {
    const hex = Array.from({ length: 4 }, () => Math.floor(next() * 4294967296).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return { next, int, pick, chance, some, uuid };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
