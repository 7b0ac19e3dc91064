import { completeness, countdown, draftToBody, scoreBand, taxonomyTree, topReasons } from './members-logic';

describe('completeness meter', () => {
  it('is 0 for an empty draft and lists every field as missing', () => {
    const result = completeness('company', {});
    expect(result.percent).toBe(0);
    expect(result.missing).toContain('name');
    expect(result.missing).toContain('sectors');
  });

  it('weighs the filled fields, ignoring blank text and empty lists', () => {
    const partial = completeness('research_centre', { name: 'IRCCS', kind: 'irccs', country: 'IT', city: '  ', sectors: [] });
    // name 2 + kind 1 + country 1 of 2+1+1+1+1+2+2+2+2 = 14
    expect(partial.percent).toBe(Math.floor((4 * 100) / 14));
    expect(partial.missing).toEqual(['city', 'website', 'description', 'sectors', 'therapeuticAreas', 'modalities']);
  });

  it('is 100 when everything is filled', () => {
    const full = completeness('fund', {
      name: 'F', country: 'IT', website: 'https://f.example', manager: 'M', thesis: 'T', sectors: ['biotech'], therapeuticAreas: ['oncology'],
      modalities: ['car_t'], stages: ['seed'], ticketMinEur: '1', ticketMaxEur: '2', geographies: 'EU',
    });
    expect(full).toEqual({ percent: 100, missing: [] });
  });
});

describe('score band', () => {
  it.each([
    [100, 'excellent'], [80, 'excellent'], [79.9, 'good'], [60, 'good'], [59, 'fair'], [0, 'fair'],
  ])('%p is %s', (score, band) => expect(scoreBand(score)).toBe(band));
});

describe('expiry countdown', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('splits the time left into days, hours and minutes', () => {
    expect(countdown('2026-03-04T13:25:30Z', now)).toEqual({ expired: false, days: 3, hours: 3, minutes: 25, urgent: false });
  });
  it('is urgent under 48 hours', () => {
    expect(countdown('2026-03-03T09:59:00Z', now)).toMatchObject({ expired: false, days: 1, hours: 23, minutes: 59, urgent: true });
  });
  it('is expired at and after the deadline', () => {
    expect(countdown(now, now).expired).toBe(true);
    expect(countdown('2026-02-01T00:00:00Z', now)).toEqual({ expired: true, days: 0, hours: 0, minutes: 0, urgent: true });
  });
});

describe('helpers', () => {
  it('keeps the top positive reasons by contribution', () => {
    const reasons = [
      { label: 'a', contribution: 5 }, { label: 'b', contribution: 30 }, { label: 'neg', contribution: -4 }, { label: 'c', contribution: 20 }, { label: 'd', contribution: 1 },
    ];
    expect(topReasons(reasons)).toEqual(['b', 'c', 'a']);
  });

  it("names reasons in the UI language by factor, falling back to the API's label", () => {
    const italian: Record<string, string> = { 'reason.stage': 'Fase coerente con quelle del fondo' };
    const t = (key: string) => italian[key] ?? key;
    const reasons = [
      { factor: 'stage', label: "Stage fits the fund's stages", contribution: 30 },
      { factor: 'new_factor', label: 'A factor the UI does not know yet', contribution: 10 },
    ];
    expect(topReasons(reasons, 3, t)).toEqual(['Fase coerente con quelle del fondo', 'A factor the UI does not know yet']);
  });

  it('nests children under their parents', () => {
    const tree = taxonomyTree([
      { code: 'cell_therapy', parent: null }, { code: 'car_t', parent: 'cell_therapy' }, { code: 'rna', parent: null },
    ]);
    expect(tree.map((n) => [n.term.code, n.children.map((c) => c.code)])).toEqual([['cell_therapy', ['car_t']], ['rna', []]]);
  });

  it('turns a draft into a body for creation and for update', () => {
    const draft = { name: ' Acme ', website: '', trl: '4', fundingSoughtEur: 'lots', country: 'it', sectors: ['biotech'], geographies: 'eu, IT', active: true };
    const fields = ['name', 'website', 'trl', 'fundingSoughtEur', 'country', 'sectors', 'geographies', 'active', 'absent'];
    expect(draftToBody(draft, fields, 'create')).toEqual({ name: 'Acme', trl: 4, fundingSoughtEur: 'lots', country: 'IT', sectors: ['biotech'], geographies: ['EU', 'IT'], active: true });
    expect(draftToBody(draft, fields, 'update')).toMatchObject({ website: null });
  });
});
