import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Client } from 'pg';
import type { SearchQuery, SearchResult } from '@hub/domain';
import { EnvData } from '../config/env-data';
import { openListener } from '../database/pg-listener';

/** Channel of the statement triggers on search_documents and search_terms (migration SearchCacheNotify). */
export const SEARCH_CHANGED_CHANNEL = 'hub_search_changed';
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** What a search started under: a result is kept only if nothing changed (and the cache still listened) meanwhile. */
export interface CacheTicket {
  readonly key: string;
  readonly generation: number;
}

interface Entry {
  readonly result: SearchResult;
  /** Set at the time limit when kept, and brought forward by the first change to the index after it was computed. */
  expiresAt: number;
}

export interface SearchCacheStats {
  hits: number;
  misses: number;
  /** Searches answered without the cache because it was off or not yet (or no longer) listening. */
  bypassed: number;
  /** Changes to the index heard of (notifications). */
  changes: number;
  clears: number;
  entries: number;
}

/**
 * Results of the PostgreSQL search index, reused for the same query. Search results do not depend on the caller
 * (the index holds only what every signed-in user may find), while a PostgreSQL search costs 3-5 ms of database
 * CPU, most of it counting facets, and the same few queries come back all day: at an event, hundreds of people
 * type "oncology".
 *
 * Freshness is bounded, not left to the time limit: every statement that changes `search_documents` or
 * `search_terms` (whoever runs it: worker, cli, a restore, a test's TRUNCATE) NOTIFYs at commit through a trigger,
 * and each process LISTENs on its own connection and forgets every result it holds within
 * SEARCH_CACHE_STALE_SECONDS (see `changed`). While that connection is not up (first use, PostgreSQL restarted or
 * the backend terminated) nothing is served from the cache nor stored in it, and the cache is emptied when the
 * connection comes back, since notifications may have been missed. A search that overlapped a change is not kept (its generation is old). The
 * index's own writes clear this process's cache at once. The time limit is a last line of defence.
 *
 * The listener connects on the first search, so processes that never search (worker, cli) never open it.
 */
@Injectable()
export class SearchResultCache implements OnModuleDestroy {
  private readonly logger = new Logger(SearchResultCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  /** Keys kept since the last change to the index: the ones a change has yet to give a deadline. */
  private readonly undated = new Set<string>();
  /** Advances at every change and every clear: a result computed across one is not kept. */
  private generation = 0;
  private listener: Client | null = null;
  private connecting = false;
  private stopped = false;
  private reconnectDelayMs = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly counters = { hits: 0, misses: 0, bypassed: 0, changes: 0, clears: 0 };

  constructor(private readonly env: EnvData) {
    this.ttlMs = env.searchCache.seconds * 1000;
    this.staleMs = env.searchCache.staleSeconds * 1000;
    this.maxEntries = env.searchCache.entries;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Whether results are served and kept now: enabled and listening for changes. */
  get active(): boolean {
    return this.enabled && this.listener !== null;
  }

  /** The cached result of the query, or a ticket to store the result under once it is computed. */
  lookup(query: SearchQuery): { hit: SearchResult } | { ticket: CacheTicket | null } {
    if (!this.enabled) return { ticket: null };
    this.listen();
    if (!this.active) {
      this.counters.bypassed++;
      return { ticket: null };
    }
    const key = SearchResultCache.keyOf(query);
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      // Most recently used last: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.counters.hits++;
      return { hit: entry.result };
    }
    if (entry) {
      this.entries.delete(key);
      this.undated.delete(key);
    }
    this.counters.misses++;
    return { ticket: { key, generation: this.generation } };
  }

  /**
   * Keeps a result computed under the ticket, unless the index changed (or the listener dropped) since. The
   * result is shared by every later hit: callers must not mutate it (SearchService copies it to add its timing).
   */
  store(ticket: CacheTicket | null, result: SearchResult): void {
    if (!ticket || ticket.generation !== this.generation || !this.active) return;
    this.entries.set(ticket.key, { result, expiresAt: Date.now() + this.ttlMs });
    this.undated.add(ticket.key);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
      this.undated.delete(oldest);
    }
  }

  /** Forgets every result now; searches in flight are not kept either. */
  clear(): void {
    this.generation++;
    this.counters.clears++;
    this.entries.clear();
    this.undated.clear();
  }

  /**
   * The index changed (a notification): every result kept until now is forgotten within SEARCH_CACHE_STALE_SECONDS
   * (at once when that is 0), each at a random moment of that period. A result is thus never more than that much
   * older than the index (on top of the indexing's own delay, outbox and worker, that every engine has). Emptying
   * the cache at every edit left 13 % of searches to it under 2 edits a second, and emptying it whole once per
   * period made every api process search for everything at once, a burst each time (measured: docs/performance.md);
   * spread deadlines keep the searches the cache cannot answer evenly spaced. Results already given a deadline by
   * an earlier change keep theirs, which is sooner; results computed across the change are not kept.
   */
  changed(): void {
    this.counters.changes++;
    if (this.staleMs === 0) return this.clear();
    this.generation++;
    const now = Date.now();
    for (const key of this.undated) {
      const entry = this.entries.get(key);
      if (entry) entry.expiresAt = Math.min(entry.expiresAt, now + Math.random() * this.staleMs);
    }
    this.undated.clear();
  }

  stats(): SearchCacheStats {
    return { ...this.counters, entries: this.entries.size };
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    this.entries.clear();
    this.undated.clear();
    await listener?.end().catch(() => undefined);
  }

  /**
   * The query as a key: every field that shapes the result, arrays sorted (a filter's values widen in any order).
   * The text is kept as typed: case and spacing can change highlights.
   */
  static keyOf(query: SearchQuery): string {
    const sorted = (values: readonly string[] | undefined) => (values?.length ? [...values].sort() : null);
    return JSON.stringify([
      query.q ?? null,
      sorted(query.types),
      sorted(query.sectors),
      sorted(query.therapeuticAreas),
      sorted(query.modalities),
      sorted(query.stages),
      sorted(query.countries),
      query.trlMin ?? null,
      query.trlMax ?? null,
      query.page,
      query.pageSize,
    ]);
  }

  /** Opens the listening connection if it is not open or being opened; failures retry with backoff. */
  private listen(): void {
    if (this.listener || this.connecting || this.stopped || this.reconnectTimer) return;
    this.connecting = true;
    openListener({
      databaseUrl: this.env.databaseUrl,
      channel: SEARCH_CHANGED_CHANNEL,
      applicationName: 'hub-match-search-cache',
      onNotification: () => this.changed(),
      onLost: (client, error) => this.lost(client, error),
    })
      .then(async (client) => {
        if (this.stopped) return void (await client.end().catch(() => undefined));
        // Changes made while nobody listened were not heard: start empty.
        this.clear();
        this.listener = client;
        this.reconnectDelayMs = RECONNECT_FIRST_MS;
      })
      .catch(() => this.scheduleReconnect())
      .finally(() => {
        this.connecting = false;
      });
  }

  private lost(client: Client, error?: Error): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.clear();
    this.logger.warn(`search cache off until PostgreSQL's notifications are back: ${error?.message ?? 'connection ended'}`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      // Reconnects on the next search, not here: an idle process holds no connection it does not use.
    }, delay);
    this.reconnectTimer.unref();
  }
}
