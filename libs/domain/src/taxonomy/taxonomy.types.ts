/** The three dimensions every profile is described along. */
export const TAXONOMY_DIMENSIONS = ['sectors', 'therapeuticAreas', 'modalities'] as const;
export type TaxonomyDimension = (typeof TAXONOMY_DIMENSIONS)[number];

export type Language = 'it' | 'en';

export interface TaxonomyTerm {
  code: string;
  /** Parent code in the same dimension, or null for a root term (CAR-T sits under cell therapy). */
  parent: string | null;
  labels: Record<Language, string>;
  /** Extra words users type for this term, per language; later used for search synonyms and text scoring. */
  synonyms: Record<Language, string[]>;
}

export interface TaxonomyDefinition {
  version: string;
  sectors: TaxonomyTerm[];
  therapeuticAreas: TaxonomyTerm[];
  modalities: TaxonomyTerm[];
}
