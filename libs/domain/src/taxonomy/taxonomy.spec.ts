import { TAXONOMY } from './taxonomy.data';
import { Taxonomy, taxonomy } from './taxonomy';
import { TAXONOMY_DIMENSIONS } from './taxonomy.types';

describe('taxonomy', () => {
  it('contains every code the platform contract names', () => {
    const required = {
      sectors: ['pharma', 'biotech', 'medtech', 'diagnostics', 'digital_health', 'healthcare_services', 'cdmo', 'nutraceuticals'],
      therapeuticAreas: ['cardiology', 'oncology', 'rehabilitation', 'neurology', 'molecular_medicine', 'psychiatry', 'rare_diseases', 'musculoskeletal', 'immunology', 'infectious_diseases', 'metabolic', 'respiratory', 'ophthalmology', 'dermatology'],
      modalities: ['small_molecule', 'biologic', 'gene_therapy', 'cell_therapy', 'rna', 'vaccine', 'medical_device', 'diagnostic_assay', 'imaging', 'software_ai', 'digital_therapeutic', 'telemedicine', 'genomics'],
    } as const;
    for (const dimension of TAXONOMY_DIMENSIONS) {
      expect(taxonomy.unknownCodes(dimension, required[dimension])).toEqual([]);
    }
  });

  it('has an Italian and an English label for every term, and snake_case codes', () => {
    for (const dimension of TAXONOMY_DIMENSIONS) {
      for (const term of TAXONOMY[dimension]) {
        expect(term.code).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(term.labels.it.trim()).not.toBe('');
        expect(term.labels.en.trim()).not.toBe('');
      }
    }
  });

  it('knows the hierarchy: CAR-T under cell therapy, descendants of a root', () => {
    expect(taxonomy.ancestors('modalities', 'car_t')).toEqual(['cell_therapy']);
    expect(taxonomy.ancestors('modalities', 'cell_therapy')).toEqual([]);
    expect(taxonomy.descendants('modalities', 'cell_therapy').sort()).toEqual(['car_t', 'stem_cell_therapy']);
    expect(taxonomy.descendants('therapeuticAreas', 'oncology')).toEqual(['haematology']);
  });

  it('refuses a definition with a duplicate code or an unknown parent', () => {
    const term = (code: string, parent: string | null) => ({ code, parent, labels: { it: code, en: code }, synonyms: { it: [], en: [] } });
    expect(() => new Taxonomy({ version: 'x', sectors: [term('a', null), term('a', null)], therapeuticAreas: [], modalities: [] })).toThrow(/duplicate code sectors\.a/);
    expect(() => new Taxonomy({ version: 'x', sectors: [term('a', 'ghost')], therapeuticAreas: [], modalities: [] })).toThrow(/unknown parent ghost/);
  });

  it('reports unknown codes in input order', () => {
    expect(taxonomy.unknownCodes('sectors', ['pharma', 'x', 'medtech', 'y'])).toEqual(['x', 'y']);
  });
});
