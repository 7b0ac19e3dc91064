import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, FACTORS_OF_AREA, fromContributions, type MatchArea, type OrganisationType } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import type { ListMatchesQueryDto } from './dto/list-matches-query.dto';
import type { MatchCounterpart, MatchPage, MatchView } from './match.view';

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
}

const OWN_COLUMN: Record<OrganisationType, 'company_id' | 'fund_id' | 'research_centre_id'> = {
  company: 'company_id',
  fund: 'fund_id',
  research_centre: 'research_centre_id',
};

const SELECT_MATCHES = `
  SELECT m.id, m.area, m.company_id, m.fund_id, m.research_centre_id, m.technology_offer_id, m.score, m.contributions,
         m.config_version, m.computed_at, c.name AS company_name, c.pitch AS company_pitch, f.name AS fund_name,
         f.thesis AS fund_thesis, r.name AS centre_name, r.description AS centre_description, o.title AS offer_title
    FROM matches m
    JOIN companies c ON c.id = m.company_id
    LEFT JOIN funds f ON f.id = m.fund_id
    LEFT JOIN research_centres r ON r.id = m.research_centre_id
    LEFT JOIN technology_offers o ON o.id = m.technology_offer_id`;

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
    const params: unknown[] = [organisationId, query.area ?? null, limit, offset];
    const where = `WHERE m.${column} = $1 AND ($2::text IS NULL OR m.area = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT_MATCHES} ${where} ORDER BY m.score DESC, m.id LIMIT $3 OFFSET $4`, params) as Promise<MatchRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM matches m ${where}`, params.slice(0, 2)),
    ]);
    return { items: rows.map((row) => this.view(row, type, false)), total, limit, offset };
  }

  /** One match with every factor of its explanation; parties and staff only (404 for anyone else). */
  async get(principal: Principal, id: string): Promise<MatchView> {
    const [row]: MatchRow[] = await this.dataSource.query(`${SELECT_MATCHES} WHERE m.id = $1`, [id]);
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
    return this.view(row, own ? own[0] : 'company', true);
  }

  private view(row: MatchRow, viewer: OrganisationType, allFactors: boolean): MatchView {
    const reasons = allFactors
      ? FACTORS_OF_AREA[row.area].map((f, i) => ({ factor: f.factor, label: f.label, contribution: Math.round((row.contributions[i] ?? 0) * 10) / 10 }))
      : fromContributions(row.area, row.contributions);
    const view: MatchView = {
      id: row.id,
      area: row.area,
      score: Math.round(row.score * 10) / 10,
      reasons: allFactors ? reasons.sort((a, b) => b.contribution - a.contribution) : reasons,
      counterpart: this.counterpart(row, viewer),
      configVersion: row.config_version,
      computedAt: new Date(row.computed_at).toISOString(),
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
