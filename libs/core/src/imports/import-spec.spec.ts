import { IMPORT_SPECS, parseCell } from './import-spec';

describe('CSV cell parsing', () => {
  it('turns empty cells into null and trims', () => {
    expect(parseCell('string', '   ')).toBeNull();
    expect(parseCell('string', '  Milano ')).toBe('Milano');
  });

  it('reads an empty list cell as an empty list and an empty boolean as not given', () => {
    expect(parseCell('list', '')).toEqual([]);
    expect(parseCell('bool', ' ')).toBeUndefined();
  });

  it('splits lists on semicolons and drops empty items', () => {
    expect(parseCell('list', 'oncology; cardiology;;')).toEqual(['oncology', 'cardiology']);
  });

  it('parses integers and booleans, passing anything else on for the DTO to reject by name', () => {
    expect(parseCell('int', '42')).toBe(42);
    expect(parseCell('int', '-3')).toBe(-3);
    expect(parseCell('int', '4.5')).toBe('4.5');
    expect(parseCell('bool', 'Sì')).toBe(true);
    expect(parseCell('bool', 'no')).toBe(false);
    expect(parseCell('bool', 'maybe')).toBe('maybe');
  });

  it('accepts exactly the JSON field names of each profile type', () => {
    expect(Object.keys(IMPORT_SPECS.companies.columns)).toEqual(expect.arrayContaining(['fundingSoughtEur', 'technologyNeeds', 'lookingFor']));
    expect(IMPORT_SPECS.funds.columns.leadInvestor).toBe('bool');
    expect(IMPORT_SPECS['research-centres'].columns).not.toHaveProperty('trl');
  });
});
