import type { SearchIndex } from '@hub/core';
import { searchSynonyms, type SearchDocument, type SearchQuery } from '@hub/domain';

/** Documents written by hand, so both adapters are judged on exactly the same input. */
export function contractDocuments(): SearchDocument[] {
  const doc = (d: Omit<SearchDocument, 'taxonomyText' | 'organisationId'> & { organisationId?: string }): SearchDocument => ({
    organisationId: d.organisationId ?? d.id,
    taxonomyText: searchSynonyms.taxonomyText(d),
    ...d,
  });
  return [
    doc({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'company',
      name: 'Cuorevivo Devices',
      body: 'Wearable patch that monitors heart failure patients at home; built in Milan.',
      sectors: ['medtech'],
      therapeuticAreas: ['cardiology'],
      modalities: ['wearable_device'],
      stages: ['seed'],
      trl: 6,
      country: 'IT',
    }),
    doc({
      id: '00000000-0000-4000-8000-000000000002',
      type: 'company',
      name: 'ImmunoForge Bio',
      body: 'Next-generation CAR-T cells for solid tumours, manufactured in Lombardy.',
      sectors: ['biotech'],
      therapeuticAreas: ['oncology'],
      modalities: ['car_t'],
      stages: ['series_a'],
      trl: 4,
      country: 'IT',
    }),
    doc({
      id: '00000000-0000-4000-8000-000000000003',
      type: 'fund',
      name: 'Alpine Oncology Ventures',
      body: 'Series A fund backing cancer therapeutics across Europe.',
      sectors: ['biotech', 'pharma'],
      therapeuticAreas: ['oncology'],
      modalities: [],
      stages: ['seed', 'series_a'],
      trl: null,
      country: 'CH',
    }),
    doc({
      id: '00000000-0000-4000-8000-000000000004',
      type: 'research_centre',
      name: 'Istituto di Ricerca Cardiologica',
      body: 'Centro di ricerca sulle malattie del cuore e sui dispositivi impiantabili.',
      sectors: ['medtech'],
      therapeuticAreas: ['cardiology'],
      modalities: ['implantable_device'],
      stages: [],
      trl: null,
      country: 'IT',
    }),
    doc({
      id: '00000000-0000-4000-8000-000000000005',
      type: 'technology_offer',
      organisationId: '00000000-0000-4000-8000-000000000004',
      name: 'Valvola cardiaca biologica',
      body: 'Una valvola impiantabile per la sostituzione percutanea, con brevetto depositato.',
      sectors: ['medtech'],
      therapeuticAreas: ['cardiology'],
      modalities: ['implantable_device'],
      stages: [],
      trl: 5,
      country: 'IT',
    }),
    doc({
      id: '00000000-0000-4000-8000-000000000006',
      type: 'company',
      name: 'Respira Digital',
      body: 'Software for remote monitoring of COPD; 100% cloud, "no hardware" \\ no fuss.',
      sectors: ['digital_health'],
      therapeuticAreas: ['respiratory'],
      modalities: [],
      stages: ['pre_seed'],
      trl: 8,
      country: 'DE',
    }),
  ];
}

const q = (query: Partial<SearchQuery>): SearchQuery => ({ page: 1, pageSize: 20, ...query });
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id.slice(-1));

/**
 * The behaviour every SearchIndex adapter must show. `getIndex` returns a prepared, empty index; each test
 * starts from the contract documents.
 */
export function describeSearchIndexContract(label: string, getIndex: () => SearchIndex, reset: () => Promise<void>): void {
  describe(`SearchIndex contract: ${label}`, () => {
    let index: SearchIndex;
    beforeEach(async () => {
      await reset();
      index = getIndex();
      await index.prepare();
      await index.upsert(contractDocuments());
    });

    it('lists everything by name when nothing is searched, with total and facets', async () => {
      const result = await index.search(q({}));
      expect(result.total).toBe(6);
      expect(result.hits.map((h) => h.name)).toEqual([
        'Alpine Oncology Ventures',
        'Cuorevivo Devices',
        'ImmunoForge Bio',
        'Istituto di Ricerca Cardiologica',
        'Respira Digital',
        'Valvola cardiaca biologica',
      ]);
      expect(result.facets.type).toEqual({ company: 3, fund: 1, research_centre: 1, technology_offer: 1 });
      expect(result.facets.sectors).toEqual({ medtech: 3, biotech: 2, pharma: 1, digital_health: 1 });
      expect(result.facets.country).toEqual({ IT: 4, CH: 1, DE: 1 });
      expect(result.facets.trl).toEqual({ '4': 1, '5': 1, '6': 1, '8': 1 });
      expect(result.facets.stages).toEqual({ seed: 2, series_a: 2, pre_seed: 1 });
    });

    it('answers an Italian word with English documents through the taxonomy synonyms', async () => {
      const result = await index.search(q({ q: 'oncologia' }));
      expect(ids(result.hits).sort()).toEqual(['2', '3']);
    });

    it('ranks a match in the name first', async () => {
      expect(ids((await index.search(q({ q: 'oncology' }))).hits)).toEqual(['3', '2']);
      expect(ids((await index.search(q({ q: 'cardiologica' }))).hits)[0]).toBe('4');
    });

    it('tolerates a typo', async () => {
      const result = await index.search(q({ q: 'cardiolgy' }));
      expect(ids(result.hits)).toEqual(expect.arrayContaining(['1', '4', '5']));
      expect(ids(result.hits)).not.toContain('2');
    });

    it('finds a hyphenated term and its parent finds the child', async () => {
      expect(ids((await index.search(q({ q: 'CAR-T' }))).hits)).toEqual(['2']);
      expect(ids((await index.search(q({ q: 'terapia cellulare' }))).hits)).toEqual(['2']);
    });

    it('matches a two-word Italian phrase to English tags', async () => {
      const result = await index.search(q({ q: 'dispositivi medici' }));
      expect(ids(result.hits).sort()).toEqual(['1', '4', '5']);
    });

    it('needs every word (AND), ignoring function words', async () => {
      expect(ids((await index.search(q({ q: 'valvola percutanea' }))).hits)).toEqual(['5']);
      expect(ids((await index.search(q({ q: 'la valvola per il cuore' }))).hits)).toEqual(['5']);
      expect((await index.search(q({ q: 'valvola zanzibar' }))).total).toBe(0);
    });

    it('matches the last word as a prefix while typing', async () => {
      expect(ids((await index.search(q({ q: 'immunofo' }))).hits)).toEqual(['2']);
    });

    it('filters by type, taxonomy, stage, country and TRL; facets follow the filters', async () => {
      expect(ids((await index.search(q({ types: ['company'] }))).hits).sort()).toEqual(['1', '2', '6']);
      expect(ids((await index.search(q({ sectors: ['biotech'], stages: ['series_a'] }))).hits).sort()).toEqual(['2', '3']);
      expect(ids((await index.search(q({ countries: ['CH', 'DE'] }))).hits).sort()).toEqual(['3', '6']);
      expect(ids((await index.search(q({ trlMin: 5, trlMax: 6 }))).hits).sort()).toEqual(['1', '5']);
      const cardio = await index.search(q({ therapeuticAreas: ['cardiology'], types: ['company', 'technology_offer'] }));
      expect(cardio.total).toBe(2);
      expect(cardio.facets.type).toEqual({ company: 1, technology_offer: 1 });
    });

    it('combines words and filters', async () => {
      const result = await index.search(q({ q: 'oncology', types: ['fund'] }));
      expect(ids(result.hits)).toEqual(['3']);
      expect(result.total).toBe(1);
    });

    it('pages', async () => {
      const first = await index.search(q({ pageSize: 4 }));
      const second = await index.search(q({ pageSize: 4, page: 2 }));
      expect(first.hits).toHaveLength(4);
      expect(second.hits).toHaveLength(2);
      expect(second.total).toBe(6);
      expect(second.page).toBe(2);
      expect(new Set([...ids(first.hits), ...ids(second.hits)]).size).toBe(6);
    });

    it('returns plain snippets and the matched words as highlights', async () => {
      const [hit] = (await index.search(q({ q: 'valvola impiantabile' }))).hits;
      expect(hit).toMatchObject({ id: '00000000-0000-4000-8000-000000000005', type: 'technology_offer', organisationId: '00000000-0000-4000-8000-000000000004' });
      expect(hit.snippet).toContain('impiantabile');
      expect(hit.snippet).not.toMatch(/[\uE000\uE001]/);
      expect(hit.highlights.map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['valvola', 'impiantabile']));
    });

    it.each([
      ['quotes', `"no hardware"`],
      ['backslash', '\\'],
      ['percent', '100%'],
      ['underscore', 'a_b'],
      ['SQL', `'; DROP TABLE search_documents; --`],
      ['operators', 'cloud & !monitoring | (x) <-> y:*'],
      ['emoji', '🫀💊'],
      ['control characters', 'cloud\u0000\u0007'],
    ])('searches %s as text and never fails', async (_name, text) => {
      const result = await index.search(q({ q: text }));
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.hits.length).toBeLessThanOrEqual(result.total);
      expect(await index.count()).toBe(6);
    });

    it('finds words next to punctuation', async () => {
      expect(ids((await index.search(q({ q: '100% cloud' }))).hits)).toEqual(['6']);
    });

    it('replaces a document on upsert and forgets it on remove', async () => {
      const [first] = contractDocuments();
      await index.upsert([{ ...first, name: 'Battito Labs', body: 'Renamed.' }]);
      expect(ids((await index.search(q({ q: 'battito' }))).hits)).toEqual(['1']);
      expect((await index.search(q({ q: 'cuorevivo' }))).total).toBe(0);
      await index.remove([first.id, '00000000-0000-4000-8000-00000000ffff']);
      expect(await index.count()).toBe(5);
      expect((await index.search(q({ q: 'battito' }))).total).toBe(0);
    });

    it('rebuilds the whole index from a source, reporting progress', async () => {
      const docs = contractDocuments().slice(0, 3);
      const progress: number[] = [];
      async function* source() {
        yield docs.slice(0, 2);
        yield docs.slice(2);
      }
      await index.rebuild(source(), (n) => progress.push(n));
      expect(progress).toEqual([2, 3]);
      expect(await index.count()).toBe(3);
      expect((await index.search(q({ q: 'respira' }))).total).toBe(0);
    });
  });
}
