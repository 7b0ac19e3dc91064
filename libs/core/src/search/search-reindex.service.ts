import { Injectable } from '@nestjs/common';
import { SearchDocumentSource } from './search-document.source';
import { SearchIndex, type SearchEngine } from './search-index.port';

export interface ReindexReport {
  engine: SearchEngine;
  documents: number;
  ms: number;
}

/** Rebuilds the whole index from PostgreSQL (`npm run cli -- reindex`). */
@Injectable()
export class SearchReindexService {
  constructor(
    private readonly source: SearchDocumentSource,
    private readonly index: SearchIndex,
  ) {}

  async reindex(progress: { start(total: number): void; update(indexed: number): void } = { start: () => undefined, update: () => undefined }): Promise<ReindexReport> {
    const started = performance.now();
    progress.start(await this.source.count());
    await this.index.prepare();
    await this.index.rebuild(this.source.all(), (indexed) => progress.update(indexed));
    return { engine: this.index.engine, documents: await this.index.count(), ms: Math.round(performance.now() - started) };
  }
}
