import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { CompanyEntity, FundEntity, MembershipEntity, ResearchCentreEntity, TechnologyOfferEntity } from '../database/entities';
import { CompaniesService } from '../profiles/companies.service';
import { FundsService } from '../profiles/funds.service';
import type { ProfileStore } from '../profiles/profile-store';
import { ResearchCentresService } from '../profiles/research-centres.service';
import { DEMO_COMPANIES, DEMO_FUNDS, DEMO_RESEARCH_CENTRES } from './demo-ecosystem.data';

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
  organisation: string | null;
}

export interface SeedSummary {
  companies: number;
  funds: number;
  researchCentres: number;
  technologyOffers: number;
  logins: DemoLogin[];
}

/** Shared by every demo account; printed by `npm run demo`. Demo data only, never a production secret. */
export const DEMO_PASSWORD = 'demo-hub-match-2026';

/**
 * Seeds the demo ecosystem in one transaction. Idempotent: profiles are keyed by externalId and demo accounts by
 * e-mail, so running it twice leaves one copy of everything.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly companies: CompaniesService,
    private readonly funds: FundsService,
    private readonly researchCentres: ResearchCentresService,
  ) {}

  async seed(): Promise<SeedSummary> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      const centreIds = new Map<string, string>();
      let offers = 0;
      for (const { offers: centreOffers, ...centre } of DEMO_RESEARCH_CENTRES) {
        const id = await this.ensure(manager, ResearchCentreEntity, this.researchCentres, centre);
        centreIds.set(centre.externalId, id);
        for (const offer of centreOffers) {
          const existing = await manager.findOne(TechnologyOfferEntity, { where: { researchCentreId: id, externalId: offer.externalId } });
          if (!existing) await manager.insert(TechnologyOfferEntity, { ...offer, researchCentreId: id, version: 1 });
          offers += 1;
        }
      }
      const companyIds = new Map<string, string>();
      for (const company of DEMO_COMPANIES) companyIds.set(company.externalId, await this.ensure(manager, CompanyEntity, this.companies, company));
      const fundIds = new Map<string, string>();
      for (const fund of DEMO_FUNDS) fundIds.set(fund.externalId, await this.ensure(manager, FundEntity, this.funds, fund));

      const firstCentre = DEMO_RESEARCH_CENTRES[0];
      const firstCompany = DEMO_COMPANIES[0];
      const firstFund = DEMO_FUNDS[0];
      const logins: Array<DemoLogin & { organisationId: string | null }> = [
        { email: 'staff@demo.hubmatch.test', password: DEMO_PASSWORD, role: 'staff', organisation: null, organisationId: null },
        { email: 'founder@demo.hubmatch.test', password: DEMO_PASSWORD, role: 'company', organisation: firstCompany.name, organisationId: companyIds.get(firstCompany.externalId) ?? null },
        { email: 'investor@demo.hubmatch.test', password: DEMO_PASSWORD, role: 'investor', organisation: firstFund.name, organisationId: fundIds.get(firstFund.externalId) ?? null },
        { email: 'tto@demo.hubmatch.test', password: DEMO_PASSWORD, role: 'research_centre', organisation: firstCentre.name, organisationId: centreIds.get(firstCentre.externalId) ?? null },
      ];
      for (const login of logins) {
        const [user]: Array<{ id: string }> = await manager.query(
          `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3)
           ON CONFLICT ON CONSTRAINT uq_users_email DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role
           RETURNING id`,
          [login.email, passwordHash, login.role],
        );
        if (login.organisationId) {
          await manager.createQueryBuilder().insert().into(MembershipEntity).values({ organisationId: login.organisationId, userId: user.id }).orIgnore().execute();
        }
      }
      this.logger.log(`demo ecosystem seeded: ${companyIds.size} companies, ${fundIds.size} funds, ${centreIds.size} research centres, ${offers} offers`);
      return {
        companies: companyIds.size,
        funds: fundIds.size,
        researchCentres: centreIds.size,
        technologyOffers: offers,
        logins: logins.map(({ organisationId: _id, ...login }) => login),
      };
    });
  }

  /** Returns the id of the profile with this externalId, creating it (organisation included) if absent. */
  private async ensure<E extends ObjectLiteral & { id: string; version: number; name: string }>(
    manager: EntityManager,
    entity: new () => E,
    store: ProfileStore<E, unknown>,
    data: { externalId: string },
  ): Promise<string> {
    const existing = await manager.findOne(entity, { where: { externalId: data.externalId } as never });
    if (existing) return existing.id;
    // The brochure's organisations are public already: the demo shows them as having consented.
    const created = await store.insert(manager, { ...(data as unknown as Partial<E>), visibilityConsent: true });
    return created.id;
  }
}
