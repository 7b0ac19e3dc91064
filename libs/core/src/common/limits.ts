/** Field limits shared by DTOs and the CSV import, so both reject the same input with the same words. */
export const LIMITS = {
  name: 200,
  shortText: 200,
  pitch: 280,
  longText: 10_000,
  url: 500,
  codesPerField: 30,
  maxEur: 1_000_000_000_000,
  maxEmployees: 5_000_000,
  minFoundedYear: 1800,
  pageSizeMax: 100,
} as const;
