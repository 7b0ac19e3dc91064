import { CompanyEntity } from './company.entity';
import { FundEntity } from './fund.entity';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { ResearchCentreEntity } from './research-centre.entity';
import { TechnologyOfferEntity } from './technology-offer.entity';
import { UserEntity } from './user.entity';

export { CompanyEntity, FundEntity, MembershipEntity, OrganisationEntity, ResearchCentreEntity, TechnologyOfferEntity, UserEntity };

/** Listed explicitly rather than globbed, so a bundled or compiled build finds the same set. */
export const ENTITIES = [UserEntity, OrganisationEntity, MembershipEntity, CompanyEntity, FundEntity, ResearchCentreEntity, TechnologyOfferEntity];
