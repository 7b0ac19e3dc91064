import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { SearchResultCache } from '../search/search-result-cache';

/** The search result cache's lookups (hit, miss, bypassed) and size, read from the process's cache at each scrape. */
@Injectable()
export class SearchCacheCollector {
  constructor(registry: Registry, cache: SearchResultCache) {
    new Counter({
      name: 'hub_search_cache_lookups_total',
      help: 'Searches by what the result cache did: hit, miss (the index searched), bypassed (cache off or not listening)',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        const stats = cache.stats();
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
        this.set(cache.stats().entries);
      },
    });
  }
}
