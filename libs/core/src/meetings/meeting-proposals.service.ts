import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, fromContributions, readerOfType, type MatchArea, type OrganisationType } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import { EnvData } from '../config/env-data';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';
import type { ListMeetingProposalsQueryDto } from './dto/list-meeting-proposals-query.dto';
import type { MeetingProposalDecision, MeetingProposalPage, MeetingProposalStatus, MeetingProposalView } from './meeting-proposal.view';

interface ProposalRow {
  id: string;
  run_id: string;
  area: MatchArea;
  company_id: string;
  counterpart_id: string;
  match_id: string | null;
  technology_offer_id: string | null;
  score: number;
  contributions: number[];
  company_decision: MeetingProposalDecision | null;
  company_decided_by: string | null;
  counterpart_decision: MeetingProposalDecision | null;
  counterpart_decided_by: string | null;
  status: MeetingProposalStatus;
  request_id: string | null;
  event_id: string | null;
  created_at: Date;
}

interface ListedRow extends ProposalRow {
  company_name: string;
  counterpart_type: OrganisationType;
  counterpart_name: string;
  offer_title: string | null;
}

type Side = 'company' | 'counterpart';

/** Reasons shown with a proposal: the strongest few, as the issue asks for "top reasons". */
const TOP_REASONS = 3;

const SELECT_PROPOSALS = `
  SELECT p.*, c.name AS company_name, o.type AS counterpart_type, coalesce(f.name, r.name) AS counterpart_name, t.title AS offer_title
    FROM meeting_proposals p
    JOIN companies c ON c.id = p.company_id
    JOIN organisations o ON o.id = p.counterpart_id
    LEFT JOIN funds f ON f.id = p.counterpart_id
    LEFT JOIN research_centres r ON r.id = p.counterpart_id
    LEFT JOIN technology_offers t ON t.id = p.technology_offer_id`;

/**
 * Meetings the platform proposed, as their two organisations see and answer them: each side confirms or dismisses
 * once; both confirmations make an accepted meeting request, in the same transaction; a dismissal closes the
 * proposal for both, and the other side is never told who dismissed it (a dismissed proposal simply leaves its
 * lists). Anyone but the two organisations (and staff, read-only) gets a 404.
 */
@Injectable()
export class MeetingProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: EnvData,
  ) {}

  async list(principal: Principal, query: ListMeetingProposalsQueryDto): Promise<MeetingProposalPage> {
    const organisationId = OrganisationAccess.listedOrganisation(principal, query.organisationId, 'meeting proposals');
    const staff = OrganisationAccess.isStaff(principal);
    if (staff) {
      const [organisation] = await this.dataSource.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
      if (!organisation) throw AppError.notFound('organisation', organisationId);
    }
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const statuses: MeetingProposalStatus[] = query.status ? [query.status] : ['open', 'accepted'];
    // A dismissed proposal stays visible only to the side that dismissed it (and staff).
    const where = `WHERE (p.company_id = $1 OR p.counterpart_id = $1) AND p.status = ANY($2::text[])
      AND (p.status <> 'dismissed' OR $3::boolean
           OR (p.company_id = $1 AND p.company_decision = 'dismissed') OR (p.counterpart_id = $1 AND p.counterpart_decision = 'dismissed'))`;
    const params = [organisationId, statuses, staff];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT_PROPOSALS} ${where} ORDER BY p.created_at DESC, p.score DESC, p.id LIMIT $4 OFFSET $5`, [...params, limit, offset]) as Promise<ListedRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM meeting_proposals p ${where}`, params),
    ]);
    return { items: rows.map((row) => this.toView(row, organisationId, staff)), total, limit, offset };
  }

  confirm(principal: Principal, id: string): Promise<MeetingProposalView> {
    return this.decide(principal, id, 'confirmed');
  }

  dismiss(principal: Principal, id: string): Promise<MeetingProposalView> {
    return this.decide(principal, id, 'dismissed');
  }

  /** One decision per side, under a row lock so two confirmations at once make one request. */
  private async decide(principal: Principal, id: string, decision: MeetingProposalDecision): Promise<MeetingProposalView> {
    const organisationId = OrganisationAccess.ownOrganisation(principal, 'confirm or dismiss meeting proposals');
    await this.dataSource.transaction(async (manager) => {
      const [row]: ProposalRow[] = await manager.query(`SELECT * FROM meeting_proposals WHERE id = $1 FOR UPDATE`, [id]);
      const side: Side | null = !row ? null : row.company_id === organisationId ? 'company' : row.counterpart_id === organisationId ? 'counterpart' : null;
      if (!row || !side) throw AppError.notFound('meeting proposal', id);
      const own = side === 'company' ? row.company_decision : row.counterpart_decision;
      // The same answer again (a retried call) changes nothing — but a side that confirmed a proposal the other
      // dismissed is told only that it is closed.
      if (own === decision && (row.status !== 'dismissed' || own === 'dismissed')) return;
      if (row.status !== 'open') throw new AppError(ErrorCode.ProposalClosed, 'this meeting proposal is closed; it can no longer be confirmed or dismissed');
      if (own !== null) throw new AppError(ErrorCode.ProposalDecided, `this organisation already ${own} this meeting proposal; a side answers once`);

      const other = side === 'company' ? row.counterpart_decision : row.company_decision;
      // Decision and status change in one statement: the table's check holds them consistent at every row write.
      const status: MeetingProposalStatus = decision === 'dismissed' ? 'dismissed' : other === 'confirmed' ? 'accepted' : 'open';
      const meeting = status === 'accepted' ? await this.accept(manager, principal, row, side) : null;
      const requestId = meeting?.requestId ?? null;
      await manager.query(
        `UPDATE meeting_proposals SET ${side}_decision = $2, ${side}_decided_by = $3, ${side}_decided_at = now(), status = $4, request_id = $5,
                closed_at = CASE WHEN $4 = 'open' THEN NULL ELSE now() END
          WHERE id = $1`,
        [id, decision, principal.userId, status, requestId],
      );
      await recordAudit(manager, { actorUserId: principal.userId, organisationId, action: `meeting_proposal.${decision}`, subjectType: 'meeting_proposal', subjectId: id });
      if (meeting?.newlyAccepted) await this.announceAccepted(manager, principal, row, side, meeting.requestId);
    });
    return this.view(organisationId, id);
  }

  /**
   * Both sides confirmed: the meeting request the proposal becomes — from the side that confirmed first (it asked
   * first) to the side whose confirmation completes it. A request the pair made meanwhile is used instead of a
   * second one: a pending one is accepted by this confirmation, an accepted one is simply linked.
   */
  private async accept(manager: EntityManager, principal: Principal, row: ProposalRow, side: Side): Promise<{ requestId: string; newlyAccepted: boolean }> {
    const [self, first] = side === 'company' ? [row.company_id, row.counterpart_id] : [row.counterpart_id, row.company_id];
    const firstUser = side === 'company' ? row.counterpart_decided_by : row.company_decided_by;
    const [existing]: Array<{ id: string; status: 'pending' | 'accepted' }> = await manager.query(
      `SELECT id, status FROM meeting_requests
        WHERE area = $1 AND ((from_organisation_id = $2 AND to_organisation_id = $3) OR (from_organisation_id = $3 AND to_organisation_id = $2))
          AND (status = 'accepted' OR (status = 'pending' AND expires_at > now()))
        ORDER BY status = 'accepted' DESC, created_at LIMIT 1 FOR UPDATE`,
      [row.area, first, self],
    );
    if (existing?.status === 'accepted') return { requestId: existing.id, newlyAccepted: false };
    if (existing) {
      await manager.query(`UPDATE meeting_requests SET status = 'accepted', decided_by = $2, decided_at = now() WHERE id = $1`, [existing.id, principal.userId]);
      return { requestId: existing.id, newlyAccepted: true };
    }
    const [created] = await manager.query(
      `INSERT INTO meeting_requests (area, from_organisation_id, to_organisation_id, match_id, technology_offer_id, status, score, contributions, created_by, decided_by, decided_at, expires_at, event_id)
       VALUES ($1, $2, $3, $4, $5, 'accepted', $6, $7, $8, $9, now(), now() + make_interval(secs => $10), $11)
       RETURNING id`,
      [row.area, first, self, row.match_id, row.technology_offer_id, row.score, row.contributions, firstUser, principal.userId, this.env.meetingRequests.ttlDays * 86_400, row.event_id],
    );
    return { requestId: created.id, newlyAccepted: true };
  }

  /** The request's acceptance, audited and announced (notifications), committed with the decision or not at all. */
  private async announceAccepted(manager: EntityManager, principal: Principal, row: ProposalRow, side: Side, requestId: string): Promise<void> {
    const self = side === 'company' ? row.company_id : row.counterpart_id;
    await recordAudit(manager, {
      actorUserId: principal.userId,
      organisationId: self,
      action: 'meeting_request.accepted',
      subjectType: 'meeting_request',
      subjectId: requestId,
      details: { proposalId: row.id },
    });
    await addToOutbox(manager, { topic: 'meeting_request.accepted', aggregateType: 'meeting_request', aggregateId: requestId, organisationId: self });
  }

  private async view(organisationId: string, id: string): Promise<MeetingProposalView> {
    const [row]: ListedRow[] = await this.dataSource.query(`${SELECT_PROPOSALS} WHERE p.id = $1`, [id]);
    if (!row) throw AppError.notFound('meeting proposal', id);
    return this.toView(row, organisationId, false);
  }

  /** From one organisation's side: the other party, and its own decision only (staff see both). */
  private toView(row: ListedRow, viewer: string, staff: boolean): MeetingProposalView {
    const asCompany = row.company_id === viewer;
    const view: MeetingProposalView = {
      id: row.id,
      area: row.area,
      status: row.status,
      counterpart: asCompany ? { type: row.counterpart_type, id: row.counterpart_id, name: row.counterpart_name } : { type: 'company', id: row.company_id, name: row.company_name },
      score: Math.round(row.score * 10) / 10,
      // Each side sees only its own decisions' feedback among the reasons (staff see both).
      reasons: fromContributions(row.area, row.contributions, staff ? 'staff' : readerOfType(asCompany ? 'company' : row.counterpart_type)).slice(0, TOP_REASONS),
      matchId: row.match_id,
      technologyOfferId: row.technology_offer_id,
      technologyOfferTitle: row.offer_title,
      decision: asCompany ? row.company_decision : row.counterpart_decision,
      requestId: row.request_id,
      runId: row.run_id,
      createdAt: new Date(row.created_at).toISOString(),
    };
    if (staff) view.counterpartDecision = asCompany ? row.counterpart_decision : row.company_decision;
    return view;
  }
}
