import { randomUUID } from 'node:crypto';
import { EXACT_COUNT_LIMIT, PostgresSearchIndex } from '@hub/core';
import type { SearchDocument } from '@hub/domain';
import { describeSearchIndexContract } from '../search/search-index.contract';
import { TestContext } from '../support/test-app';

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
