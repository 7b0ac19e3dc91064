import { Module } from '@nestjs/common';
import { CompaniesService } from './companies.service';
import { FundsService } from './funds.service';
import { ResearchCentresService } from './research-centres.service';
import { TechnologyOffersService } from './technology-offers.service';
import { VisibilityConsentService } from './visibility-consent.service';

@Module({
  providers: [CompaniesService, FundsService, ResearchCentresService, TechnologyOffersService, VisibilityConsentService],
  exports: [CompaniesService, FundsService, ResearchCentresService, TechnologyOffersService, VisibilityConsentService],
})
export class ProfilesModule {}
