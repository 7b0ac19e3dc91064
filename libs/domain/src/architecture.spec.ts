import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The pure domain must stay free of frameworks and I/O so it can be unit-tested and benchmarked alone. */
const FORBIDDEN = /from '(@nestjs\/[^']*|typeorm|pg|ioredis|bullmq|meilisearch|express|node:fs|node:net|node:http|fs|net|http)'/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('domain library boundaries', () => {
  it('imports no framework, ORM, driver or I/O module', () => {
    const files = sources(__dirname);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
