import { SEARCH_KEYS, searchKeyId, searchKeyIds, searchKeyOf } from './search-keys';

describe('search keys', () => {
  it('gives every known key a distinct id that maps back to it', () => {
    const ids = SEARCH_KEYS.map(searchKeyId);
    expect(new Set(ids).size).toBe(SEARCH_KEYS.length);
    for (const key of SEARCH_KEYS) expect(searchKeyOf(searchKeyId(key))).toBe(key);
  });

  it('covers types, countries, TRL, stages and every taxonomy code', () => {
    expect(SEARCH_KEYS).toEqual(expect.arrayContaining(['type:company', 'country:IT', 'trl:9', 'stages:seed', 'modalities:car_t', 'therapeuticAreas:oncology']));
  });

  it('is a stable signed 32-bit hash', () => {
    expect(searchKeyId('type:company')).toBe(searchKeyId('type:company'));
    for (const key of SEARCH_KEYS) {
      expect(Number.isInteger(searchKeyId(key))).toBe(true);
      expect(searchKeyId(key)).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(searchKeyId(key)).toBeLessThan(2 ** 31);
    }
    expect(searchKeyOf(searchKeyId('sectors:no_such_code'))).toBeUndefined();
  });

  it('deduplicates ids', () => {
    expect(searchKeyIds(['type:fund', 'type:fund', 'country:IT'])).toHaveLength(2);
  });
});
