import { PostgresSearchIndex } from '@hub/core';
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
