import type { FieldViolation } from '../errors/app-error';
import { isIsoCountry } from '../geo/countries';
import { taxonomy } from '../taxonomy/taxonomy';
import { TAXONOMY_DIMENSIONS, type TaxonomyDimension } from '../taxonomy/taxonomy.types';
import { GEOGRAPHY_REGIONS } from './profile.enums';

/**
 * Rules that a single-field validator cannot express, checked on the merged state of a profile
 * (a PATCH of ticketMinEur alone must still respect the stored ticketMaxEur).
 */
export function taxonomyViolations(profile: Partial<Record<TaxonomyDimension, readonly string[] | null | undefined>>): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const dimension of TAXONOMY_DIMENSIONS) {
    const codes = profile[dimension];
    if (!codes) continue;
    codes.forEach((code, index) => {
      if (!taxonomy.has(dimension, code)) {
        violations.push({ field: `${dimension}.${index}`, rule: 'taxonomyCode', message: `unknown ${dimension} code "${code}" (see GET /api/v1/taxonomy)` });
      }
    });
  }
  return violations;
}

export function countryViolations(field: string, value: string | null | undefined): FieldViolation[] {
  if (value === null || value === undefined) return [];
  return isIsoCountry(value) ? [] : [{ field, rule: 'isoCountry', message: `"${value}" is not an ISO 3166-1 alpha-2 country code` }];
}

export function geographyViolations(geographies: readonly string[] | null | undefined): FieldViolation[] {
  if (!geographies) return [];
  const regions: readonly string[] = GEOGRAPHY_REGIONS;
  const violations: FieldViolation[] = [];
  geographies.forEach((code, index) => {
    if (!regions.includes(code) && !isIsoCountry(code)) {
      violations.push({ field: `geographies.${index}`, rule: 'geography', message: `"${code}" is neither an ISO 3166-1 alpha-2 code nor EU or WORLD` });
    }
  });
  return violations;
}

export function ticketViolations(fund: { ticketMinEur?: number | null; ticketMaxEur?: number | null; fundSizeEur?: number | null }): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const { ticketMinEur: min, ticketMaxEur: max, fundSizeEur: size } = fund;
  if (min != null && max != null && min > max) {
    violations.push({ field: 'ticketMinEur', rule: 'lteTicketMax', message: `ticketMinEur (${min}) must not exceed ticketMaxEur (${max})` });
  }
  if (max != null && size != null && max > size) {
    violations.push({ field: 'ticketMaxEur', rule: 'lteFundSize', message: `ticketMaxEur (${max}) must not exceed fundSizeEur (${size})` });
  }
  return violations;
}

export function foundedYearViolations(foundedYear: number | null | undefined, now: Date): FieldViolation[] {
  if (foundedYear == null) return [];
  const current = now.getUTCFullYear();
  return foundedYear > current ? [{ field: 'foundedYear', rule: 'max', message: `foundedYear must not be later than ${current}` }] : [];
}
