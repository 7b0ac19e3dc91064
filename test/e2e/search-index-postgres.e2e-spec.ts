import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EnvData, EXACT_COUNT_LIMIT, PostgresSearchIndex, SearchResultCache } from '@hub/core';
import type { SearchDocument, SearchResult } from '@hub/domain';
import { describeSearchIndexContract } from '../search/search-index.contract';
import { TestContext } from '../support/test-app';
import { eventually } from '../support/test-worker';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await TestContext.create();
});
afterAll(() => ctx.close());

describeSearchIndexContract(
  'PostgreSQL',
  () => ctx.app.get(PostgresSearchIndex),
  () => ctx.truncate(),
);

describe('PostgreSQL index: very large result sets', () => {
  it(`counts total and facets exactly up to ${EXACT_COUNT_LIMIT} matches and estimates them above`, async () => {
    await ctx.truncate();
    const index = ctx.app.get(PostgresSearchIndex);
    const documents: SearchDocument[] = Array.from({ length: 12_000 }, (_, i) => ({
      id: randomUUID(),
      type: i % 4 === 0 ? 'fund' : 'company',
      organisationId: randomUUID(),
      name: `Doc ${String(i).padStart(5, '0')}`,
      body: i % 2 === 0 ? 'even cardio' : 'odd',
      taxonomyText: '',
      sectors: i % 3 === 0 ? ['medtech'] : [],
      therapeuticAreas: [],
      modalities: [],
      stages: [],
      trl: null,
      country: 'IT',
    }));
    await index.upsert(documents);
    // Funds (every 4th) that are medtech (every 3rd) and 'cardio' (even): 1,000 matches, under the exact limit.
    const small = await index.search({ q: 'cardio', types: ['fund'], sectors: ['medtech'], page: 1, pageSize: 5 });
    expect(EXACT_COUNT_LIMIT).toBeGreaterThanOrEqual(1000);
    expect(small).toMatchObject({ total: 1000, totalExact: true, facetsExact: true, facets: { type: { fund: 1000 }, sectors: { medtech: 1000 }, country: { IT: 1000 } } });

    const large = await index.search({ page: 3, pageSize: 5 });
    expect(large).toMatchObject({ totalExact: false, facetsExact: false });
    // A one-in-eight slice of 12,000 ids: each estimate within 15 % of the truth.
    const near = (value: number | undefined, truth: number) => {
      expect(value).toBeGreaterThan(truth * 0.85);
      expect(value).toBeLessThan(truth * 1.15);
    };
    near(large.total, 12_000);
    near(large.facets.type.company, 9000);
    near(large.facets.sectors.medtech, 4000);
    // Pages stay exact: page 3 of the name order.
    expect(large.hits.map((h) => h.name)).toEqual(['Doc 00010', 'Doc 00011', 'Doc 00012', 'Doc 00013', 'Doc 00014']);
  });
});

describe('PostgreSQL index: rebuild', () => {
  it('leaves nothing in the GIN indexes’ pending lists, which every search would read through', async () => {
    await ctx.truncate();
    const index = ctx.app.get(PostgresSearchIndex);
    const documents: SearchDocument[] = Array.from({ length: 300 }, (_, i) => ({
      id: randomUUID(),
      type: 'company',
      organisationId: randomUUID(),
      name: `Company ${i}`,
      body: `cardiology devices ${i}`,
      taxonomyText: '',
      sectors: ['medtech'],
      therapeuticAreas: ['cardiology'],
      modalities: [],
      stages: [],
      trl: null,
      country: 'IT',
    }));
    async function* source() {
      yield documents;
    }
    await index.rebuild(source(), () => undefined);
    // gin_clean_pending_list() returns how many pending pages it merged: none are left to merge.
    const pending: Array<{ index: string; pages: number }> = await ctx.dataSource.query(
      `SELECT c.relname AS index, gin_clean_pending_list(c.oid::regclass)::int AS pages
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        WHERE i.indrelid = 'search_documents'::regclass AND a.amname = 'gin' ORDER BY 1`,
    );
    expect(pending).toEqual(
      ['ix_search_documents_concept_ids', 'ix_search_documents_facet_ids', 'ix_search_documents_name_trgm', 'ix_search_documents_tsv'].map((name) => ({ index: name, pages: 0 })),
    );
    expect((await index.search({ q: 'cardiology', page: 1, pageSize: 5 })).total).toBe(300);
  });
});

describe('PostgreSQL index: result cache', () => {
  const doc = (name: string, body: string): SearchDocument => ({
    id: randomUUID(),
    type: 'company',
    organisationId: randomUUID(),
    name,
    body,
    taxonomyText: '',
    sectors: ['medtech'],
    therapeuticAreas: [],
    modalities: [],
    stages: [],
    trl: null,
    country: 'IT',
  });
  const query = { q: 'stethoscope', page: 1, pageSize: 10 } as const;
  /** A result to keep where what is kept does not matter, only whether it is served. */
  const result: SearchResult = { hits: [], facets: {} as never, facetsExact: true, totalExact: true, total: 0, page: 1, pageSize: 10 };

  /** The app's cache once it listens (its first lookup opens the connection). */
  async function listeningCache(): Promise<SearchResultCache> {
    const cache = ctx.app.get(SearchResultCache);
    await ctx.app.get(PostgresSearchIndex).search(query);
    await eventually(async () => expect(cache.active).toBe(true));
    return cache;
  }

  /** Another connection, as another process (worker, cli, psql) would write. */
  async function otherConnection<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: ctx.app.get(EnvData).databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeEach(() => ctx.truncate());

  it('answers a repeated query from the cache, with the same result', async () => {
    const index = ctx.app.get(PostgresSearchIndex);
    await index.upsert([doc('Acme Stethoscope', 'a digital stethoscope')]);
    const cache = await listeningCache();
    const first = await index.search(query);
    const before = cache.stats();
    const second = await index.search(query);
    expect(cache.stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses });
    expect(second).toEqual(first);
    expect(second.hits.map((h) => h.name)).toEqual(['Acme Stethoscope']);
    // Another page, filter or text is another entry.
    await index.search({ ...query, pageSize: 5 });
    await index.search({ ...query, sectors: ['medtech'] });
    expect(cache.stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses + 2 });
  });

  it('forgets every result when another connection changes the index (NOTIFY at commit), not at the time limit', async () => {
    const index = ctx.app.get(PostgresSearchIndex);
    const gone = doc('Beta Stethoscope', 'a stethoscope for nurses');
    await index.upsert([doc('Acme Stethoscope', 'a digital stethoscope'), gone]);
    const cache = await listeningCache();
    expect((await index.search(query)).total).toBe(2);
    expect((await index.search(query)).total).toBe(2);
    const clears = cache.stats().clears;
    await otherConnection((c) => c.query(`DELETE FROM search_documents WHERE id = $1`, [gone.id]));
    await eventually(async () => expect(cache.stats().clears).toBeGreaterThan(clears));
    expect((await index.search(query)).hits.map((h) => h.name)).toEqual(['Acme Stethoscope']);
    // A change to the typo vocabulary alone also clears it: corrections come from there.
    const again = cache.stats().clears;
    await otherConnection((c) => c.query(`INSERT INTO search_terms (term) VALUES ('stethoscopio')`));
    await eventually(async () => expect(cache.stats().clears).toBeGreaterThan(again));
  });

  it('stays as it is when a statement changes no row (unchanged content re-indexed, a known word added again)', async () => {
    const index = ctx.app.get(PostgresSearchIndex);
    const acme = doc('Acme Stethoscope', 'a digital stethoscope');
    await index.upsert([acme]);
    const cache = await listeningCache();
    await index.search(query);
    const clears = cache.stats().clears;
    await otherConnection(async (c) => {
      await c.query(`UPDATE search_documents SET name = name WHERE id = $1 AND false`, [acme.id]);
      await c.query(`DELETE FROM search_documents WHERE id = $1`, [randomUUID()]);
      await c.query(`INSERT INTO search_terms (term) VALUES ('stethoscope') ON CONFLICT DO NOTHING`);
      // Then one real change: notifications arrive in commit order, so any from the statements above would come first.
      await c.query(`UPDATE search_documents SET name = 'Acme Stethoscopes' WHERE id = $1`, [acme.id]);
    });
    await eventually(async () => expect(cache.stats().clears).toBeGreaterThan(clears));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cache.stats().clears).toBe(clears + 1);
  });

  it('does not keep a result computed while the index changed', async () => {
    const cache = await listeningCache();
    const lookup = cache.lookup({ ...query, q: 'overlap' });
    if (!('ticket' in lookup) || !lookup.ticket) throw new Error('expected a miss with a ticket');
    cache.clear(); // what a NOTIFY does while the search runs
    cache.store(lookup.ticket, result);
    expect('hit' in cache.lookup({ ...query, q: 'overlap' })).toBe(false);
  });

  it('serves nothing from the cache while its listening connection is down, and comes back on its own', async () => {
    const index = ctx.app.get(PostgresSearchIndex);
    await index.upsert([doc('Acme Stethoscope', 'a digital stethoscope')]);
    const cache = await listeningCache();
    await index.search(query);
    const database = ctx.app.get(EnvData).databaseUrl.split('/').pop();
    await otherConnection((c) =>
      c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hub-match-search-cache' AND datname = $1`, [database]),
    );
    await eventually(async () => expect(cache.active).toBe(false));
    // Changes now go unheard: the result must come from the index, not from before.
    const bypassed = cache.stats().bypassed;
    await otherConnection((c) => c.query(`DELETE FROM search_documents`));
    expect((await index.search(query)).total).toBe(0);
    expect(cache.stats().bypassed).toBeGreaterThan(bypassed);
    // The next searches reconnect (after a short backoff) and use the cache again.
    await eventually(async () => {
      await index.search(query);
      expect(cache.active).toBe(true);
    });
    const hits = cache.stats().hits;
    await index.search(query);
    await index.search(query);
    expect(cache.stats().hits).toBeGreaterThan(hits);
  });

  it('with SEARCH_CACHE_STALE_SECONDS, forgets every result within that time of a change, each at its own moment', async () => {
    const env = ctx.app.get(EnvData);
    const delayed = new SearchResultCache({ ...env, searchCache: { seconds: 60, entries: 100, staleSeconds: 4 } });
    const keys = Array.from({ length: 40 }, (_, i) => `kept ${i}`);
    /** How many of the kept results are still served (a lookup that misses drops its key). */
    const served = () => keys.filter((q) => 'hit' in delayed.lookup({ ...query, q })).length;
    try {
      delayed.lookup({ ...query, q: 'warm-up' });
      await eventually(async () => expect(delayed.active).toBe(true));
      for (const q of keys) {
        const miss = delayed.lookup({ ...query, q });
        if ('ticket' in miss) delayed.store(miss.ticket, result);
      }
      expect(served()).toBe(40);
      const before = delayed.stats();
      // Two changes from another connection in quick succession: the second gives no later deadline.
      for (let i = 0; i < 2; i++) await otherConnection((c) => c.query(`INSERT INTO search_terms (term) VALUES ($1)`, [`stalenessword${i}`]));
      await eventually(async () => expect(delayed.stats().changes).toBe(before.changes + 2), 5000, 20);
      const heard = Date.now();
      // Right after the change nearly everything is still served, half way through about half, and then nothing.
      const atOnce = served();
      expect(atOnce).toBeGreaterThan(30);
      await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() - heard)));
      const halfWay = served();
      expect(halfWay).toBeGreaterThan(0);
      expect(halfWay).toBeLessThan(atOnce);
      await eventually(async () => expect(served()).toBe(0), 4000, 100);
      expect(Date.now() - heard).toBeLessThan(4500);
      // No clear of the whole cache was needed; a result computed after the change is kept again.
      expect(delayed.stats().clears).toBe(before.clears);
      const fresh = delayed.lookup({ ...query, q: 'after the change' });
      if ('ticket' in fresh) delayed.store(fresh.ticket, result);
      expect('hit' in delayed.lookup({ ...query, q: 'after the change' })).toBe(true);
    } finally {
      await delayed.onModuleDestroy();
    }
  });

  it('keeps at most SEARCH_CACHE_ENTRIES results, dropping the least recently used, and none when SEARCH_CACHE_SECONDS is 0', async () => {
    const env = ctx.app.get(EnvData);
    const small = new SearchResultCache({ ...env, searchCache: { seconds: 60, entries: 2, staleSeconds: 0 } });
    const keep = (q: string) => {
      const lookup = small.lookup({ ...query, q });
      if ('ticket' in lookup) small.store(lookup.ticket, result);
    };
    try {
      keep('warm-up');
      await eventually(async () => expect(small.active).toBe(true));
      keep('a');
      keep('b');
      expect('hit' in small.lookup({ ...query, q: 'a' })).toBe(true); // a is now the most recent
      keep('c');
      expect('hit' in small.lookup({ ...query, q: 'b' })).toBe(false);
      expect('hit' in small.lookup({ ...query, q: 'a' })).toBe(true);
      expect(small.stats().entries).toBe(2);
    } finally {
      await small.onModuleDestroy();
    }
    const off = new SearchResultCache({ ...env, searchCache: { seconds: 0, entries: 2, staleSeconds: 0 } });
    expect(off.enabled).toBe(false);
    expect(off.lookup(query)).toEqual({ ticket: null });
    expect(off.active).toBe(false);
  });
});
