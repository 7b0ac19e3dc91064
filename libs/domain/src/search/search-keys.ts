import { ISO_COUNTRY_CODES } from '../geo/countries';
import { STAGES } from '../profile/profile.enums';
import { taxonomy } from '../taxonomy/taxonomy';
import { TAXONOMY_DIMENSIONS } from '../taxonomy/taxonomy.types';
import { SEARCH_DOC_TYPES } from './search.types';

/**
 * Facet values and taxonomy concepts as 'facet:value' keys ('type:company', 'country:IT', 'trl:5',
 * 'sectors:medtech'; a taxonomy concept and its facet value are the same key), and their 32-bit ids: the
 * PostgreSQL index stores int4 arrays, four bytes a key, so its rows stay narrow and its scans short. Ids are a
 * hash of the key, stable across taxonomy versions; a unit test proves the known keys do not collide.
 */
export function searchKeyId(key: string): number {
  // FNV-1a, 32 bits, as a signed int4.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Every key a document can carry. */
export const SEARCH_KEYS: readonly string[] = [
  ...SEARCH_DOC_TYPES.map((t) => `type:${t}`),
  ...[...ISO_COUNTRY_CODES].map((c) => `country:${c}`),
  ...Array.from({ length: 9 }, (_, i) => `trl:${i + 1}`),
  ...STAGES.map((s) => `stages:${s}`),
  ...TAXONOMY_DIMENSIONS.flatMap((dimension) => taxonomy.definition[dimension].map((t) => `${dimension}:${t.code}`)),
];

const KEY_OF_ID = new Map(SEARCH_KEYS.map((key) => [searchKeyId(key), key]));

/** The key of an id, or undefined for an id no known key has (a code since removed from the taxonomy). */
export function searchKeyOf(id: number): string | undefined {
  return KEY_OF_ID.get(id);
}

export function searchKeyIds(keys: Iterable<string>): number[] {
  return [...new Set([...keys].map(searchKeyId))];
}
