import type { Stage } from '@hub/domain';
import type { FundEntity } from '../../database/entities';
import type { ContactView } from '../disclosure';

export interface FundView {
  id: string;
  type: 'fund';
  name: string;
  manager: string | null;
  website: string | null;
  country: string;
  thesis: string | null;
  stages: Stage[];
  ticketMinEur: number | null;
  ticketMaxEur: number | null;
  fundSizeEur: number | null;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  geographies: string[];
  leadInvestor: boolean;
  active: boolean;
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Members' addresses: for members, staff, and organisations with an accepted meeting (staged disclosure). */
  contacts?: ContactView[];
}

/** A fund's thesis is public by nature: investors publish it to attract companies. */
export function toFundView(f: FundEntity): FundView {
  return {
    id: f.id,
    type: 'fund',
    name: f.name,
    manager: f.manager,
    website: f.website,
    country: f.country,
    thesis: f.thesis,
    stages: f.stages,
    ticketMinEur: f.ticketMinEur,
    ticketMaxEur: f.ticketMaxEur,
    fundSizeEur: f.fundSizeEur,
    sectors: f.sectors,
    therapeuticAreas: f.therapeuticAreas,
    modalities: f.modalities,
    geographies: f.geographies,
    leadInvestor: f.leadInvestor,
    active: f.active,
    externalId: f.externalId,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}
