import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { SearchDocType, SearchDocument } from '@hub/domain';
import { CompanyEntity, FundEntity, ResearchCentreEntity, TechnologyOfferEntity } from '../database/entities';
import { Visibility } from '../profiles/visibility';
import { SearchDocumentBuilder } from './search-document.builder';

/** Reads search documents from the source of truth: the profile tables in PostgreSQL. */
@Injectable()
export class SearchDocumentSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The document as it should be indexed now, or null when its row is gone or its organisation has not consented
   * to be shown (then it leaves the index).
   */
  async load(type: SearchDocType, id: string): Promise<SearchDocument | null> {
    const manager = this.dataSource.manager;
    const document = await this.build(type, id);
    if (!document) return null;
    return (await Visibility.consented(manager, [document.organisationId])).size > 0 ? document : null;
  }

  private async build(type: SearchDocType, id: string): Promise<SearchDocument | null> {
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

  /** How many documents `all()` yields. */
  async count(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM companies WHERE ${Visibility.consentedSql('companies.id')})
            + (SELECT count(*) FROM funds WHERE ${Visibility.consentedSql('funds.id')})
            + (SELECT count(*) FROM research_centres WHERE ${Visibility.consentedSql('research_centres.id')})
            + (SELECT count(*) FROM technology_offers WHERE ${Visibility.consentedSql('technology_offers.research_centre_id')}) AS n`,
    );
    return Number(row.n);
  }

  /** Every document of a consenting organisation, in batches, by keyset pagination (no OFFSET scans, constant memory). */
  async *all(batchSize = 1000): AsyncGenerator<SearchDocument[]> {
    const consented = new Set(
      ((await this.dataSource.query(`SELECT id FROM organisations WHERE visibility_consent_at IS NOT NULL`)) as Array<{ id: string }>).map((r) => r.id),
    );
    const shown = (documents: SearchDocument[]) => documents.filter((d) => consented.has(d.organisationId));
    yield* this.scan(CompanyEntity, batchSize, (rows) => shown(rows.map(SearchDocumentBuilder.company)));
    yield* this.scan(FundEntity, batchSize, (rows) => shown(rows.map(SearchDocumentBuilder.fund)));
    yield* this.scan(ResearchCentreEntity, batchSize, (rows) => shown(rows.map(SearchDocumentBuilder.researchCentre)));
    const countries = new Map<string, string>();
    for (const centre of await this.dataSource.manager.find(ResearchCentreEntity, { select: { id: true, country: true } })) {
      countries.set(centre.id, centre.country);
    }
    yield* this.scan(TechnologyOfferEntity, batchSize, (rows) =>
      rows.flatMap((o) => {
        const country = countries.get(o.researchCentreId);
        return country && consented.has(o.researchCentreId) ? [SearchDocumentBuilder.technologyOffer(o, country)] : [];
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
