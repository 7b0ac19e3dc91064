import { EU_MEMBER_CODES, ISO_COUNTRY_CODES, isIsoCountry } from './countries';

describe('countries', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes and the 27 EU members among them', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(EU_MEMBER_CODES.size).toBe(27);
    for (const code of EU_MEMBER_CODES) expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
  });

  it('is exact and case-sensitive', () => {
    expect(isIsoCountry('IT')).toBe(true);
    expect(isIsoCountry('it')).toBe(false);
    expect(isIsoCountry('UK')).toBe(false);
    expect(isIsoCountry('ITA')).toBe(false);
  });
});
