import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryViolations, foundedYearViolations, taxonomyViolations } from '@hub/domain';
import { CompanyEntity } from '../database/entities';
import type { ListCompaniesQueryDto } from './dto/list-profiles-query.dto';
import { ProfileStore } from './profile-store';
import { toCompanyView, type CompanyView } from './views/company.view';

@Injectable()
export class CompaniesService extends ProfileStore<CompanyEntity, CompanyView> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, {
      organisationType: 'company',
      entity: CompanyEntity,
      label: 'company',
      requiredFields: ['name', 'kind', 'country'],
      rules: (c) => [...countryViolations('country', c.country), ...foundedYearViolations(c.foundedYear, new Date()), ...taxonomyViolations(c)],
      view: toCompanyView,
      filter: (qb, query: ListCompaniesQueryDto) => {
        if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
        if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
      },
    });
  }
}
