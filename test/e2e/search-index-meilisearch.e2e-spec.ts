import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { MeilisearchSearchIndex, type EnvData } from '@hub/core';
import { describeSearchIndexContract } from '../search/search-index.contract';

/**
 * The same contract against a real Meilisearch, when one answers at TEST_MEILI_URL (default
 * http://127.0.0.1:7700; docker-compose runs one). No Meilisearch binary can be installed on the CI machine:
 * there the suite is skipped, and the reason printed.
 */
const url = process.env.TEST_MEILI_URL ?? 'http://127.0.0.1:7700';
const key = process.env.TEST_MEILI_MASTER_KEY ?? 'hub-match-dev-master-key-change-me';

/** Jest registers tests synchronously, so reachability is probed synchronously, in a child process. */
function reachable(): boolean {
  const probe = `fetch(${JSON.stringify(`${url}/health`)}, { signal: AbortSignal.timeout(1500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

if (reachable()) {
  let index: MeilisearchSearchIndex;
  const created: MeilisearchSearchIndex[] = [];
  describeSearchIndexContract(
    'Meilisearch',
    () => index,
    async () => {
      // A fresh index per test: Meilisearch has no transactions to roll back.
      index = new MeilisearchSearchIndex({ meili: { url, masterKey: key, index: `hubtest_${randomUUID().replace(/-/g, '')}` } } as EnvData);
      created.push(index);
    },
  );
  afterAll(async () => {
    for (const each of created) await each.drop().catch(() => undefined);
  });
} else {
  // Cannot run here: Meilisearch is in neither the npm registry nor Debian's packages, so this machine has no
  // server to run the contract against. Under docker-compose (or with TEST_MEILI_URL) it runs.
  const reason = `no Meilisearch answered at ${url}; none can be installed on this machine (set TEST_MEILI_URL, or run \`docker compose up -d meilisearch\`)`;
  console.log(`SKIPPED: SearchIndex contract against Meilisearch — ${reason}`);
  describe.skip(`SearchIndex contract: Meilisearch — skipped: ${reason}`, () => {
    it('runs the SearchIndex contract against Meilisearch', () => undefined);
  });
}
