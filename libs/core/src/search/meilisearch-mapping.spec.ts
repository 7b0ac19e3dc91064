import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  MAX_QUERY_TOKENS,
  MAX_TOKEN_LENGTH,
  SEARCH_FACETS,
  cropWords,
  searchSynonyms,
  tokenize,
  type SearchDocument,
  type SearchQuery,
} from '@hub/domain';
import type { EnvData } from '../config/env-data';
import {
  MEILI_CROP_LENGTH,
  fromMeiliResponse,
  meiliFilter,
  meiliFilterValue,
  meiliQueryText,
  meiliSearchParams,
  meiliSettings,
  toMeiliDocument,
  type MeiliDocument,
  type MeiliSearchAnswer,
} from './meilisearch-mapping';
import { isMeilisearchReachable } from './meilisearch-search-index';

const mark = (word: string): string => `${HIGHLIGHT_PRE}${word}${HIGHLIGHT_POST}`;

function document(overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: '0b6f1c1e-1111-4a4a-8888-000000000001',
    type: 'company',
    organisationId: '0b6f1c1e-1111-4a4a-8888-000000000001',
    name: 'Sanità Digitale SpA',
    body: 'Piattaforma di telemedicina per pazienti oncologici.',
    taxonomyText: 'Oncology · Oncologia · cancer',
    sectors: ['digital_health'],
    therapeuticAreas: ['oncology'],
    modalities: ['telemedicine'],
    stages: ['seed'],
    trl: 7,
    country: 'IT',
    ...overrides,
  };
}

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { page: 1, pageSize: 20, ...overrides };
}

function hit(overrides: Partial<MeiliDocument> = {}, formatted?: Partial<MeiliDocument>): MeiliSearchAnswer['hits'][number] {
  return { ...toMeiliDocument(document()), ...overrides, ...(formatted ? { _formatted: formatted } : {}) };
}

/** Reads a filter's `IN [...]` list back the way Meilisearch does: quoted strings with backslash escapes. */
function parseQuotedList(expression: string): string[] {
  const list = /^\w+ IN \[(.*)\]$/s.exec(expression);
  if (!list) throw new Error(`not an IN expression: ${expression}`);
  const values: string[] = [];
  const literal = /"((?:\\.|[^"\\])*)"(,|$)/gsy;
  let match: RegExpExecArray | null;
  while ((match = literal.exec(list[1])) !== null) {
    values.push(match[1].replace(/\\(.)/gs, '$1'));
    if (match[2] === '') break;
  }
  if (literal.lastIndex !== list[1].length) throw new Error(`unparsed rest in ${expression}`);
  return values;
}

describe('meiliSettings', () => {
  const settings = meiliSettings();

  it('searches name, then taxonomy labels, then free text (order is ranking weight)', () => {
    expect(settings.searchableAttributes).toEqual(['name', 'taxonomyText', 'body']);
  });

  it('filters on every facet and on the organisation, sorts only by the normalised name', () => {
    expect(settings.filterableAttributes).toEqual(['type', 'organisationId', 'sectors', 'therapeuticAreas', 'modalities', 'stages', 'country', 'trl']);
    for (const facet of SEARCH_FACETS) expect(settings.filterableAttributes).toContain(facet);
    expect(settings.sortableAttributes).toEqual(['nameSort']);
  });

  it('displays exactly the document fields, not the helper sort key', () => {
    const stored = Object.keys(toMeiliDocument(document())).filter((key) => key !== 'nameSort');
    expect([...(settings.displayedAttributes ?? [])].sort()).toEqual(stored.sort());
    expect(settings.displayedAttributes).not.toContain('nameSort');
  });

  it('tolerates one typo from 4 letters and two from 8, counts 500 facet values and 100000 hits', () => {
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } });
    expect(settings.faceting).toEqual({ maxValuesPerFacet: 500 });
    expect(settings.pagination).toEqual({ maxTotalHits: 100000 });
  });

  it('carries the taxonomy synonyms in both languages', () => {
    const synonyms = settings.synonyms ?? {};
    expect(synonyms).toEqual(searchSynonyms.toMeilisearch());
    expect(synonyms['oncologia']).toEqual(expect.arrayContaining(['oncology', 'cancer', 'cancro']));
    expect(synonyms['oncologia']).not.toContain('oncologia');
    expect(synonyms['oncology']).toContain('oncologia');
    // Keys are normalised token strings, as the query text sent to Meilisearch is.
    for (const phrase of Object.keys(synonyms)) expect(tokenize(phrase).join(' ')).toBe(phrase);
  });

  it('is a fresh object each time, so a caller cannot alter the next one', () => {
    const first = meiliSettings();
    first.searchableAttributes?.push('taxonomyText');
    expect(meiliSettings().searchableAttributes).toEqual(['name', 'taxonomyText', 'body']);
  });
});

describe('toMeiliDocument', () => {
  it('keeps every document field and adds the accent-free lower-case name to sort by', () => {
    const source = document();
    expect(toMeiliDocument(source)).toEqual({ ...source, nameSort: 'sanita digitale spa' });
  });

  it('keeps a null TRL and empty lists as they are', () => {
    const stored = toMeiliDocument(document({ trl: null, stages: [], body: '' }));
    expect(stored.trl).toBeNull();
    expect(stored.stages).toEqual([]);
    expect(stored.body).toBe('');
  });

  it('drops properties beyond the contract and does not share arrays with the source', () => {
    const source = Object.assign(document(), { fundingSoughtEur: 5_000_000 });
    const stored = toMeiliDocument(source);
    expect(stored).not.toHaveProperty('fundingSoughtEur');
    expect(stored.sectors).not.toBe(source.sectors);
    source.sectors.push('pharma');
    expect(stored.sectors).toEqual(['digital_health']);
  });

  it('removes highlight markers so a profile cannot forge a highlight', () => {
    const stored = toMeiliDocument(document({ name: `${mark('Fake')} Bio`, body: `a ${HIGHLIGHT_PRE}b`, taxonomyText: `c${HIGHLIGHT_POST}` }));
    expect(stored.name).toBe('Fake Bio');
    expect(stored.body).toBe('a b');
    expect(stored.taxonomyText).toBe('c');
    expect(stored.nameSort).toBe('fake bio');
  });
});

describe('meiliFilter', () => {
  it('gives no expression for a query without filters or with empty lists', () => {
    expect(meiliFilter(query())).toEqual([]);
    expect(meiliFilter(query({ types: [], sectors: [], therapeuticAreas: [], modalities: [], stages: [], countries: [] }))).toEqual([]);
  });

  it('gives one IN expression per list filter, in a fixed order, country under its attribute name', () => {
    const filter = meiliFilter(
      query({
        countries: ['IT', 'CH'],
        stages: ['seed'],
        modalities: ['car_t'],
        therapeuticAreas: ['oncology', 'haematology'],
        sectors: ['biotech'],
        types: ['company', 'fund'],
      }),
    );
    expect(filter).toEqual([
      'type IN ["company","fund"]',
      'sectors IN ["biotech"]',
      'therapeuticAreas IN ["oncology","haematology"]',
      'modalities IN ["car_t"]',
      'stages IN ["seed"]',
      'country IN ["IT","CH"]',
    ]);
  });

  it('bounds the TRL on either side, including 0, and ignores a non-finite bound', () => {
    expect(meiliFilter(query({ trlMin: 3 }))).toEqual(['trl >= 3']);
    expect(meiliFilter(query({ trlMax: 7 }))).toEqual(['trl <= 7']);
    expect(meiliFilter(query({ trlMin: 0, trlMax: 9 }))).toEqual(['trl >= 0', 'trl <= 9']);
    expect(meiliFilter(query({ trlMin: Number.NaN, trlMax: Number.POSITIVE_INFINITY }))).toEqual([]);
  });

  it('escapes quotes and backslashes in values', () => {
    expect(meiliFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(meiliFilterValue('\\')).toBe('"\\\\"');
    expect(meiliFilter(query({ sectors: ['x"] OR type IN ["fund'] }))).toEqual(['sectors IN ["x\\"] OR type IN [\\"fund"]']);
  });

  it('keeps any string inside its own literal (no injection), whatever it holds', () => {
    const value = fc.string({ unit: fc.constantFrom('a', '"', '\\', ']', '[', ',', ' ', 'O', 'R', '\n', 'é'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const [expression] = meiliFilter(query({ stages: values }));
        expect(parseQuotedList(expression)).toEqual(values);
      }),
    );
  });
});

describe('meiliQueryText and meiliSearchParams', () => {
  it('asks for every facet, the page, highlights with private-use markers and a 30-word crop of the body', () => {
    const params = meiliSearchParams(query({ q: 'oncologia', page: 3, pageSize: 15 }));
    expect(params).toMatchObject({
      q: 'oncologia',
      facets: ['type', 'sectors', 'therapeuticAreas', 'modalities', 'stages', 'country', 'trl'],
      page: 3,
      hitsPerPage: 15,
      attributesToHighlight: ['name', 'body'],
      attributesToCrop: ['body'],
      cropLength: 30,
      cropMarker: '…',
      highlightPreTag: '\uE000',
      highlightPostTag: '\uE001',
    });
    expect(MEILI_CROP_LENGTH).toBe(30);
  });

  it('ranks by relevance when there are words: no sort', () => {
    expect(meiliSearchParams(query({ q: 'terapia cellulare' }))).not.toHaveProperty('sort');
  });

  it('sorts by name when there are no words: no q, blank, or only punctuation and emoji', () => {
    for (const q of [undefined, '', '   ', '"%\\\'-_*', '🚀🧬 ✨']) {
      const params = meiliSearchParams(query({ q }));
      expect(params.q).toBe('');
      expect(params.sort).toEqual(['nameSort:asc']);
    }
  });

  it('reduces quotes, operators, % and emoji to plain lower-case accent-free words', () => {
    expect(meiliQueryText('"CAR-T" 100% -Sanità 🚀 OR a\\b')).toBe('car t 100 sanita or a b');
    expect(meiliSearchParams(query({ q: '"Oncologia" 50%🚀' })).q).toBe('oncologia 50');
  });

  it('keeps at most MAX_QUERY_TOKENS words, each cut to MAX_TOKEN_LENGTH', () => {
    const words = Array.from({ length: MAX_QUERY_TOKENS + 5 }, (_, i) => `w${i}`);
    expect(meiliQueryText(words.join(' ')).split(' ')).toEqual(words.slice(0, MAX_QUERY_TOKENS));
    expect(meiliQueryText('x'.repeat(100))).toBe('x'.repeat(MAX_TOKEN_LENGTH));
  });

  it('sends the filter only when there is one', () => {
    expect(meiliSearchParams(query({ q: 'bio' }))).not.toHaveProperty('filter');
    expect(meiliSearchParams(query({ types: ['fund'], trlMin: 4 })).filter).toEqual(['type IN ["fund"]', 'trl >= 4']);
  });
});

describe('fromMeiliResponse', () => {
  const answer = (hits: MeiliSearchAnswer['hits'], facetDistribution?: MeiliSearchAnswer['facetDistribution'], totalHits = hits.length): MeiliSearchAnswer => ({
    hits,
    facetDistribution,
    totalHits,
  });

  it('maps a hit: original name, plain-text snippet, marked words of name then body', () => {
    const result = fromMeiliResponse(
      answer([
        hit(
          { name: 'Oncologia Digitale' },
          { name: `${mark('Oncologia')} Digitale`, body: `…servizi di ${mark('telemedicina')} per pazienti ${mark('oncologia')} e ${mark('cancro')}…` },
        ),
      ]),
      query(),
    );
    expect(result.hits).toEqual([
      {
        type: 'company',
        id: document().id,
        organisationId: document().organisationId,
        name: 'Oncologia Digitale',
        snippet: '…servizi di telemedicina per pazienti oncologia e cancro…',
        // "oncologia" from the body repeats the name's word (compared case-insensitively).
        highlights: ['Oncologia', 'telemedicina', 'cancro'],
      },
    ]);
    expect(result.hits[0].snippet).not.toMatch(/[\uE000\uE001]/);
  });

  it('widens a prefix mark to the whole word, never across a space', () => {
    const result = fromMeiliResponse(answer([hit({}, { name: `${mark('Onco')}Lab Italia`, body: `il ${mark('tele')}medicina e ${mark('bio')} tech` })]), query());
    expect(result.hits[0].highlights).toEqual(['OncoLab', 'telemedicina', 'bio']);
    expect(result.hits[0].snippet).toBe('il telemedicina e bio tech');
  });

  it('gives an empty snippet and no body highlights when the body is empty', () => {
    const result = fromMeiliResponse(answer([hit({ body: '' }, { name: mark('Sanità') + ' Digitale SpA', body: '' })]), query());
    expect(result.hits[0].snippet).toBe('');
    expect(result.hits[0].highlights).toEqual(['Sanità']);
  });

  it('falls back to the beginning of the body when the engine sent no formatted copy', () => {
    const body = Array.from({ length: 50 }, (_, i) => `parola${i}`).join(' ');
    const result = fromMeiliResponse(answer([hit({ body })]), query());
    expect(result.hits[0].snippet).toBe(cropWords(body, MEILI_CROP_LENGTH));
    expect(result.hits[0].highlights).toEqual([]);
  });

  it('reports every facet, empty when Meilisearch left it out, TRL counts keyed by strings, unknown keys ignored', () => {
    const result = fromMeiliResponse(
      answer([], { type: { company: 3, fund: 1 }, trl: { '7': 2, '4': 1 }, organisationId: { x: 1 }, sectors: {} }, 4),
      query(),
    );
    expect(result.facets).toEqual({
      type: { company: 3, fund: 1 },
      sectors: {},
      therapeuticAreas: {},
      modalities: {},
      stages: {},
      country: {},
      trl: { '7': 2, '4': 1 },
    });
    expect(Object.keys(result.facets).sort()).toEqual([...SEARCH_FACETS].sort());
  });

  it('gives every facet key even without any facet distribution', () => {
    const result = fromMeiliResponse(answer([]), query());
    for (const facet of SEARCH_FACETS) expect(result.facets[facet]).toEqual({});
  });

  it('takes the total from totalHits and the page from the query, keeping hit order', () => {
    const result = fromMeiliResponse(answer([hit({ id: 'b', name: 'B' }), hit({ id: 'a', name: 'A' })], undefined, 57), query({ page: 3, pageSize: 2 }));
    expect(result.total).toBe(57);
    expect(result.page).toBe(3);
    expect(result.pageSize).toBe(2);
    expect(result.hits.map((h) => h.id)).toEqual(['b', 'a']);
  });
});

describe('isMeilisearchReachable (real client)', () => {
  /** A local stand-in for the server's /health route; proves the ES-module client loads and talks HTTP under Jest. */
  async function withServer(handler: http.RequestListener, run: (url: string) => Promise<void>): Promise<void> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://127.0.0.1:${port}`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('answers true when /health says available', async () => {
    const paths: string[] = [];
    await withServer(
      (request, response) => {
        paths.push(request.url ?? '');
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ status: 'available' }));
      },
      async (url) => expect(await isMeilisearchReachable(url, 'key')).toBe(true),
    );
    expect(paths).toEqual(['/health']);
  });

  it('answers false within about 2 s when the server never answers', async () => {
    await withServer(
      () => undefined,
      async (url) => {
        const started = Date.now();
        expect(await isMeilisearchReachable(url, 'key')).toBe(false);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
        expect(Date.now() - started).toBeLessThan(4000);
      },
    );
  });

  it('answers false, without throwing, when nothing listens or the URL is malformed', async () => {
    const started = Date.now();
    await expect(isMeilisearchReachable('http://127.0.0.1:1', 'key')).resolves.toBe(false);
    await expect(isMeilisearchReachable('not a url at all', 'key')).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/**
 * The adapter's flow against an in-memory stand-in of the client (no server can run here): task waits, tolerated
 * and reported failures, and the rebuild's build-beside-then-swap.
 */
describe('MeilisearchSearchIndex (fake client)', () => {
  interface FakeTask {
    uid: number;
    status: 'succeeded' | 'failed';
    error: { message: string; code: string; type: string; link: string } | null;
  }
  type Records = Map<string, MeiliDocument>;

  const server = {
    indexes: new Map<string, Records>(),
    settings: new Map<string, unknown>(),
    log: [] as string[],
    failAdditionsTo: null as string | null,
    configs: [] as unknown[],
  };
  let taskUid = 0;

  function task(run: () => FakeTask['error']): Promise<{ taskUid: number }> & { waitTask: () => Promise<FakeTask> } {
    const uid = ++taskUid;
    const error = run();
    return Object.assign(Promise.resolve({ taskUid: uid }), {
      waitTask: async (): Promise<FakeTask> => ({ uid, status: error ? 'failed' : 'succeeded', error }),
    });
  }
  const failure = (code: string, message: string): FakeTask['error'] => ({ code, message, type: 'invalid_request', link: '' });

  class FakeMeilisearch {
    constructor(config: unknown) {
      server.configs.push(config);
    }
    createIndex(uid: string, options: { primaryKey?: string }) {
      server.log.push(`create ${uid} ${options.primaryKey}`);
      return task(() => {
        if (server.indexes.has(uid)) return failure('index_already_exists', `Index \`${uid}\` already exists.`);
        server.indexes.set(uid, new Map());
        return null;
      });
    }
    deleteIndex(uid: string) {
      server.log.push(`delete ${uid}`);
      return task(() => (server.indexes.delete(uid) ? null : failure('index_not_found', `Index \`${uid}\` not found.`)));
    }
    swapIndexes(swaps: { indexes: [string, string]; rename: boolean }[]) {
      server.log.push(`swap ${JSON.stringify(swaps)}`);
      return task(() => {
        for (const { indexes: [a, b] } of swaps) {
          const [recordsA, recordsB] = [server.indexes.get(a), server.indexes.get(b)];
          if (!recordsA || !recordsB) return failure('index_not_found', 'missing');
          server.indexes.set(a, recordsB);
          server.indexes.set(b, recordsA);
        }
        return null;
      });
    }
    index(uid: string) {
      const records = (): Records | undefined => server.indexes.get(uid);
      return {
        updateSettings: (settings: unknown) => {
          server.log.push(`settings ${uid}`);
          return task(() => (records() ? (server.settings.set(uid, settings), null) : failure('index_not_found', 'missing')));
        },
        addDocuments: (documents: MeiliDocument[]) => {
          server.log.push(`add ${uid} ${documents.length}`);
          return task(() => {
            if (server.failAdditionsTo === uid) return failure('invalid_document_id', 'Document identifier `bad id` is invalid.');
            for (const doc of documents) records()?.set(doc.id, doc);
            return null;
          });
        },
        deleteDocuments: (ids: string[]) => {
          server.log.push(`remove ${uid} ${ids.join(',')}`);
          return task(() => {
            for (const id of ids) records()?.delete(id);
            return null;
          });
        },
        getStats: async () => {
          const held = records();
          if (!held) throw Object.assign(new Error('not found'), { cause: { code: 'index_not_found' } });
          return { numberOfDocuments: held.size };
        },
        search: async (q: string) => {
          const held = records();
          if (!held) throw Object.assign(new Error('not found'), { cause: { code: 'index_not_found' } });
          const hits = [...held.values()].filter((doc) => q === '' || doc.nameSort.includes(q));
          return { hits, totalHits: hits.length, facetDistribution: { type: { company: hits.length } } };
        },
      };
    }
  }

  type AdapterModule = typeof import('./meilisearch-search-index');
  let Adapter: AdapterModule['MeilisearchSearchIndex'];
  const env = (meili: EnvData['meili']): EnvData => ({ meili }) as unknown as EnvData;
  const configured = () => new Adapter(env({ url: 'http://meili.test:7700', masterKey: 'master-key', index: 'docs' }));
  const docs = (...ids: string[]) => ids.map((id) => document({ id, name: `Doc ${id}` }));

  beforeAll(() => {
    jest.resetModules();
    jest.doMock('meilisearch', () => ({ Meilisearch: FakeMeilisearch }));
    Adapter = (require('./meilisearch-search-index') as AdapterModule).MeilisearchSearchIndex;
  });
  afterAll(() => {
    jest.dontMock('meilisearch');
    jest.resetModules();
  });
  beforeEach(() => {
    server.indexes.clear();
    server.settings.clear();
    server.log = [];
    server.failAdditionsTo = null;
    server.configs = [];
  });

  it('says which engine it is and fails clearly on use when Meilisearch is not configured', async () => {
    const index = new Adapter(env(null));
    expect(index.engine).toBe('meilisearch');
    await expect(index.search(query())).rejects.toThrow(/Meilisearch is not configured.*MEILI_URL/);
    await expect(index.prepare()).rejects.toThrow(/not configured/);
  });

  it('connects lazily, once, with the configured host and key', async () => {
    const index = configured();
    expect(server.configs).toEqual([]);
    await index.prepare();
    await index.count();
    expect(server.configs).toEqual([{ host: 'http://meili.test:7700', apiKey: 'master-key' }]);
  });

  it('prepare creates the index keyed by id and applies the settings; again, it tolerates the existing index', async () => {
    const index = configured();
    await index.prepare();
    await index.prepare();
    expect(server.log).toEqual(['create docs id', 'settings docs', 'create docs id', 'settings docs']);
    expect(server.settings.get('docs')).toEqual(meiliSettings());
  });

  it('upserts the stored records, removes by id, counts, and skips empty calls', async () => {
    const index = configured();
    await index.prepare();
    await index.upsert(docs('a', 'b', 'c'));
    await index.remove(['b', 'unknown']);
    await index.upsert([]);
    await index.remove([]);
    expect(await index.count()).toBe(2);
    expect(server.indexes.get('docs')?.get('a')).toEqual(toMeiliDocument(docs('a')[0]));
    expect(server.log.filter((line) => line.startsWith('add') || line.startsWith('remove'))).toEqual(['add docs 3', 'remove docs b,unknown']);
  });

  it('turns a failed task into an Error carrying Meilisearch message', async () => {
    const index = configured();
    await index.prepare();
    server.failAdditionsTo = 'docs';
    await expect(index.upsert(docs('a'))).rejects.toThrow(/Meilisearch indexing documents failed: Document identifier `bad id` is invalid\. \(invalid_document_id\)/);
  });

  it('searches through the mapping, and answers empty (count 0) before any index exists', async () => {
    const index = configured();
    expect(await index.count()).toBe(0);
    expect(await index.search(query({ page: 2, pageSize: 5 }))).toEqual({ hits: [], facets: expect.objectContaining({ type: {} }), facetsExact: true, totalExact: true, total: 0, page: 2, pageSize: 5 });
    await index.prepare();
    await index.upsert(docs('a', 'b'));
    const result = await index.search(query({ q: 'Doc A' }));
    expect(result.total).toBe(1);
    expect(result.hits.map((h) => h.id)).toEqual(['a']);
    expect(result.facets.type).toEqual({ company: 1 });
  });

  it('rebuilds beside the live index, reports progress, swaps, and deletes the old copy', async () => {
    const index = configured();
    await index.prepare();
    await index.upsert(docs('old'));
    const progress: number[] = [];
    const liveDuringBuild: string[][] = [];
    async function* batches() {
      yield docs('n1', 'n2');
      // The live index still answers with the old documents while the new one fills.
      liveDuringBuild.push((await index.search(query())).hits.map((h) => h.id));
      yield [];
      yield docs('n3');
    }
    await index.rebuild(batches(), (indexed) => progress.push(indexed));

    expect(progress).toEqual([2, 3]);
    expect(liveDuringBuild).toEqual([['old']]);
    expect([...(server.indexes.get('docs')?.keys() ?? [])].sort()).toEqual(['n1', 'n2', 'n3']);
    expect([...server.indexes.keys()]).toEqual(['docs']);
    const building = /^create (docs_rebuild_\d+) id$/.exec(server.log.find((line) => line.includes('_rebuild_')) ?? '')?.[1];
    expect(building).toBeDefined();
    expect(server.settings.get(building ?? '')).toEqual(meiliSettings());
    expect(server.log).toContain(`swap ${JSON.stringify([{ indexes: ['docs', building], rename: false }])}`);
    expect(server.log[server.log.length - 1]).toBe(`delete ${building}`);
  });

  it('creates the live index on a first rebuild so the swap has two sides', async () => {
    await configured().rebuild((async function* () { yield docs('x'); })(), () => undefined);
    expect([...(server.indexes.get('docs')?.keys() ?? [])]).toEqual(['x']);
    expect([...server.indexes.keys()]).toEqual(['docs']);
  });

  it('leaves the live index untouched and drops the half-built one when a batch fails', async () => {
    const index = configured();
    await index.prepare();
    await index.upsert(docs('old'));
    async function* batches() {
      yield docs('n1');
      server.failAdditionsTo = [...server.indexes.keys()].find((uid) => uid.includes('_rebuild_')) ?? null;
      yield docs('n2');
    }
    await expect(index.rebuild(batches(), () => undefined)).rejects.toThrow(/invalid_document_id/);
    expect([...server.indexes.keys()]).toEqual(['docs']);
    expect([...(server.indexes.get('docs')?.keys() ?? [])]).toEqual(['old']);
    expect(server.log.some((line) => line.startsWith('swap'))).toBe(false);
  });
});
