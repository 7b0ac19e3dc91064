import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, FEEDBACK_FACTORS, fromContributions, readerOfType, reasonsFor, taxonomy, type TaxonomyDimension, type DeclineReason, type MatchArea, type OrganisationType, type ReasonViewer } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import type { ListMatchesQueryDto, MatchReviewFilter } from './dto/list-matches-query.dto';
import type { MatchCounterpart, MatchPage, MatchReviewDecision, MatchView } from './match.view';

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
  company_name: string;
  company_pitch: string | null;
  fund_name: string | null;
  fund_thesis: string | null;
  centre_name: string | null;
  centre_description: string | null;
  offer_title: string | null;
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

/** Matches with their parties' public fields and the review of organisation $1 (none for staff reading one match). */
const SELECT_MATCHES = `
  SELECT m.id, m.area, m.company_id, m.fund_id, m.research_centre_id, m.technology_offer_id, m.score, m.contributions,
         m.config_version, m.computed_at, c.name AS company_name, c.pitch AS company_pitch, f.name AS fund_name,
         f.thesis AS fund_thesis, r.name AS centre_name, r.description AS centre_description, o.title AS offer_title,
         mr.decision AS review_decision, mr.reason AS review_reason, mr.updated_at AS reviewed_at
    FROM matches m
    JOIN companies c ON c.id = m.company_id
    LEFT JOIN funds f ON f.id = m.fund_id
    LEFT JOIN research_centres r ON r.id = m.research_centre_id
    LEFT JOIN technology_offers o ON o.id = m.technology_offer_id
    LEFT JOIN match_reviews mr ON mr.organisation_id = $1 AND mr.area = m.area AND mr.counterpart_id = ${COUNTERPART_OF('$1')}`;

/** The facet filters ($3 sectors, $4 therapeutic areas, $5 modalities, $6 stage) on the counterpart's profile. */
const facetsOf = (table: string, id: string, stage: string) => `EXISTS (SELECT 1 FROM ${table} x WHERE x.id = ${id}
   AND ($3::text[] IS NULL OR x.sectors && $3) AND ($4::text[] IS NULL OR x.therapeutic_areas && $4)
   AND ($5::text[] IS NULL OR x.modalities && $5) AND ($6::text IS NULL OR ${stage}))`;
const COMPANY_FACETS = facetsOf('companies', 'm.company_id', 'x.stage = $6');
const COUNTERPART_FILTERS: Record<OrganisationType, string> = {
  // A company filters its funds (a fund invests at the stage) and technology offers (they have no stage).
  company: `(${facetsOf('funds', 'm.fund_id', '$6 = ANY(x.stages)')} OR ${facetsOf('technology_offers', 'm.technology_offer_id', 'false')})`,
  fund: COMPANY_FACETS,
  research_centre: COMPANY_FACETS,
};

/** Which reviews a list shows: by default, every match the organisation has not declined. */
const REVIEW_FILTERS: Record<MatchReviewFilter, string> = {
  open: "mr.decision IS DISTINCT FROM 'declined'",
  unreviewed: 'mr.decision IS NULL',
  shortlisted: "mr.decision = 'shortlisted'",
  declined: "mr.decision = 'declined'",
  all: 'true',
};

const FEEDBACK_FACTOR_NAMES = new Set<string>(Object.values(FEEDBACK_FACTORS).map((f) => f.factor));

const cut = (text: string | null) => (text && text.length > 280 ? `${text.slice(0, 279)}…` : text);

/** Ranked matches as their parties (and staff) read them. */
@Injectable()
export class MatchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's organisation's matches, best first; staff name the organisation. */
  async list(principal: Principal, query: ListMatchesQueryDto): Promise<MatchPage> {
    const organisationId = OrganisationAccess.listedOrganisation(principal, query.organisationId, 'matches');
    const [organisation] = await this.dataSource.query(`SELECT type FROM organisations WHERE id = $1`, [organisationId]);
    if (!organisation) throw AppError.notFound('organisation', organisationId);
    const type = organisation.type as OrganisationType;
    const column = OWN_COLUMN[type];
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    // A taxonomy filter matches the code and its children, on the counterpart's profile.
    const codes = (dimension: TaxonomyDimension, code: string | undefined) => (code ? [code, ...taxonomy.descendants(dimension, code)] : null);
    const params: unknown[] = [
      organisationId,
      query.area ?? null,
      codes('sectors', query.sector),
      codes('therapeuticAreas', query.therapeuticArea),
      codes('modalities', query.modality),
      query.stage ?? null,
      limit,
      offset,
    ];
    const where = `WHERE m.${column} = $1 AND ($2::text IS NULL OR m.area = $2) AND ${REVIEW_FILTERS[query.review ?? 'open']} AND ${COUNTERPART_FILTERS[type]}`;
    const reviews = `LEFT JOIN match_reviews mr ON mr.organisation_id = $1 AND mr.area = m.area AND mr.counterpart_id = ${COUNTERPART_OF('$1')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT_MATCHES} ${where} ORDER BY m.score DESC, m.id LIMIT $7 OFFSET $8`, params) as Promise<MatchRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM matches m ${reviews} ${where}`, params.slice(0, 6)),
    ]);
    const reader = OrganisationAccess.isStaff(principal) ? 'staff' : readerOfType(type);
    return { items: rows.map((row) => this.view(row, type, false, reader)), total, limit, offset };
  }

  /** One match with every factor of its explanation; parties and staff only (404 for anyone else). */
  async get(principal: Principal, id: string): Promise<MatchView> {
    const [row]: MatchRow[] = await this.dataSource.query(`${SELECT_MATCHES} WHERE m.id = $2`, [principal.organisationId, id]);
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
    if (viewer !== 'company') return { type: 'company', id: row.company_id, name: row.company_name, pitch: cut(row.company_pitch) };
    if (row.fund_id) return { type: 'fund', id: row.fund_id, name: row.fund_name ?? '', pitch: cut(row.fund_thesis) };
    return { type: 'research_centre', id: row.research_centre_id as string, name: row.centre_name ?? '', pitch: cut(row.centre_description) };
  }
}
