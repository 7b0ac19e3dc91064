import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  canMeet,
  effectiveStatus,
  ErrorCode,
  fromContributions,
  readerOfType,
  type DeclineReason,
  type MatchArea,
  type MeetingRequestStatus,
  type OrganisationType,
} from '@hub/domain';
import type { Principal } from '../auth/principal';
import { EnvData } from '../config/env-data';
import { recordAudit } from '../audit/audit';
import { isUniqueViolation } from '../database/pg-errors';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';
import type { CreateMeetingRequestDto } from './dto/create-meeting-request.dto';
import type { ListMeetingRequestsQueryDto } from './dto/list-meeting-requests-query.dto';
import type { MeetingQuota, MeetingRequestPage, MeetingRequestView } from './meeting-request.view';

interface RequestRow {
  id: string;
  area: MatchArea;
  from_organisation_id: string;
  to_organisation_id: string;
  from_type: OrganisationType;
  to_type: OrganisationType;
  from_name: string;
  to_name: string;
  match_id: string | null;
  technology_offer_id: string | null;
  event_id: string | null;
  message: string | null;
  status: MeetingRequestStatus;
  score: number | null;
  contributions: number[] | null;
  decline_reason: DeclineReason | null;
  created_at: Date;
  expires_at: Date;
  decided_at: Date | null;
}

/** Names of organisations, whatever their type. */
const NAME_OF = (alias: string) =>
  `(SELECT coalesce(c.name, f.name, r.name) FROM organisations o
      LEFT JOIN companies c ON c.id = o.id LEFT JOIN funds f ON f.id = o.id LEFT JOIN research_centres r ON r.id = o.id
     WHERE o.id = ${alias})`;

const SELECT_REQUESTS = `
  SELECT m.*, fo.type AS from_type, tor.type AS to_type,
         ${NAME_OF('m.from_organisation_id')} AS from_name, ${NAME_OF('m.to_organisation_id')} AS to_name
    FROM meeting_requests m
    JOIN organisations fo ON fo.id = m.from_organisation_id
    JOIN organisations tor ON tor.id = m.to_organisation_id`;

type Decision = 'accepted' | 'declined' | 'withdrawn';

/**
 * Meeting requests between organisations: double opt-in (one asks, the other accepts), one pending request per
 * pair and area, a cap on each organisation's open outgoing requests, expiry, and an audit row for every
 * decision — each use case in one transaction. Only the two organisations (and staff) see a request; anyone
 * else gets a 404, as for an id that does not exist.
 */
@Injectable()
export class MeetingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: EnvData,
  ) {}

  async create(principal: Principal, dto: CreateMeetingRequestDto): Promise<{ request: MeetingRequestView; quota: MeetingQuota; eventQuota?: MeetingQuota }> {
    const from = OrganisationAccess.ownOrganisation(principal, 'request a meeting');
    if (dto.matchId !== undefined && dto.toOrganisationId !== undefined) {
      throw AppError.validation([{ field: 'matchId', rule: 'exclusive', message: 'give either matchId or toOrganisationId, not both' }]);
    }
    const { id, quota, eventQuota } = await this.dataSource
      .transaction(async (manager) => {
        // Serialises this organisation's requests, so two at once cannot both pass the quota. NO KEY UPDATE, not UPDATE:
        // a request towards this organisation takes a KEY SHARE lock on it (foreign key), and FOR UPDATE would deadlock
        // two organisations asking each other at once.
        await manager.query(`SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE`, [from]);
        const target = await this.target(manager, from, dto);
        // A request of this pair past its deadline, whose expiry job has not run yet, expires now (as the job would
        // record it), so it no longer blocks the new one.
        const [lapsed]: [Array<{ id: string; from_organisation_id: string }>, number] = await manager.query(
          `UPDATE meeting_requests SET status = 'expired', decided_at = now() WHERE status = 'pending' AND expires_at <= now()
              AND least(from_organisation_id, to_organisation_id) = least($1::uuid, $2::uuid)
              AND greatest(from_organisation_id, to_organisation_id) = greatest($1::uuid, $2::uuid)
           RETURNING id, from_organisation_id`,
          [from, target.organisationId],
        );
        for (const request of lapsed) {
          await this.audit(manager, null, request.from_organisation_id, 'meeting_request.expired', request.id);
          await this.announce(manager, 'meeting_request.expired', request.id, request.from_organisation_id);
        }
        const quota = await this.quotaOf(manager, from);
        if (quota.remaining <= 0) {
          throw new AppError(ErrorCode.QuotaExceeded, `this organisation already has ${quota.used} open meeting requests, the most allowed (${quota.limit}); wait for answers or withdraw one`);
        }
        // For an event: both organisations take part in it, and its own quota and expiry apply too.
        const event = dto.eventId === undefined ? null : await this.eventOf(manager, dto.eventId, from, target.organisationId);
        const eventQuota = event ? await this.eventQuotaOf(manager, from, event) : undefined;
        if (eventQuota && eventQuota.remaining <= 0) {
          throw new AppError(ErrorCode.QuotaExceeded, `this organisation already has ${eventQuota.used} open meeting requests for this event, the most it allows (${eventQuota.limit}); wait for answers or withdraw one`);
        }
        const ttlDays = event?.request_ttl_days ?? this.env.meetingRequests.ttlDays;
        const [row] = await manager.query(
          `INSERT INTO meeting_requests (area, from_organisation_id, to_organisation_id, match_id, technology_offer_id, message, score, contributions, created_by, expires_at, event_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(secs => $10), $11)
           RETURNING id, expires_at`,
          [target.area, from, target.organisationId, target.matchId, target.technologyOfferId, dto.message ?? null, target.score, target.contributions, principal.userId, ttlDays * 86_400, event?.id ?? null],
        );
        await this.audit(manager, principal.userId, from, 'meeting_request.created', row.id, { to: target.organisationId, area: target.area });
        // The expiry job, through the outbox: committed with the request or not at all.
        await addToOutbox(manager, {
          topic: 'meeting_request.created',
          aggregateType: 'meeting_request',
          aggregateId: row.id,
          organisationId: from,
          payload: { expiresAt: new Date(row.expires_at).toISOString(), ...this.reminderOf(new Date(row.expires_at), ttlDays) },
        });
        // The new request is one more open one.
        const plusOne = (q: MeetingQuota) => ({ ...q, used: q.used + 1, remaining: q.remaining - 1 });
        return { id: row.id as string, quota: plusOne(quota), eventQuota: eventQuota && plusOne(eventQuota) };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_meeting_requests_pending')) {
          throw new AppError(ErrorCode.DuplicateRequest, 'a meeting request between these organisations is already pending in this area');
        }
        throw error;
      });
    return { request: await this.view(principal, id), quota, ...(eventQuota ? { eventQuota } : {}) };
  }

  async list(principal: Principal, query: ListMeetingRequestsQueryDto): Promise<MeetingRequestPage> {
    const organisationId = OrganisationAccess.listedOrganisation(principal, query.organisationId, 'meeting requests');
    if (OrganisationAccess.isStaff(principal)) {
      // Staff name the organisation: an unknown one is a 404 (as for matches), not an empty list with a quota.
      const [organisation] = await this.dataSource.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
      if (!organisation) throw AppError.notFound('organisation', organisationId);
    }
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const sides =
      query.direction === 'incoming' ? 'm.to_organisation_id = $1' : query.direction === 'outgoing' ? 'm.from_organisation_id = $1' : '(m.from_organisation_id = $1 OR m.to_organisation_id = $1)';
    // The effective status: a pending request past its expiry is listed as expired.
    const status = `CASE WHEN m.status = 'pending' AND m.expires_at <= now() THEN 'expired' ELSE m.status END`;
    const where = `WHERE ${sides} AND ($2::text IS NULL OR ${status} = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT_REQUESTS} ${where} ORDER BY m.created_at DESC, m.id LIMIT $3 OFFSET $4`, [organisationId, query.status ?? null, limit, offset]) as Promise<RequestRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM meeting_requests m ${where}`, [organisationId, query.status ?? null]),
    ]);
    const viewer = OrganisationAccess.isStaff(principal) ? null : organisationId;
    return { items: rows.map((row) => this.toView(row, viewer)), total, limit, offset, quota: await this.quotaOf(this.dataSource.manager, organisationId) };
  }

  async get(principal: Principal, id: string): Promise<MeetingRequestView> {
    // As on every other route, an account without an organisation is refused whatever the id (staff read any).
    if (!OrganisationAccess.isStaff(principal)) OrganisationAccess.ownOrganisation(principal, 'read meeting requests');
    return this.view(principal, id);
  }

  accept(principal: Principal, id: string): Promise<MeetingRequestView> {
    return this.decide(principal, id, 'accepted', null);
  }

  decline(principal: Principal, id: string, reason: DeclineReason): Promise<MeetingRequestView> {
    return this.decide(principal, id, 'declined', reason);
  }

  withdraw(principal: Principal, id: string): Promise<MeetingRequestView> {
    return this.decide(principal, id, 'withdrawn', null);
  }

  /**
   * Marks the request expired if it is still pending at its deadline (the delayed expiry job). Returns false when
   * there was nothing to do: answered already, or its deadline moved on.
   */
  async expire(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // For an UPDATE, TypeORM answers [rows, affected count].
      const [rows]: [Array<{ from_organisation_id: string }>, number] = await manager.query(
        `UPDATE meeting_requests SET status = 'expired', decided_at = now() WHERE id = $1 AND status = 'pending' AND expires_at <= now()
         RETURNING from_organisation_id`,
        [id],
      );
      if (rows.length === 0) return false;
      await this.audit(manager, null, rows[0].from_organisation_id, 'meeting_request.expired', id);
      await this.announce(manager, 'meeting_request.expired', id, rows[0].from_organisation_id);
      return true;
    });
  }

  /** The receiver accepts or declines, the sender withdraws; only while the request is pending. */
  private async decide(principal: Principal, id: string, decision: Decision, reason: DeclineReason | null): Promise<MeetingRequestView> {
    const organisationId = OrganisationAccess.ownOrganisation(principal, 'answer meeting requests');
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT * FROM meeting_requests WHERE id = $1 FOR UPDATE`, [id]);
      const party = row && (row.from_organisation_id === organisationId || row.to_organisation_id === organisationId);
      if (!party) throw AppError.notFound('meeting request', id);
      const mayDecide = decision === 'withdrawn' ? row.from_organisation_id === organisationId : row.to_organisation_id === organisationId;
      if (!mayDecide) {
        throw AppError.forbidden(decision === 'withdrawn' ? 'only the organisation that sent a request may withdraw it' : 'only the organisation that received a request may accept or decline it');
      }
      const status = effectiveStatus(row.status, new Date(row.expires_at), new Date());
      if (status !== 'pending') throw new AppError(ErrorCode.RequestClosed, `this meeting request is ${status}; it can no longer be ${decision}`);
      await manager.query(`UPDATE meeting_requests SET status = $2, decline_reason = $3, decided_by = $4, decided_at = now() WHERE id = $1`, [id, decision, reason, principal.userId]);
      await this.audit(manager, principal.userId, organisationId, `meeting_request.${decision}`, id, reason ? { reason } : {});
      // The reason stays out of the event: the mail to the requester must not be able to tell it.
      await this.announce(manager, `meeting_request.${decision}`, id, organisationId);
    });
    return this.view(principal, id);
  }

  /** The counterpart, area and match snapshot of a new request, checked. */
  private async target(
    manager: EntityManager,
    from: string,
    dto: CreateMeetingRequestDto,
  ): Promise<{ organisationId: string; area: MatchArea; matchId: string | null; technologyOfferId: string | null; score: number | null; contributions: number[] | null }> {
    if (dto.matchId !== undefined) {
      const [match] = await manager.query(`SELECT * FROM matches WHERE id = $1`, [dto.matchId]);
      const parties: Array<string | null> = match ? [match.company_id, match.fund_id, match.research_centre_id] : [];
      if (!match || !parties.includes(from)) throw AppError.notFound('match', dto.matchId);
      const counterpart = match.company_id === from ? (match.fund_id ?? match.research_centre_id) : match.company_id;
      return { organisationId: counterpart, area: match.area, matchId: match.id, technologyOfferId: match.technology_offer_id, score: match.score, contributions: match.contributions };
    }
    const to = dto.toOrganisationId as string;
    const area = dto.area as MatchArea;
    if (to === from) throw AppError.validation([{ field: 'toOrganisationId', rule: 'notSelf', message: 'an organisation cannot request a meeting with itself' }]);
    const rows: Array<{ id: string; type: OrganisationType; visible: boolean }> = await manager.query(
      `SELECT id, type, visibility_consent_at IS NOT NULL AS visible FROM organisations WHERE id = ANY($1::uuid[])`,
      [[from, to]],
    );
    const types = new Map(rows.map((r) => [r.id, r.type]));
    const toType = types.get(to);
    // An organisation that has not consented to be shown cannot be found, let alone asked to meet.
    if (!toType || !rows.find((r) => r.id === to)?.visible) throw AppError.notFound('organisation', to);
    if (!rows.find((r) => r.id === from)?.visible) {
      throw new AppError(ErrorCode.Forbidden, `a meeting request shows your organisation to the other side: first consent to be shown (PUT /api/v1/organisations/${from}/visibility-consent)`);
    }
    const fromType = types.get(from) as OrganisationType;
    if (!canMeet(area, fromType, toType)) {
      throw AppError.validation([{ field: 'area', rule: 'parties', message: `a ${fromType.replace('_', ' ')} and a ${toType.replace('_', ' ')} do not meet in ${area.replace('_', ' ')}` }]);
    }
    // The pair's best match in the area, if the scorer kept one: its score and reasons travel with the request.
    const [match] = await manager.query(
      `SELECT * FROM matches WHERE area = $1 AND company_id IN ($2, $3) AND (fund_id IN ($2, $3) OR research_centre_id IN ($2, $3))
        ORDER BY score DESC, id LIMIT 1`,
      [area, from, to],
    );
    return { organisationId: to, area, matchId: match?.id ?? null, technologyOfferId: match?.technology_offer_id ?? null, score: match?.score ?? null, contributions: match?.contributions ?? null };
  }

  private async view(principal: Principal, id: string): Promise<MeetingRequestView> {
    const [row]: RequestRow[] = await this.dataSource.query(`${SELECT_REQUESTS} WHERE m.id = $1`, [id]);
    if (OrganisationAccess.isStaff(principal) && row) return this.toView(row, null);
    const party = row && (row.from_organisation_id === principal.organisationId || row.to_organisation_id === principal.organisationId);
    if (!party) throw AppError.notFound('meeting request', id);
    return this.toView(row, principal.organisationId);
  }

  private toView(row: RequestRow, viewer: string | null): MeetingRequestView {
    const view: MeetingRequestView = {
      id: row.id,
      area: row.area,
      status: effectiveStatus(row.status, new Date(row.expires_at), new Date()),
      direction: viewer === null ? null : row.from_organisation_id === viewer ? 'outgoing' : 'incoming',
      from: { type: row.from_type, id: row.from_organisation_id, name: row.from_name },
      to: { type: row.to_type, id: row.to_organisation_id, name: row.to_name },
      message: row.message,
      score: row.score === null ? null : Math.round(row.score * 10) / 10,
      // Each side sees only its own decisions' feedback among the reasons (staff see both).
      reasons: row.contributions ? fromContributions(row.area, row.contributions, viewer === null ? 'staff' : readerOfType(row.from_organisation_id === viewer ? row.from_type : row.to_type)) : [],
      matchId: row.match_id,
      technologyOfferId: row.technology_offer_id,
      eventId: row.event_id,
      createdAt: new Date(row.created_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    };
    // A decline's reason stays with the organisation that declined (and staff).
    if (viewer === null || viewer === row.to_organisation_id) view.declineReason = row.decline_reason;
    return view;
  }

  /** The event of a request: the sender must take part (else it cannot see the event: 404), and so must the receiver. */
  private async eventOf(manager: EntityManager, eventId: string, from: string, to: string): Promise<{ id: string; request_quota: number | null; request_ttl_days: number | null }> {
    const [event] = await manager.query(
      `SELECT e.id, e.request_quota, e.request_ttl_days,
              EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.organisation_id = $2) AS sender_in,
              EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.organisation_id = $3) AS receiver_in
         FROM events e WHERE e.id = $1`,
      [eventId, from, to],
    );
    if (!event || !event.sender_in) throw AppError.notFound('event', eventId);
    if (!event.receiver_in) throw AppError.validation([{ field: 'eventId', rule: 'participant', message: 'the organisation you want to meet does not take part in this event' }]);
    return event;
  }

  /** Open outgoing requests for one event, against the event's quota (the global one when it sets none). */
  private async eventQuotaOf(manager: EntityManager, organisationId: string, event: { id: string; request_quota: number | null }): Promise<MeetingQuota> {
    const [{ used }] = await manager.query(
      `SELECT count(*)::int AS used FROM meeting_requests WHERE from_organisation_id = $1 AND event_id = $2 AND status = 'pending' AND expires_at > now()`,
      [organisationId, event.id],
    );
    const limit = event.request_quota ?? this.env.meetingRequests.quota;
    return { limit, used, remaining: Math.max(0, limit - used) };
  }

  private async quotaOf(manager: EntityManager, organisationId: string): Promise<MeetingQuota> {
    const [{ used }] = await manager.query(
      `SELECT count(*)::int AS used FROM meeting_requests WHERE from_organisation_id = $1 AND status = 'pending' AND expires_at > now()`,
      [organisationId],
    );
    const limit = this.env.meetingRequests.quota;
    return { limit, used, remaining: Math.max(0, limit - used) };
  }

  /** A decision for the worker to act on (notifications), committed with the decision or not at all. */
  private async announce(manager: EntityManager, topic: `meeting_request.${Decision | 'expired'}`, requestId: string, organisationId: string): Promise<void> {
    await addToOutbox(manager, { topic, aggregateType: 'meeting_request', aggregateId: requestId, organisationId });
  }

  /** When the receiver is reminded of a pending request: not at all if the request's whole life is shorter than that. */
  private reminderOf(expiresAt: Date, ttlDays: number): { remindAt?: string } {
    const { reminderHours } = this.env.notifications;
    return ttlDays * 24 > reminderHours ? { remindAt: new Date(expiresAt.getTime() - reminderHours * 3_600_000).toISOString() } : {};
  }

  /** One audit row per decision; expiry is nobody's decision, so its actor is null. */
  private async audit(manager: EntityManager, actorUserId: string | null, organisationId: string, action: string, subjectId: string, details: Record<string, unknown> = {}): Promise<void> {
    await recordAudit(manager, { actorUserId, organisationId, action, subjectType: 'meeting_request', subjectId, details });
  }

}
