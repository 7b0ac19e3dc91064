import { Foundation1763769600000 } from './1763769600000-foundation';

/** In order; listed explicitly so every build (tsc, tests, cli) runs the same set. */
export const MIGRATIONS = [Foundation1763769600000];
