import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, type OrganisationType } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { MatchesService } from '../matching/matches.service';
import type { MatchView } from '../matching/match.view';
import { MeetingProposalsService } from '../meetings/meeting-proposals.service';
import type { MeetingProposalView } from '../meetings/meeting-proposal.view';
import { MeetingRequestsService } from '../meetings/meeting-requests.service';
import type { MeetingRequestView } from '../meetings/meeting-request.view';
import { CompaniesService } from '../profiles/companies.service';
import { FundsService } from '../profiles/funds.service';
import { OrganisationAccess } from '../profiles/organisation-access';
import { ResearchCentresService } from '../profiles/research-centres.service';
import { TechnologyOffersService } from '../profiles/technology-offers.service';
import type { TechnologyOfferView } from '../profiles/views/technology-offer.view';

type Row = Record<string, unknown>;

/** Everything the platform holds about a member and their organisation (GDPR art. 15 and 20). */
export interface PersonalDataExport {
  exportedAt: string;
  account: { id: string; email: string; role: string; language: string; createdAt: string; updatedAt: string };
  organisation: { id: string; type: OrganisationType; createdAt: string; visibilityConsent: { consentedAt: string | null; consentedBy: string | null }; profile: unknown } | null;
  memberships: Row[];
  technologyOffers: TechnologyOfferView[];
  matches: MatchView[];
  matchReviews: Row[];
  meetingRequests: MeetingRequestView[];
  meetingOutcomes: Row[];
  meetingProposals: MeetingProposalView[];
  eventParticipations: Row[];
  scheduledMeetings: Row[];
  notificationDeliveries: Row[];
  agendaDeliveries: Row[];
  auditEvents: Row[];
}

/** What an erasure removed (counts taken inside its transaction, before the cascade). */
export interface ErasureReport {
  erasedAt: string;
  userId: string;
  organisationId: string | null;
  organisationType: OrganisationType | null;
  deleted: {
    users: number;
    memberships: number;
    organisations: number;
    technologyOffers: number;
    matches: number;
    matchReviews: number;
    meetingRequests: number;
    meetingOutcomes: number;
    meetingProposals: number;
    eventParticipations: number;
    notificationDeliveries: number;
  };
  /** Audit rows kept, with the actor, the organisation and personal details removed. */
  auditEventsAnonymised: number;
  /** Other members of the organisation: their accounts stay, without an organisation. */
  otherMembersDetached: number;
}

const PAGE = 100;
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/**
 * Data-subject rights: export (everything about the caller and their organisation, as the caller may see it) and
 * erasure (the account and the organisation, in one transaction; audit rows kept but anonymised).
 */
@Injectable()
export class GdprService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly funds: FundsService,
    private readonly centres: ResearchCentresService,
    private readonly offers: TechnologyOffersService,
    private readonly matches: MatchesService,
    private readonly requests: MeetingRequestsService,
    private readonly proposals: MeetingProposalsService,
  ) {}

  async export(principal: Principal): Promise<PersonalDataExport> {
    if (OrganisationAccess.isStaff(principal)) throw AppError.forbidden('staff accounts are not data subjects of the platform: use the command line');
    const [user] = await this.dataSource.query(`SELECT id, email, role, language, created_at, updated_at FROM users WHERE id = $1`, [principal.userId]);
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'account no longer exists');
    const account = { id: user.id, email: user.email, role: user.role, language: user.language, createdAt: iso(user.created_at) as string, updatedAt: iso(user.updated_at) as string };
    const orgId = principal.organisationId;
    const [notificationDeliveries, agendaDeliveries] = await Promise.all([
      this.dataSource.query(
        `SELECT meeting_request_id AS "meetingRequestId", kind, email, language, status, message_id AS "messageId", created_at AS "createdAt" FROM notification_deliveries WHERE user_id = $1 ORDER BY created_at, id`,
        [principal.userId],
      ),
      this.dataSource.query(`SELECT * FROM agenda_deliveries WHERE user_id = $1 ORDER BY created_at`, [principal.userId]),
    ]);
    // Audit rows the caller made or their organisation's own decisions: never another side's decision about them.
    const auditEvents = await this.dataSource.query(
      `SELECT id::text, action, subject_type AS "subjectType", subject_id AS "subjectId", actor_user_id AS "actorUserId", organisation_id AS "organisationId", details, created_at AS "at"
         FROM audit_events WHERE actor_user_id = $1 OR ($2::uuid IS NOT NULL AND organisation_id = $2) ORDER BY id`,
      [principal.userId, orgId],
    );
    const empty = { memberships: [], technologyOffers: [], matches: [], matchReviews: [], meetingRequests: [], meetingOutcomes: [], meetingProposals: [], eventParticipations: [], scheduledMeetings: [] };
    if (!orgId) return { exportedAt: new Date().toISOString(), account, organisation: null, ...empty, notificationDeliveries, agendaDeliveries, auditEvents };

    const [org] = await this.dataSource.query(`SELECT id, type, created_at, visibility_consent_at, visibility_consent_by FROM organisations WHERE id = $1`, [orgId]);
    const type = org.type as OrganisationType;
    // As the organisation's member sees it: confidential fields and contacts included.
    const profile = await (type === 'company' ? this.companies : type === 'fund' ? this.funds : this.centres).get(principal, orgId);
    const technologyOffers = type === 'research_centre' ? await this.allPages((page) => this.offers.list(principal, orgId, { page, pageSize: PAGE })) : [];
    const matches = await this.allOffsets((offset) => this.matches.list(principal, { review: 'all', limit: PAGE, offset }));
    const meetingRequests = await this.allOffsets((offset) => this.requests.list(principal, { limit: PAGE, offset }));
    const meetingProposals = await this.allOffsets((offset) => this.proposals.list(principal, { status: undefined, limit: PAGE, offset }));
    const dismissed = await this.allOffsets((offset) => this.proposals.list(principal, { status: 'dismissed', limit: PAGE, offset }));
    const [memberships, matchReviews, meetingOutcomes, eventParticipations, scheduledMeetings] = await Promise.all([
      this.dataSource.query(
        `SELECT m.user_id AS "userId", u.email, m.created_at AS "createdAt" FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 ORDER BY m.created_at`,
        [orgId],
      ),
      this.dataSource.query(
        `SELECT counterpart_id AS "counterpartId", area, decision, reason, match_id AS "matchId", created_at AS "createdAt", updated_at AS "updatedAt" FROM match_reviews WHERE organisation_id = $1 ORDER BY created_at`,
        [orgId],
      ),
      this.dataSource.query(
        `SELECT request_id AS "requestId", outcome, follow_up AS "followUp", note, created_at AS "createdAt", updated_at AS "updatedAt" FROM meeting_outcomes WHERE organisation_id = $1 ORDER BY created_at`,
        [orgId],
      ),
      this.dataSource.query(
        `SELECT p.id, p.event_id AS "eventId", e.name AS "eventName", p.host, p.available_slot_ids AS "availableSlotIds", p.created_at AS "createdAt"
           FROM event_participants p JOIN events e ON e.id = p.event_id WHERE p.organisation_id = $1 ORDER BY p.created_at`,
        [orgId],
      ),
      // The organisation's placements in each event's published schedule.
      this.dataSource.query(
        `SELECT e.id AS "eventId", e.name AS "eventName", v.version, sm.meeting_id AS "meetingId", em.request_id AS "requestId",
                s.starts_at AS "start", s.ends_at AS "end", sm.table_no AS "table"
           FROM event_participants p
           JOIN events e ON e.id = p.event_id
           JOIN schedule_versions v ON v.event_id = e.id AND v.version = e.published_version
           JOIN scheduled_participants sp ON sp.version_id = v.id AND sp.participant_id = p.id
           JOIN scheduled_meetings sm ON sm.version_id = v.id AND sm.meeting_id = sp.meeting_id
           JOIN event_meetings em ON em.id = sm.meeting_id
           JOIN event_slots s ON s.id = sm.slot_id
          WHERE p.organisation_id = $1 ORDER BY s.starts_at`,
        [orgId],
      ),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      account,
      organisation: {
        id: org.id,
        type,
        createdAt: iso(org.created_at) as string,
        visibilityConsent: { consentedAt: iso(org.visibility_consent_at), consentedBy: org.visibility_consent_by },
        profile,
      },
      memberships,
      technologyOffers,
      matches,
      matchReviews,
      meetingRequests,
      meetingOutcomes,
      meetingProposals: [...meetingProposals, ...dismissed],
      eventParticipations,
      scheduledMeetings,
      notificationDeliveries,
      agendaDeliveries,
      auditEvents,
    };
  }

  /**
   * Erases the caller's account and organisation in one transaction. The organisation's row cascades to its profile,
   * offers, matches, reviews, requests, outcomes, proposals and event participations; deleting the profile and offer
   * rows fires their outbox triggers, so the worker removes the search documents. Audit rows are kept, anonymised.
   */
  async erase(principal: Principal): Promise<ErasureReport> {
    if (OrganisationAccess.isStaff(principal)) throw AppError.forbidden('staff accounts cannot be erased through the API');
    return this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query(`SELECT id, email FROM users WHERE id = $1 FOR UPDATE`, [principal.userId]);
      if (!user) throw new AppError(ErrorCode.Unauthenticated, 'account no longer exists');
      const orgId = principal.organisationId;
      let type: OrganisationType | null = null;
      let names: string[] = [];
      const memberEmails: string[] = [user.email];
      if (orgId) {
        const [org] = await manager.query(`SELECT type FROM organisations WHERE id = $1 FOR UPDATE`, [orgId]);
        type = org?.type ?? null;
        const named = await manager.query(
          `SELECT name FROM companies WHERE id = $1 UNION ALL SELECT name FROM funds WHERE id = $1 UNION ALL SELECT name FROM research_centres WHERE id = $1`,
          [orgId],
        );
        names = named.map((r: { name: string }) => r.name).filter(Boolean);
      }
      const deleted = await this.counts(manager, principal.userId, orgId);
      const [{ n: others }] = orgId
        ? await manager.query(`SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1 AND user_id <> $2`, [orgId, principal.userId])
        : [{ n: 0 }];
      const auditEventsAnonymised = await this.anonymiseAudit(manager, principal.userId, orgId, [...memberEmails, ...names]);
      if (orgId) await manager.query(`DELETE FROM organisations WHERE id = $1`, [orgId]);
      await manager.query(`DELETE FROM users WHERE id = $1`, [principal.userId]);
      return {
        erasedAt: new Date().toISOString(),
        userId: principal.userId,
        organisationId: orgId,
        organisationType: type,
        deleted,
        auditEventsAnonymised,
        otherMembersDetached: others,
      };
    });
  }

  private async counts(manager: EntityManager, userId: string, orgId: string | null): Promise<ErasureReport['deleted']> {
    const [row] = await manager.query(
      `SELECT
         (SELECT count(*)::int FROM memberships WHERE organisation_id = $2 OR user_id = $1) AS memberships,
         (SELECT count(*)::int FROM organisations WHERE id = $2) AS organisations,
         (SELECT count(*)::int FROM technology_offers WHERE research_centre_id = $2) AS "technologyOffers",
         (SELECT count(*)::int FROM matches WHERE company_id = $2 OR fund_id = $2 OR research_centre_id = $2) AS matches,
         (SELECT count(*)::int FROM match_reviews WHERE organisation_id = $2 OR counterpart_id = $2) AS "matchReviews",
         (SELECT count(*)::int FROM meeting_requests WHERE from_organisation_id = $2 OR to_organisation_id = $2) AS "meetingRequests",
         (SELECT count(*)::int FROM meeting_outcomes o JOIN meeting_requests r ON r.id = o.request_id
           WHERE r.from_organisation_id = $2 OR r.to_organisation_id = $2) AS "meetingOutcomes",
         (SELECT count(*)::int FROM meeting_proposals WHERE company_id = $2 OR counterpart_id = $2) AS "meetingProposals",
         (SELECT count(*)::int FROM event_participants WHERE organisation_id = $2) AS "eventParticipations",
         (SELECT count(*)::int FROM notification_deliveries WHERE user_id = $1) AS "notificationDeliveries"`,
      [userId, orgId],
    );
    return { users: 1, ...row };
  }

  /**
   * Keeps every audit row (what was decided, about which subject, when) but removes who: the actor when it is the
   * erased user, the organisation (set to NULL rather than a placeholder, so the erased organisation's rows cannot be
   * linked back together), and any detail naming them (their ids, e-mails, names).
   */
  private async anonymiseAudit(manager: EntityManager, userId: string, orgId: string | null, personal: string[]): Promise<number> {
    const ids = [userId, ...(orgId ? [orgId] : [])];
    const rows: Array<{ id: string; actor_user_id: string | null; organisation_id: string | null; details: Record<string, unknown> }> = await manager.query(
      `SELECT id::text, actor_user_id, organisation_id, details FROM audit_events
        WHERE actor_user_id = $1 OR organisation_id = $2 OR subject_id = ANY($4::uuid[]) OR details::text LIKE ANY($3::text[]) FOR UPDATE`,
      [userId, orgId, ids.map((id) => `%${id}%`), ids],
    );
    const lowered = personal.map((p) => p.toLowerCase()).filter((p) => p.length > 0);
    const scrub = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (ids.includes(value) || value.includes('@') || lowered.some((p) => lower.includes(p))) return undefined;
        return value;
      }
      if (Array.isArray(value)) return value.map(scrub).filter((v) => v !== undefined);
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value)) {
          const cleaned = scrub(inner);
          if (cleaned !== undefined) out[key] = cleaned;
        }
        return out;
      }
      return value;
    };
    for (const row of rows) {
      const details = { ...(scrub(row.details ?? {}) as Record<string, unknown>), anonymised: true };
      await manager.query(
        `UPDATE audit_events SET actor_user_id = CASE WHEN actor_user_id = $2 THEN NULL ELSE actor_user_id END,
                                 organisation_id = CASE WHEN organisation_id = $3 THEN NULL ELSE organisation_id END,
                                 -- A row about the erased account or organisation itself keeps its kind but gets an id nobody has.
                                 subject_id = CASE WHEN subject_type IN ('user', 'organisation') AND subject_id IN ($2, $3) THEN gen_random_uuid() ELSE subject_id END,
                                 details = $4 WHERE id = $1`,
        [row.id, userId, orgId, JSON.stringify(details)],
      );
    }
    return rows.length;
  }

  private async allOffsets<T>(fetch: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await fetch(offset);
      items.push(...page.items);
      if (page.items.length < PAGE || items.length >= page.total) return items;
    }
  }

  private async allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const result = await fetch(page);
      items.push(...result.items);
      if (result.items.length < PAGE || items.length >= result.total) return items;
    }
  }
}
