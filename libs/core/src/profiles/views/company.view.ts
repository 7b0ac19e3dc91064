import type { CompanyKind, IpStatus, LookingFor, Stage } from '@hub/domain';
import type { CompanyEntity } from '../../database/entities';
import type { ContactView } from '../disclosure';

/** A company as the API shows it; confidential fields are present only for members and staff. */
export interface CompanyView {
  id: string;
  type: 'company';
  name: string;
  kind: CompanyKind;
  website: string | null;
  country: string;
  region: string | null;
  city: string | null;
  foundedYear: number | null;
  employees: number | null;
  pitch: string | null;
  description: string | null;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  stage: Stage | null;
  trl: number | null;
  lookingFor: LookingFor[];
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Members' addresses: for members, staff, and organisations with an accepted meeting (staged disclosure). */
  contacts?: ContactView[];
  /** Confidential. */
  fundingSoughtEur?: number | null;
  ipStatus?: IpStatus | null;
  technologyNeeds?: string | null;
}

export function toCompanyView(c: CompanyEntity, confidential: boolean): CompanyView {
  const view: CompanyView = {
    id: c.id,
    type: 'company',
    name: c.name,
    kind: c.kind,
    website: c.website,
    country: c.country,
    region: c.region,
    city: c.city,
    foundedYear: c.foundedYear,
    employees: c.employees,
    pitch: c.pitch,
    description: c.description,
    sectors: c.sectors,
    therapeuticAreas: c.therapeuticAreas,
    modalities: c.modalities,
    stage: c.stage,
    trl: c.trl,
    lookingFor: c.lookingFor,
    externalId: c.externalId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
  if (confidential) {
    view.fundingSoughtEur = c.fundingSoughtEur;
    view.ipStatus = c.ipStatus;
    view.technologyNeeds = c.technologyNeeds;
  }
  return view;
}
