import fc from 'fast-check';
import { countryViolations, foundedYearViolations, geographyViolations, taxonomyViolations, ticketViolations } from './profile.rules';

describe('profile rules', () => {
  it('accepts ordered tickets and rejects inverted ones, whatever the amounts', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), (a, b) => {
        const violations = ticketViolations({ ticketMinEur: a, ticketMaxEur: b });
        expect(violations.length > 0).toBe(a > b);
        if (a > b) expect(violations[0]).toMatchObject({ field: 'ticketMinEur', rule: 'lteTicketMax' });
      }),
    );
  });

  it('ignores a missing bound and checks the ticket against the fund size', () => {
    expect(ticketViolations({ ticketMinEur: 10, ticketMaxEur: null })).toEqual([]);
    expect(ticketViolations({ ticketMaxEur: 200, fundSizeEur: 100 })).toEqual([expect.objectContaining({ field: 'ticketMaxEur', rule: 'lteFundSize' })]);
  });

  it('names the position of each unknown taxonomy code', () => {
    expect(taxonomyViolations({ sectors: ['pharma', 'nope'], modalities: ['car_t'], therapeuticAreas: ['x'] })).toEqual([
      expect.objectContaining({ field: 'sectors.1', rule: 'taxonomyCode' }),
      expect.objectContaining({ field: 'therapeuticAreas.0', rule: 'taxonomyCode' }),
    ]);
  });

  it('accepts EU and WORLD as geographies but not as countries', () => {
    expect(geographyViolations(['IT', 'EU', 'WORLD', 'CH'])).toEqual([]);
    expect(geographyViolations(['Europe'])).toEqual([expect.objectContaining({ field: 'geographies.0' })]);
    expect(countryViolations('country', 'EU')).toHaveLength(1);
    expect(countryViolations('country', 'IT')).toEqual([]);
    expect(countryViolations('country', null)).toEqual([]);
  });

  it('refuses a founding year in the future', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(foundedYearViolations(2026, now)).toEqual([]);
    expect(foundedYearViolations(2027, now)).toEqual([expect.objectContaining({ field: 'foundedYear', rule: 'max' })]);
  });
});
