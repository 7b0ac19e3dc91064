import type { ResearchCentreKind } from '@hub/domain';
import type { ResearchCentreEntity } from '../../database/entities';
import type { ContactView } from '../disclosure';

export interface ResearchCentreView {
  id: string;
  type: 'research_centre';
  name: string;
  kind: ResearchCentreKind;
  country: string;
  region: string | null;
  city: string | null;
  website: string | null;
  description: string | null;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Members' addresses: for members, staff, and organisations with an accepted meeting (staged disclosure). */
  contacts?: ContactView[];
}

export function toResearchCentreView(r: ResearchCentreEntity): ResearchCentreView {
  return {
    id: r.id,
    type: 'research_centre',
    name: r.name,
    kind: r.kind,
    country: r.country,
    region: r.region,
    city: r.city,
    website: r.website,
    description: r.description,
    sectors: r.sectors,
    therapeuticAreas: r.therapeuticAreas,
    modalities: r.modalities,
    externalId: r.externalId,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
