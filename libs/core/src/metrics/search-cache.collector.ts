import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { SearchResultCache } from '../search/search-result-cache';

/** The search result cache's lookups (hit, miss, bypassed) and size, read from the process's cache at each scrape. */
@Injectable()
export class SearchCacheCollector {
  constructor(registry: Registry, moduleRef: ModuleRef) {
    // Looked up at scrape time, not injected: a process without search (none today) simply reports nothing.
    const cache = () => {
      try {
        return moduleRef.get(SearchResultCache, { strict: false });
      } catch {
        return null;
      }
    };
    new Counter({
      name: 'hub_search_cache_lookups_total',
      help: 'Searches by what the result cache did: hit, miss (searched and kept), bypassed (cache off or not listening)',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        const stats = cache()?.stats();
        if (!stats) return;
        this.reset();
        this.inc({ result: 'hit' }, stats.hits);
        this.inc({ result: 'miss' }, stats.misses);
        this.inc({ result: 'bypassed' }, stats.bypassed);
      },
    });
    new Gauge({
      name: 'hub_search_cache_entries',
      help: 'Search results held by the result cache',
      registers: [registry],
      collect() {
        const stats = cache()?.stats();
        if (stats) this.set(stats.entries);
      },
    });
  }
}
