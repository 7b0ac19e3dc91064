import type { ClassConstructor } from 'class-transformer';
import type { OrganisationType } from '@hub/domain';
import { CreateCompanyDto } from '../profiles/dto/create-company.dto';
import { CreateFundDto } from '../profiles/dto/create-fund.dto';
import { CreateResearchCentreDto } from '../profiles/dto/create-research-centre.dto';

export type ColumnKind = 'string' | 'int' | 'list' | 'bool';
export const IMPORT_KINDS = ['companies', 'funds', 'research-centres'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How one CSV import maps onto a profile type: the columns it accepts and the DTO each row must satisfy. */
export interface ImportSpec {
  kind: ImportKind;
  organisationType: OrganisationType;
  dto: ClassConstructor<object>;
  columns: Record<string, ColumnKind>;
}

const TAXONOMY_COLUMNS: Record<string, ColumnKind> = { sectors: 'list', therapeuticAreas: 'list', modalities: 'list' };

export const IMPORT_SPECS: Record<ImportKind, ImportSpec> = {
  companies: {
    kind: 'companies',
    organisationType: 'company',
    dto: CreateCompanyDto,
    columns: {
      name: 'string', kind: 'string', website: 'string', country: 'string', region: 'string', city: 'string',
      foundedYear: 'int', employees: 'int', pitch: 'string', description: 'string', ...TAXONOMY_COLUMNS,
      stage: 'string', trl: 'int', fundingSoughtEur: 'int', ipStatus: 'string', lookingFor: 'list', technologyNeeds: 'string',
      visibilityConsent: 'bool',
    },
  },
  funds: {
    kind: 'funds',
    organisationType: 'fund',
    dto: CreateFundDto,
    columns: {
      name: 'string', manager: 'string', website: 'string', country: 'string', thesis: 'string', stages: 'list',
      ticketMinEur: 'int', ticketMaxEur: 'int', fundSizeEur: 'int', ...TAXONOMY_COLUMNS, geographies: 'list',
      leadInvestor: 'bool', active: 'bool', visibilityConsent: 'bool',
    },
  },
  'research-centres': {
    kind: 'research-centres',
    organisationType: 'research_centre',
    dto: CreateResearchCentreDto,
    columns: {
      name: 'string', kind: 'string', country: 'string', region: 'string', city: 'string', website: 'string',
      description: 'string', ...TAXONOMY_COLUMNS, visibilityConsent: 'bool',
    },
  },
};

/**
 * Converts one CSV cell to its JSON type. A cell that does not parse is passed on as text, so the DTO's own
 * rule reports it ("trl must be an integer number") instead of a second, different message.
 */
export function parseCell(kind: ColumnKind, raw: string): unknown {
  const value = raw.trim();
  // An empty list is an empty list; an empty boolean is "not given" (its column has a default and is never null).
  if (value === '') return kind === 'list' ? [] : kind === 'bool' ? undefined : null;
  switch (kind) {
    case 'int':
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case 'bool': {
      const lower = value.toLowerCase();
      if (['true', '1', 'yes', 'si', 'sì'].includes(lower)) return true;
      if (['false', '0', 'no'].includes(lower)) return false;
      return value;
    }
    case 'list':
      return value.split(';').map((item) => item.trim()).filter((item) => item !== '');
    default:
      return value;
  }
}
