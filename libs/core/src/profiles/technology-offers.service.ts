import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager } from 'typeorm';
import { AppError, taxonomyViolations } from '@hub/domain';
import type { Principal } from '../auth/principal';
import type { Page, PaginationQueryDto } from '../common/pagination.dto';
import { ResearchCentreEntity, TechnologyOfferEntity } from '../database/entities';
import type { CreateTechnologyOfferDto } from './dto/create-technology-offer.dto';
import type { UpdateTechnologyOfferDto } from './dto/update-technology-offer.dto';
import { Disclosure } from './disclosure';
import { Visibility } from './visibility';
import { assertExpectedVersion } from './optimistic-version';
import { OrganisationAccess } from './organisation-access';
import { toTechnologyOfferView, type TechnologyOfferView } from './views/technology-offer.view';

/** A research centre's technology offers: public to read, changed only by the centre's members and staff. */
@Injectable()
export class TechnologyOffersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(principal: Principal, centreId: string, dto: CreateTechnologyOfferDto): Promise<TechnologyOfferView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const centre = await manager.findOne(ResearchCentreEntity, { where: { id: centreId }, lock: { mode: 'pessimistic_read' } });
      if (!centre) throw AppError.notFound('research centre', centreId);
      OrganisationAccess.assertCanManage(principal, centreId, 'research centre');
      const offer = manager.create(TechnologyOfferEntity, { ...dto, researchCentreId: centreId, version: 1 });
      this.assertValid(offer);
      return manager.save(TechnologyOfferEntity, offer);
    });
    return toTechnologyOfferView(saved, true);
  }

  async list(principal: Principal, centreId: string, query: PaginationQueryDto): Promise<Page<TechnologyOfferView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const exists = await this.dataSource.getRepository(ResearchCentreEntity).exists({ where: { id: centreId } });
    if (!exists || !(await Visibility.canSee(this.dataSource.manager, principal, centreId))) throw AppError.notFound('research centre', centreId);
    const [rows, total] = await this.dataSource.getRepository(TechnologyOfferEntity).findAndCount({
      where: { researchCentreId: centreId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const confidential = await this.disclosed(principal, centreId);
    return { items: rows.map((row) => toTechnologyOfferView(row, confidential)), total, page, pageSize };
  }

  async get(principal: Principal, centreId: string, offerId: string): Promise<TechnologyOfferView> {
    const offer = await this.dataSource.getRepository(TechnologyOfferEntity).findOne({ where: { id: offerId, researchCentreId: centreId } });
    if (!offer || !(await Visibility.canSee(this.dataSource.manager, principal, centreId))) throw AppError.notFound('technology offer', offerId);
    return toTechnologyOfferView(offer, await this.disclosed(principal, centreId));
  }

  /** Whether the caller may read the centre's confidential offer details (staged disclosure). */
  private async disclosed(principal: Principal, centreId: string): Promise<boolean> {
    return (await Disclosure.disclosedTo(this.dataSource.manager, principal, [centreId])).has(centreId);
  }

  async update(principal: Principal, centreId: string, offerId: string, dto: UpdateTechnologyOfferDto): Promise<TechnologyOfferView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockForChange(manager, principal, centreId, offerId);
      assertExpectedVersion('technology offer', offerId, dto.version, current.version);
      const { version: _ignored, ...changes } = dto;
      const merged = manager.merge(TechnologyOfferEntity, current, changes as DeepPartial<TechnologyOfferEntity>);
      this.assertValid(merged);
      merged.version = current.version + 1;
      return manager.save(TechnologyOfferEntity, merged);
    });
    return toTechnologyOfferView(saved, true);
  }

  async remove(principal: Principal, centreId: string, offerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockForChange(manager, principal, centreId, offerId);
      await manager.delete(TechnologyOfferEntity, { id: offerId });
    });
  }

  /** Loads and locks the offer of this centre: 404 if absent (or another centre's), 403 if the caller may not change it. */
  private async lockForChange(manager: EntityManager, principal: Principal, centreId: string, offerId: string): Promise<TechnologyOfferEntity> {
    const current = await manager.findOne(TechnologyOfferEntity, { where: { id: offerId, researchCentreId: centreId }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw AppError.notFound('technology offer', offerId);
    OrganisationAccess.assertCanManage(principal, centreId, 'research centre');
    return current;
  }

  private assertValid(offer: TechnologyOfferEntity): void {
    const violations = taxonomyViolations(offer);
    if (offer.title === null || offer.title === undefined) violations.push({ field: 'title', rule: 'required', message: 'title is required and cannot be null' });
    if (violations.length > 0) throw AppError.validation(violations);
  }
}
