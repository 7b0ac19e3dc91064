import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ScoringSpace,
  type CompanyInput,
  type CompiledCompany,
  type CompiledFund,
  type CompiledOffer,
  type FundInput,
  type OfferInput,
} from '@hub/domain';
import { Visibility } from '../profiles/visibility';

interface CompanyRow {
  id: string;
  version: number;
  kind: CompanyInput['kind'];
  country: string;
  stage: CompanyInput['stage'];
  trl: number | null;
  funding_sought_eur: string | null;
  looking_for: CompanyInput['lookingFor'];
  pitch: string | null;
  description: string | null;
  technology_needs: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
}

interface FundRow {
  id: string;
  version: number;
  active: boolean;
  stages: FundInput['stages'];
  ticket_min_eur: string | null;
  ticket_max_eur: string | null;
  geographies: string[];
  manager: string | null;
  thesis: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
}

interface OfferRow {
  id: string;
  version: number;
  research_centre_id: string;
  trl: number | null;
  collaboration_types: OfferInput['collaborationTypes'];
  title: string;
  description: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
}

const COMPANY_COLUMNS = `id, version, kind, country, stage, trl, funding_sought_eur, looking_for, pitch, description, technology_needs, sectors, therapeutic_areas, modalities`;
const FUND_COLUMNS = `id, version, active, stages, ticket_min_eur, ticket_max_eur, geographies, manager, thesis, sectors, therapeutic_areas, modalities`;
const OFFER_COLUMNS = `id, version, research_centre_id, trl, collaboration_types, title, description, sectors, therapeutic_areas, modalities`;

const text = (...parts: Array<string | null>) => parts.filter((p): p is string => !!p).join('\n');

function companyInput(r: CompanyRow): CompanyInput {
  return {
    id: r.id,
    kind: r.kind,
    country: r.country,
    stage: r.stage,
    trl: r.trl,
    fundingSoughtEur: r.funding_sought_eur === null ? null : Number(r.funding_sought_eur),
    lookingFor: r.looking_for,
    text: text(r.pitch, r.description),
    technologyNeeds: r.technology_needs,
    sectors: r.sectors,
    therapeuticAreas: r.therapeutic_areas,
    modalities: r.modalities,
  };
}

function fundInput(r: FundRow): FundInput {
  return {
    id: r.id,
    active: r.active,
    stages: r.stages,
    ticketMinEur: r.ticket_min_eur === null ? null : Number(r.ticket_min_eur),
    ticketMaxEur: r.ticket_max_eur === null ? null : Number(r.ticket_max_eur),
    geographies: r.geographies,
    text: text(r.manager, r.thesis),
    sectors: r.sectors,
    therapeuticAreas: r.therapeutic_areas,
    modalities: r.modalities,
  };
}

function offerInput(r: OfferRow): OfferInput {
  return {
    id: r.id,
    researchCentreId: r.research_centre_id,
    trl: r.trl,
    collaborationTypes: r.collaboration_types,
    text: text(r.title, r.description),
    sectors: r.sectors,
    therapeuticAreas: r.therapeutic_areas,
    modalities: r.modalities,
  };
}

/**
 * Only organisations that consented to be shown are scored: the others have no matches, on either side. The
 * condition per table, on the column naming the row's organisation.
 */
const CONSENTED = {
  companies: Visibility.consentedSql('companies.id'),
  funds: Visibility.consentedSql('funds.id'),
  technology_offers: Visibility.consentedSql('technology_offers.research_centre_id'),
} as const;

/** Every profile the scorers compare, compiled, in id order (so every pass visits them in the same order). */
export interface CorpusView {
  space: ScoringSpace;
  companies: readonly CompiledCompany[];
  funds: readonly CompiledFund[];
  offers: readonly CompiledOffer[];
  company(id: string): CompiledCompany | undefined;
  fund(id: string): CompiledFund | undefined;
  offer(id: string): CompiledOffer | undefined;
}

/**
 * The worker's in-memory copy of every profile, compiled for scoring. Kept in step with PostgreSQL by version
 * numbers: each sync reloads only the rows that changed (or appeared) and drops the deleted ones, so one edit
 * costs a few small queries, not a full load. Text statistics are fitted on a full load: at start, and at each
 * full rescore (`load(runId)`), so every chunk of one rescore, on any worker, scores with the same statistics.
 */
@Injectable()
export class ScoringCorpus {
  private space: ScoringSpace | null = null;
  private fittedFor: string | null = null;
  // Compiled profiles are kept exactly as compiled: copying them with an extra field (a version) gave the
  // objects another shape and made the scoring kernel 2-5 times slower (measured). Versions live beside them.
  private readonly companies = new Map<string, CompiledCompany>();
  private readonly funds = new Map<string, CompiledFund>();
  private readonly offers = new Map<string, CompiledOffer>();
  private readonly versions = new Map<string, number>();
  private loading: Promise<void> | null = null;
  /** The sorted view, rebuilt only after a change. */
  private cachedView: CorpusView | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Brings the corpus in line with the database (a full load the first time). */
  async sync(): Promise<CorpusView> {
    await this.serialised(() => (this.space ? this.refresh() : this.fullLoad(null)));
    return this.view();
  }

  /** A full load with freshly fitted statistics, once per full-rescore run. */
  async load(runId: string): Promise<CorpusView> {
    await this.serialised(() => (this.fittedFor === runId ? this.refresh() : this.fullLoad(runId)));
    return this.view();
  }

  private async serialised(work: () => Promise<void>): Promise<void> {
    while (this.loading) await this.loading;
    this.loading = work().finally(() => (this.loading = null));
    await this.loading;
  }

  private async fullLoad(runId: string | null): Promise<void> {
    // In id order: the vocabulary's term ids, and so every score, do not depend on the order rows come back in.
    const [companies, funds, offers] = await Promise.all([
      this.dataSource.query(`SELECT ${COMPANY_COLUMNS} FROM companies WHERE ${CONSENTED.companies} ORDER BY id`) as Promise<CompanyRow[]>,
      this.dataSource.query(`SELECT ${FUND_COLUMNS} FROM funds WHERE ${CONSENTED.funds} ORDER BY id`) as Promise<FundRow[]>,
      this.dataSource.query(`SELECT ${OFFER_COLUMNS} FROM technology_offers WHERE ${CONSENTED.technology_offers} ORDER BY id`) as Promise<OfferRow[]>,
    ]);
    const inputs = { companies: companies.map(companyInput), funds: funds.map(fundInput), offers: offers.map(offerInput) };
    const space = new ScoringSpace().fit([
      ...inputs.companies.map((c) => `${c.technologyNeeds ?? ''}\n${c.text}`),
      ...inputs.funds.map((f) => f.text),
      ...inputs.offers.map((o) => o.text),
    ]);
    this.space = space;
    this.fittedFor = runId;
    this.companies.clear();
    this.funds.clear();
    this.offers.clear();
    this.versions.clear();
    companies.forEach((row, i) => this.companies.set(row.id, space.company(inputs.companies[i])));
    funds.forEach((row, i) => this.funds.set(row.id, space.fund(inputs.funds[i])));
    offers.forEach((row, i) => this.offers.set(row.id, space.offer(inputs.offers[i])));
    for (const row of [...companies, ...funds, ...offers]) this.versions.set(row.id, row.version);
    this.cachedView = null;
  }

  private async refresh(): Promise<void> {
    const space = this.space as ScoringSpace;
    await Promise.all([
      this.refreshTable('companies', COMPANY_COLUMNS, this.companies, (row: CompanyRow) => space.company(companyInput(row))),
      this.refreshTable('funds', FUND_COLUMNS, this.funds, (row: FundRow) => space.fund(fundInput(row))),
      this.refreshTable('technology_offers', OFFER_COLUMNS, this.offers, (row: OfferRow) => space.offer(offerInput(row))),
    ]);
  }

  private async refreshTable<R extends { id: string; version: number }, C>(
    table: keyof typeof CONSENTED,
    columns: string,
    cache: Map<string, C>,
    compile: (row: R) => C,
  ): Promise<void> {
    // A profile whose organisation withdrew consent counts as gone (its matches go); one that gave it, as new.
    const versions: Array<{ id: string; version: number }> = await this.dataSource.query(`SELECT id, version FROM ${table} WHERE ${CONSENTED[table]}`);
    const present = new Set<string>();
    const stale: string[] = [];
    for (const { id, version } of versions) {
      present.add(id);
      if (!cache.has(id) || this.versions.get(id) !== version) stale.push(id);
    }
    for (const id of cache.keys()) {
      if (!present.has(id)) {
        cache.delete(id);
        this.versions.delete(id);
        this.cachedView = null;
      }
    }
    if (stale.length === 0) return;
    this.cachedView = null;
    const rows: R[] = await this.dataSource.query(`SELECT ${columns} FROM ${table} WHERE id = ANY($1::uuid[])`, [stale]);
    for (const row of rows) {
      cache.set(row.id, compile(row));
      this.versions.set(row.id, row.version);
    }
  }

  private view(): CorpusView {
    this.cachedView ??= this.buildView();
    return this.cachedView;
  }

  private buildView(): CorpusView {
    const byId = <T extends { id: string }>(map: Map<string, T>) => [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { companies, funds, offers } = this;
    return {
      space: this.space as ScoringSpace,
      companies: byId(this.companies),
      funds: byId(this.funds),
      offers: byId(this.offers),
      company: (id) => companies.get(id),
      fund: (id) => funds.get(id),
      offer: (id) => offers.get(id),
    };
  }
}
