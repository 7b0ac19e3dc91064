import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryViolations, taxonomyViolations } from '@hub/domain';
import { ResearchCentreEntity } from '../database/entities';
import type { ListResearchCentresQueryDto } from './dto/list-profiles-query.dto';
import { ProfileStore } from './profile-store';
import { toResearchCentreView, type ResearchCentreView } from './views/research-centre.view';

@Injectable()
export class ResearchCentresService extends ProfileStore<ResearchCentreEntity, ResearchCentreView> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, {
      organisationType: 'research_centre',
      entity: ResearchCentreEntity,
      label: 'research centre',
      requiredFields: ['name', 'kind', 'country'],
      rules: (r) => [...countryViolations('country', r.country), ...taxonomyViolations(r)],
      view: (r) => toResearchCentreView(r),
      filter: (qb, query: ListResearchCentresQueryDto) => {
        if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
      },
    });
  }
}
