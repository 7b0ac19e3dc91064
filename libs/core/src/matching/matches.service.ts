import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, FEEDBACK_FACTORS, fromContributions, readerOfType, reasonsFor, taxonomy, type TaxonomyDimension, type DeclineReason, type MatchArea, type OrganisationType, type ReasonViewer } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { preparedQuery } from '../database/prepared-query';
import { OrganisationAccess } from '../profiles/organisation-access';
import type { ListMatchesQueryDto, MatchReviewFilter } from './dto/list-matches-query.dto';
import type { MatchCounterpart, MatchPage, MatchReviewDecision, MatchView } from './match.view';

/** A match with its parties' public fields: a list reads only the counterparts' (see LISTED_PARTIES). */
interface MatchRow {
  id: string;
  area: MatchArea;
  company_id: string;
  fund_id: string | null;
  research_centre_id: string | null;
  technology_offer_id: string | null;
  score: number;
  contributions: number[];
  config_version: number;
  computed_at: Date;
  company_name?: string;
  company_pitch?: string | null;
  fund_name?: string | null;
  fund_thesis?: string | null;
  centre_name?: string | null;
  centre_description?: string | null;
  offer_title?: string | null;
  review_decision: MatchReviewDecision | null;
  review_reason: DeclineReason | null;
  reviewed_at: Date | null;
}

const OWN_COLUMN: Record<OrganisationType, 'company_id' | 'fund_id' | 'research_centre_id'> = {
  company: 'company_id',
  fund: 'fund_id',
  research_centre: 'research_centre_id',
};

/** The counterpart organisation of a match row, seen from organisation `viewer` (a SQL expression). */
export const COUNTERPART_OF = (viewer: string) => `CASE WHEN m.company_id = ${viewer} THEN coalesce(m.fund_id, m.research_centre_id) ELSE m.company_id END`;

/**
 * The same, in a list of an organisation of this type: its own column is fixed, so the counterpart is one known
 * column. A plain column (not COUNTERPART_OF's CASE) lets the planner look the review up by key.
 */
const LISTED_COUNTERPART: Record<OrganisationType, string> = {
  company: 'coalesce(m.fund_id, m.research_centre_id)',
  fund: 'm.company_id',
  research_centre: 'm.company_id',
};

/** Each party's public fields as the row's columns, and the join that reads them. */
const PARTIES = {
  company: { join: 'JOIN companies c ON c.id = m.company_id', columns: 'c.name AS company_name, c.pitch AS company_pitch' },
  fund: { join: 'LEFT JOIN funds f ON f.id = m.fund_id', columns: 'f.name AS fund_name, f.thesis AS fund_thesis' },
  research_centre: {
    join: 'LEFT JOIN research_centres r ON r.id = m.research_centre_id',
    columns: 'r.name AS centre_name, r.description AS centre_description',
  },
  technology_offer: { join: 'LEFT JOIN technology_offers o ON o.id = m.technology_offer_id', columns: 'o.title AS offer_title' },
} as const;
type Party = keyof typeof PARTIES;

/**
 * The parties a list shows, by the lister's type: its counterparts and the offer, never itself. Each join left out
 * also leaves the planner fewer join orders to weigh: with all four and the review, planning a page cost more than
 * running it (measured: docs/performance.md).
 */
const LISTED_PARTIES: Record<OrganisationType, Party[]> = {
  company: ['fund', 'research_centre', 'technology_offer'],
  fund: ['company'],
  research_centre: ['company', 'technology_offer'],
};

/** Matches (`from` names them m) with the parties' public fields and the review of organisation $1; `extra`: more columns. */
const selectMatches = (from: string, parties: readonly Party[], counterpart: string, extra = '') => `
  SELECT ${extra}m.id, m.area, m.company_id, m.fund_id, m.research_centre_id, m.technology_offer_id, m.score, m.contributions,
         m.config_version, m.computed_at, ${parties.map((p) => `${PARTIES[p].columns}, `).join('')}
         mr.decision AS review_decision, mr.reason AS review_reason, mr.updated_at AS reviewed_at
    FROM ${from}
    ${parties.map((p) => PARTIES[p].join).join('\n    ')}
    LEFT JOIN match_reviews mr ON mr.organisation_id = $1 AND mr.area = m.area AND mr.counterpart_id = ${counterpart}`;

/** Any match with every party (none's review for staff reading one match). */
const SELECT_MATCH = selectMatches('matches m', ['company', 'fund', 'research_centre', 'technology_offer'], COUNTERPART_OF('$1'));

/** A counterpart's facet filters, given as the placeholders of those set: the others are left out. */
interface FacetFilters {
  sectors?: string;
  therapeuticAreas?: string;
  modalities?: string;
  stage?: string;
}

/** The facet filters on the counterpart's profile in `table`; `stage` tests it against placeholder p. */
const facetsOf = (table: string, id: string, stage: (p: string) => string, filters: FacetFilters) => {
  const tests = [`x.id = ${id}`];
  if (filters.sectors) tests.push(`x.sectors && ${filters.sectors}`);
  if (filters.therapeuticAreas) tests.push(`x.therapeutic_areas && ${filters.therapeuticAreas}`);
  if (filters.modalities) tests.push(`x.modalities && ${filters.modalities}`);
  if (filters.stage) tests.push(stage(filters.stage));
  return `EXISTS (SELECT 1 FROM ${table} x WHERE ${tests.join(' AND ')})`;
};
const companyFacets = (filters: FacetFilters) => facetsOf('companies', 'm.company_id', (p) => `x.stage = ${p}`, filters);
const COUNTERPART_FILTERS: Record<OrganisationType, (filters: FacetFilters) => string> = {
  // A company filters its funds (a fund invests at the stage) and technology offers (they have no stage).
  company: (filters) =>
    `(${facetsOf('funds', 'm.fund_id', (p) => `${p} = ANY(x.stages)`, filters)} OR ${facetsOf('technology_offers', 'm.technology_offer_id', () => 'false', filters)})`,
  fund: companyFacets,
  research_centre: companyFacets,
};

/**
 * Which reviews a list shows (by default, every match the organisation has not declined), as a test on the
 * organisation's review of m (`review`: a query for it). A semi- or anti-join, not the outer join the page's rows
 * read their review with: the planner can then read the organisation's few reviews once for all its matches.
 */
const REVIEW_FILTERS: Record<MatchReviewFilter, ((review: string) => string) | null> = {
  open: (review) => `NOT EXISTS (${review} AND mr.decision = 'declined')`,
  unreviewed: (review) => `NOT EXISTS (${review})`,
  shortlisted: (review) => `EXISTS (${review} AND mr.decision = 'shortlisted')`,
  declined: (review) => `EXISTS (${review} AND mr.decision = 'declined')`,
  all: null,
};

const FEEDBACK_FACTOR_NAMES = new Set<string>(Object.values(FEEDBACK_FACTORS).map((f) => f.factor));

/** Absent (a party the query did not read) reads as null. */
const cut = (text: string | null | undefined) => (text && text.length > 280 ? `${text.slice(0, 279)}…` : (text ?? null));

/** Ranked matches as their parties (and staff) read them. */
@Injectable()
export class MatchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The caller's organisation's matches, best first; staff name the organisation. One statement: the page's ids
   * and the total (a window count over the filtered matches) first, then the parties and reviews of the page's
   * rows only. Prepared (see preparedQuery): the SQL varies only with the type, the area and the filters given.
   */
  async list(principal: Principal, query: ListMatchesQueryDto): Promise<MatchPage> {
    const organisationId = OrganisationAccess.listedOrganisation(principal, query.organisationId, 'matches');
    const [organisation] = await preparedQuery<{ type: OrganisationType }>(this.dataSource, `SELECT type FROM organisations WHERE id = $1`, [organisationId]);
    if (!organisation) throw AppError.notFound('organisation', organisationId);
    const type = organisation.type;
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const params: unknown[] = [organisationId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const counterpart = LISTED_COUNTERPART[type];
    const tests = [`m.${OWN_COLUMN[type]} = $1`];
    if (query.area) tests.push(`m.area = ${param(query.area)}`);
    const review = REVIEW_FILTERS[query.review ?? 'open'];
    if (review) tests.push(review(`SELECT 1 FROM match_reviews mr WHERE mr.organisation_id = $1 AND mr.area = m.area AND mr.counterpart_id = ${counterpart}`));
    // A taxonomy filter matches the code and its children, on the counterpart's profile. Without any, the test is
    // left out: every match has its counterpart (foreign keys), so it could only cost a lookup per match.
    const codes = (dimension: TaxonomyDimension, code: string | undefined) => (code ? param([code, ...taxonomy.descendants(dimension, code)]) : undefined);
    const facets: FacetFilters = {
      sectors: codes('sectors', query.sector),
      therapeuticAreas: codes('therapeuticAreas', query.therapeuticArea),
      modalities: codes('modalities', query.modality),
      stage: query.stage ? param(query.stage) : undefined,
    };
    if (Object.values(facets).some((p) => p !== undefined)) tests.push(COUNTERPART_FILTERS[type](facets));
    const where = `WHERE ${tests.join(' AND ')}`;
    const whereParams = [...params];
    const page = `(SELECT m.id, m.score, count(*) OVER ()::int AS total FROM matches m ${where}
                    ORDER BY m.score DESC, m.id LIMIT ${param(limit)} OFFSET ${param(offset)}) p JOIN matches m ON m.id = p.id`;
    const rows = await preparedQuery<MatchRow & { total: number }>(
      this.dataSource,
      `${selectMatches(page, LISTED_PARTIES[type], counterpart, 'p.total, ')} ORDER BY p.score DESC, p.id`,
      params,
    );
    // A page past the end has no row to carry the total: only then is it counted on its own.
    const total =
      rows.length > 0 || offset === 0
        ? (rows[0]?.total ?? 0)
        : (await preparedQuery<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM matches m ${where}`, whereParams))[0].total;
    const reader = OrganisationAccess.isStaff(principal) ? 'staff' : readerOfType(type);
    return { items: rows.map((row) => this.view(row, type, false, reader)), total, limit, offset };
  }

  /** One match with every factor of its explanation; parties and staff only (404 for anyone else). */
  async get(principal: Principal, id: string): Promise<MatchView> {
    const [row]: MatchRow[] = await this.dataSource.query(`${SELECT_MATCH} WHERE m.id = $2`, [principal.organisationId, id]);
    const parties: Array<[OrganisationType, string | null]> = row
      ? [
          ['company', row.company_id],
          ['fund', row.fund_id],
          ['research_centre', row.research_centre_id],
        ]
      : [];
    const own = parties.find(([, partyId]) => partyId !== null && partyId === principal.organisationId);
    if (!row || (!own && !OrganisationAccess.isStaff(principal))) throw AppError.notFound('match', id);
    // Staff read a match from the company's side.
    return this.view(row, own ? own[0] : 'company', true, own ? readerOfType(own[0]) : 'staff');
  }

  /** `viewer`: whose side the counterpart is shown from; `reader`: whose feedback the reasons may show. */
  private view(row: MatchRow, viewer: OrganisationType, allFactors: boolean, reader: ReasonViewer): MatchView {
    const reasons = allFactors
      ? reasonsFor(row.area, row.contributions, reader).filter((r) => !FEEDBACK_FACTOR_NAMES.has(r.factor) || r.contribution !== 0)
      : fromContributions(row.area, row.contributions, reader);
    const view: MatchView = {
      id: row.id,
      area: row.area,
      score: Math.round(row.score * 10) / 10,
      reasons: allFactors ? reasons.sort((a, b) => b.contribution - a.contribution) : reasons,
      counterpart: this.counterpart(row, viewer),
      configVersion: row.config_version,
      computedAt: new Date(row.computed_at).toISOString(),
      review: row.review_decision ? { decision: row.review_decision, reason: row.review_reason, reviewedAt: new Date(row.reviewed_at as Date).toISOString() } : null,
    };
    if (row.technology_offer_id) {
      view.technologyOfferId = row.technology_offer_id;
      view.technologyOfferTitle = row.offer_title ?? undefined;
    }
    return view;
  }

  private counterpart(row: MatchRow, viewer: OrganisationType): MatchCounterpart {
    if (viewer !== 'company') return { type: 'company', id: row.company_id, name: row.company_name ?? '', pitch: cut(row.company_pitch) };
    if (row.fund_id) return { type: 'fund', id: row.fund_id, name: row.fund_name ?? '', pitch: cut(row.fund_thesis) };
    return { type: 'research_centre', id: row.research_centre_id as string, name: row.centre_name ?? '', pitch: cut(row.centre_description) };
  }
}
