import type { ColumnTypes } from './bulk-insert';

/** Column types of the profile tables, for bulk inserts of generated populations (scoring and load benchmarks). */
export const PROFILE_COLUMN_TYPES: Record<'organisations' | 'companies' | 'funds' | 'research_centres' | 'technology_offers', ColumnTypes> = {
  organisations: { id: 'uuid', type: 'text' },
  companies: {
    id: 'uuid', external_id: 'text', name: 'text', kind: 'text', country: 'bpchar', region: 'text', city: 'text', pitch: 'text', description: 'text',
    sectors: 'text[]', therapeutic_areas: 'text[]', modalities: 'text[]', stage: 'text', trl: 'int2', funding_sought_eur: 'int8', ip_status: 'text',
    looking_for: 'text[]', technology_needs: 'text',
  },
  funds: {
    id: 'uuid', external_id: 'text', name: 'text', manager: 'text', country: 'bpchar', thesis: 'text', stages: 'text[]', ticket_min_eur: 'int8',
    ticket_max_eur: 'int8', fund_size_eur: 'int8', sectors: 'text[]', therapeutic_areas: 'text[]', modalities: 'text[]', geographies: 'text[]',
    lead_investor: 'bool', active: 'bool',
  },
  research_centres: {
    id: 'uuid', external_id: 'text', name: 'text', kind: 'text', country: 'bpchar', region: 'text', city: 'text', description: 'text',
    sectors: 'text[]', therapeutic_areas: 'text[]', modalities: 'text[]',
  },
  technology_offers: {
    id: 'uuid', research_centre_id: 'uuid', external_id: 'text', title: 'text', description: 'text', sectors: 'text[]', therapeutic_areas: 'text[]',
    modalities: 'text[]', trl: 'int2', ip_status: 'text', collaboration_types: 'text[]',
  },
};
