import type { CollaborationType, IpStatus } from '@hub/domain';
import type { TechnologyOfferEntity } from '../../database/entities';

export interface TechnologyOfferView {
  id: string;
  type: 'technology_offer';
  researchCentreId: string;
  title: string;
  description: string | null;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  trl: number | null;
  ipStatus: IpStatus | null;
  collaborationTypes: CollaborationType[];
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Confidential: for the centre's members, staff, and organisations with an accepted meeting with the centre. */
  confidentialDetails?: string | null;
}

export function toTechnologyOfferView(o: TechnologyOfferEntity, confidential: boolean): TechnologyOfferView {
  const view: TechnologyOfferView = {
    id: o.id,
    type: 'technology_offer',
    researchCentreId: o.researchCentreId,
    title: o.title,
    description: o.description,
    sectors: o.sectors,
    therapeuticAreas: o.therapeuticAreas,
    modalities: o.modalities,
    trl: o.trl,
    ipStatus: o.ipStatus,
    collaborationTypes: o.collaborationTypes,
    externalId: o.externalId,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
  if (confidential) view.confidentialDetails = o.confidentialDetails;
  return view;
}
