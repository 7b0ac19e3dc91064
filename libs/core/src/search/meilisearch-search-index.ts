import { Injectable } from '@nestjs/common';
import { emptyFacets, type SearchDocument, type SearchQuery, type SearchResult } from '@hub/domain';
import type { EnqueuedTaskPromise, Index, Meilisearch, Task } from 'meilisearch' with { 'resolution-mode': 'import' };
import { EnvData } from '../config/env-data';
import { fromMeiliResponse, meiliSearchParams, meiliSettings, toMeiliDocument, type MeiliDocument } from './meilisearch-mapping';
import { SearchIndex } from './search-index.port';

type MeilisearchModule = typeof import('meilisearch', { with: { 'resolution-mode': 'import' } });

/**
 * The client is ES modules only and `moduleResolution: node` cannot resolve a value import of it; Node 20.19+
 * (and Jest, which compiles it with Babel) load it through `require`, typed from its own declarations.
 */
function loadClientModule(): MeilisearchModule {
  return require('meilisearch') as MeilisearchModule;
}

/** Indexing a large batch or the synonyms can take longer than the client's 5 s default. */
const TASK_WAIT = { timeout: 10 * 60_000, interval: 100 };
const PRIMARY_KEY = 'id';
const REACHABLE_TIMEOUT_MS = 2000;

function errorCode(error: unknown): string | undefined {
  // MeilisearchApiError carries Meilisearch's error body as `cause`.
  if (!(error instanceof Error) || typeof error.cause !== 'object' || error.cause === null) return undefined;
  const code: unknown = (error.cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Search index held by Meilisearch (when MEILI_URL is set). Every write waits for its task and fails loudly with
 * Meilisearch's own message, so the outbox retries instead of believing a document was indexed.
 */
@Injectable()
export class MeilisearchSearchIndex extends SearchIndex {
  readonly engine = 'meilisearch' as const;
  private meilisearch: Meilisearch | null = null;

  constructor(private readonly env: EnvData) {
    super();
  }

  async prepare(): Promise<void> {
    await this.createAndConfigure(this.indexName());
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.settle(this.index().addDocuments(documents.map(toMeiliDocument), { primaryKey: PRIMARY_KEY }), 'indexing documents');
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.settle(this.index().deleteDocuments([...ids]), 'removing documents');
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const params = meiliSearchParams(query);
    try {
      const response = await this.index().search(params.q, params);
      return fromMeiliResponse(response, query);
    } catch (error) {
      // Nothing indexed yet (the worker has not prepared the index): an empty answer, not a server error.
      if (errorCode(error) === 'index_not_found') return { hits: [], facets: emptyFacets(), facetsExact: true, totalExact: true, total: 0, page: query.page, pageSize: query.pageSize };
      throw error;
    }
  }

  async count(): Promise<number> {
    try {
      return (await this.index().getStats()).numberOfDocuments;
    } catch (error) {
      if (errorCode(error) === 'index_not_found') return 0;
      throw error;
    }
  }

  /**
   * Builds a fresh index beside the live one and swaps them atomically, so searches answer from the old documents
   * until the new index is complete; a failure leaves the live index untouched and drops the half-built one.
   */
  async rebuild(source: AsyncIterable<readonly SearchDocument[]>, onProgress: (indexed: number) => void): Promise<void> {
    const live = this.indexName();
    const building = `${live}_rebuild_${Date.now()}`;
    // A swap needs both indexes to exist; the live one may not on a first rebuild.
    await this.createIfMissing(live);
    await this.createAndConfigure(building);
    try {
      const index = this.client().index<MeiliDocument>(building);
      let indexed = 0;
      for await (const batch of source) {
        if (batch.length === 0) continue;
        await this.settle(index.addDocuments(batch.map(toMeiliDocument), { primaryKey: PRIMARY_KEY }), `indexing into ${building}`);
        indexed += batch.length;
        onProgress(indexed);
      }
      // rename: false exchanges the two indexes' contents; rename: true would require the live name to be free.
      await this.settle(this.client().swapIndexes([{ indexes: [live, building], rename: false }]), `swapping ${building} into ${live}`);
    } catch (error) {
      await this.client()
        .deleteIndex(building)
        .waitTask(TASK_WAIT)
        .catch(() => undefined);
      throw error;
    }
    // After the swap the temporary name holds the previous documents.
    await this.settle(this.client().deleteIndex(building), `deleting the previous index (now ${building})`);
  }

  /** Deletes the index with its settings (test clean-up; production rebuilds instead). */
  async drop(): Promise<void> {
    await this.client().deleteIndexIfExists(this.indexName());
  }

  private async createAndConfigure(uid: string): Promise<void> {
    await this.createIfMissing(uid);
    await this.settle(this.client().index(uid).updateSettings(meiliSettings()), `applying settings to ${uid}`);
  }

  private async createIfMissing(uid: string): Promise<void> {
    // Creating and tolerating "already exists" is race-free, unlike looking first and creating after.
    await this.settle(this.client().createIndex(uid, { primaryKey: PRIMARY_KEY }), `creating index ${uid}`, 'index_already_exists');
  }

  /** Waits for a task and turns a failed or cancelled one into an Error carrying Meilisearch's message. */
  private async settle(enqueued: EnqueuedTaskPromise, what: string, tolerated?: string): Promise<Task> {
    const task = await enqueued.waitTask(TASK_WAIT);
    if (task.status === 'succeeded') return task;
    if (task.status === 'failed' && tolerated !== undefined && task.error?.code === tolerated) return task;
    const reason = task.error ? `${task.error.message} (${task.error.code})` : `task ended ${task.status}`;
    throw new Error(`Meilisearch ${what} failed: ${reason} [task ${task.uid}]`);
  }

  private index(): Index<MeiliDocument> {
    return this.client().index<MeiliDocument>(this.indexName());
  }

  private indexName(): string {
    return this.config().index;
  }

  private config(): NonNullable<EnvData['meili']> {
    if (!this.env.meili) throw new Error('Meilisearch is not configured: set MEILI_URL and MEILI_MASTER_KEY to use the Meilisearch search index');
    return this.env.meili;
  }

  private client(): Meilisearch {
    if (!this.meilisearch) {
      const { url, masterKey } = this.config();
      this.meilisearch = new (loadClientModule().Meilisearch)({ host: url, apiKey: masterKey });
    }
    return this.meilisearch;
  }
}

/** Whether a Meilisearch server answers its health check within 2 s; never throws (tests use it to decide to skip). */
export async function isMeilisearchReachable(url: string, key: string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const { Meilisearch: Client } = loadClientModule();
    const healthy = new Client({ host: url, apiKey: key, timeout: REACHABLE_TIMEOUT_MS }).isHealthy();
    // The client's own timeout covers the request; this one also covers a hung connection set-up.
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), REACHABLE_TIMEOUT_MS);
    });
    return await Promise.race([healthy, timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
