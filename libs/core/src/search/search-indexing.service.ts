import { Injectable } from '@nestjs/common';
import type { SearchDocType } from '@hub/domain';
import { SearchDocumentSource } from './search-document.source';
import { SearchIndex } from './search-index.port';

export type IndexOutcome = 'indexed' | 'removed';

/** Keeps one document of the index in line with PostgreSQL: the state is re-read, so replays are harmless. */
@Injectable()
export class SearchIndexingService {
  private prepared: Promise<void> | null = null;

  constructor(
    private readonly source: SearchDocumentSource,
    private readonly index: SearchIndex,
  ) {}

  async sync(type: SearchDocType, id: string): Promise<IndexOutcome> {
    await this.ensurePrepared();
    const document = await this.source.load(type, id);
    if (!document) {
      await this.index.remove([id]);
      return 'removed';
    }
    await this.index.upsert([document]);
    return 'indexed';
  }

  /** Index settings are applied once per process, on first use; a failure is retried on the next job. */
  private ensurePrepared(): Promise<void> {
    this.prepared ??= this.index.prepare().catch((error: unknown) => {
      this.prepared = null;
      throw error;
    });
    return this.prepared;
  }
}
