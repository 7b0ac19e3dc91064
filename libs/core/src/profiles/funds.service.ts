import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryViolations, geographyViolations, taxonomyViolations, ticketViolations } from '@hub/domain';
import { FundEntity } from '../database/entities';
import type { ListFundsQueryDto } from './dto/list-profiles-query.dto';
import { ProfileStore } from './profile-store';
import { toFundView, type FundView } from './views/fund.view';

@Injectable()
export class FundsService extends ProfileStore<FundEntity, FundView> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, {
      organisationType: 'fund',
      entity: FundEntity,
      label: 'fund',
      requiredFields: ['name', 'country', 'leadInvestor', 'active'],
      // ticketMin <= ticketMax is checked on the merged fund, so a PATCH of one bound respects the stored other.
      rules: (f) => [...countryViolations('country', f.country), ...ticketViolations(f), ...geographyViolations(f.geographies), ...taxonomyViolations(f)],
      view: (f) => toFundView(f),
      filter: (qb, query: ListFundsQueryDto) => {
        if (query.stage) qb.andWhere(':stage = ANY(p.stages)', { stage: query.stage });
        if (query.active) qb.andWhere('p.active = :active', { active: query.active === 'true' });
      },
    });
  }
}
