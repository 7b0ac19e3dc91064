import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { SearchDocType, SearchDocument } from '@hub/domain';
import { CompanyEntity, FundEntity, ResearchCentreEntity, TechnologyOfferEntity } from '../database/entities';
import { SearchDocumentBuilder } from './search-document.builder';

/** Reads search documents from the source of truth: the profile tables in PostgreSQL. */
@Injectable()
export class SearchDocumentSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The document as it should be indexed now, or null when its row is gone (then it leaves the index). */
  async load(type: SearchDocType, id: string): Promise<SearchDocument | null> {
    const manager = this.dataSource.manager;
    switch (type) {
      case 'company': {
        const row = await manager.findOne(CompanyEntity, { where: { id } });
        return row ? SearchDocumentBuilder.company(row) : null;
      }
      case 'fund': {
        const row = await manager.findOne(FundEntity, { where: { id } });
        return row ? SearchDocumentBuilder.fund(row) : null;
      }
      case 'research_centre': {
        const row = await manager.findOne(ResearchCentreEntity, { where: { id } });
        return row ? SearchDocumentBuilder.researchCentre(row) : null;
      }
      case 'technology_offer': {
        const row = await manager.findOne(TechnologyOfferEntity, { where: { id } });
        if (!row) return null;
        const centre = await manager.findOne(ResearchCentreEntity, { where: { id: row.researchCentreId }, select: { id: true, country: true } });
        return centre ? SearchDocumentBuilder.technologyOffer(row, centre.country) : null;
      }
    }
  }

  async count(): Promise<number> {
    const counts = await Promise.all([CompanyEntity, FundEntity, ResearchCentreEntity, TechnologyOfferEntity].map((e) => this.dataSource.manager.count(e)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Every document, in batches, by keyset pagination (no OFFSET scans, constant memory). */
  async *all(batchSize = 1000): AsyncGenerator<SearchDocument[]> {
    yield* this.scan(CompanyEntity, batchSize, (rows) => rows.map(SearchDocumentBuilder.company));
    yield* this.scan(FundEntity, batchSize, (rows) => rows.map(SearchDocumentBuilder.fund));
    yield* this.scan(ResearchCentreEntity, batchSize, (rows) => rows.map(SearchDocumentBuilder.researchCentre));
    const countries = new Map<string, string>();
    for (const centre of await this.dataSource.manager.find(ResearchCentreEntity, { select: { id: true, country: true } })) {
      countries.set(centre.id, centre.country);
    }
    yield* this.scan(TechnologyOfferEntity, batchSize, (rows) =>
      rows.flatMap((o) => {
        const country = countries.get(o.researchCentreId);
        return country ? [SearchDocumentBuilder.technologyOffer(o, country)] : [];
      }),
    );
  }

  private async *scan<E extends ObjectLiteral & { id: string }>(
    entity: EntityTarget<E>,
    batchSize: number,
    build: (rows: E[]) => SearchDocument[],
  ): AsyncGenerator<SearchDocument[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.manager.find(entity, { where: { id: MoreThan(after) } as never, order: { id: 'ASC' } as never, take: batchSize });
      if (rows.length === 0) return;
      yield build(rows);
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }
}
