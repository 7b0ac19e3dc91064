import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CreateCompanyDto } from './create-company.dto';
import { CreateFundDto } from './create-fund.dto';
import { CreateResearchCentreDto } from './create-research-centre.dto';
import { CreateTechnologyOfferDto } from './create-technology-offer.dto';
import { VersionDto } from './version.dto';

/** PATCH bodies: every field optional, plus the required `version`. */
export class UpdateCompanyDto extends IntersectionType(PartialType(CreateCompanyDto), VersionDto) {}
export class UpdateFundDto extends IntersectionType(PartialType(CreateFundDto), VersionDto) {}
export class UpdateResearchCentreDto extends IntersectionType(PartialType(CreateResearchCentreDto), VersionDto) {}
export class UpdateTechnologyOfferDto extends IntersectionType(PartialType(CreateTechnologyOfferDto), VersionDto) {}
