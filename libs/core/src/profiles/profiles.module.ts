import { Module } from '@nestjs/common';
import { CompaniesService } from './companies.service';
import { FundsService } from './funds.service';
import { ResearchCentresService } from './research-centres.service';
import { TechnologyOffersService } from './technology-offers.service';

@Module({
  providers: [CompaniesService, FundsService, ResearchCentresService, TechnologyOffersService],
  exports: [CompaniesService, FundsService, ResearchCentresService, TechnologyOffersService],
})
export class ProfilesModule {}
