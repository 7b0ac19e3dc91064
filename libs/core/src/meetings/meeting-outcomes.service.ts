import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, ErrorCode, FOLLOW_UP_STATUSES, MEETING_OUTCOMES, type FollowUpStatus, type MeetingOutcome } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';
import type { RecordMeetingOutcomeDto } from './dto/record-meeting-outcome.dto';
import type { MeetingOutcomeSummary, MeetingOutcomeView } from './meeting-outcome.view';

interface OutcomeRow {
  request_id: string;
  organisation_id: string;
  outcome: MeetingOutcome;
  follow_up: FollowUpStatus;
  note: string | null;
  updated_at: Date;
}

const toView = (row: OutcomeRow): MeetingOutcomeView => ({
  requestId: row.request_id,
  organisationId: row.organisation_id,
  outcome: row.outcome,
  followUp: row.follow_up,
  note: row.note,
  recordedAt: new Date(row.updated_at).toISOString(),
});

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * After a meeting, each side records how it went and where it led. A record is private to its side (and staff):
 * the other side never reads it. Records feed scoring (a meeting that led somewhere is positive feedback) and
 * staff's aggregate.
 */
@Injectable()
export class MeetingOutcomesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records (or corrects) the caller's side of an accepted meeting, with an audit row and a rescoring, in one transaction. */
  async record(principal: Principal, requestId: string, dto: RecordMeetingOutcomeDto): Promise<MeetingOutcomeView> {
    const organisationId = OrganisationAccess.ownOrganisation(principal, 'record meeting outcomes');
    const followUp = dto.followUp ?? 'none';
    if (dto.outcome !== 'took_place' && followUp !== 'none') {
      throw AppError.validation([{ field: 'followUp', rule: 'needsMeeting', message: `followUp must be none when the outcome is ${dto.outcome}: only a meeting that took place can lead anywhere` }]);
    }
    const row = await this.dataSource.transaction(async (manager) => {
      const [request] = await manager.query(`SELECT id, status, from_organisation_id, to_organisation_id FROM meeting_requests WHERE id = $1 FOR SHARE`, [requestId]);
      if (!request || (request.from_organisation_id !== organisationId && request.to_organisation_id !== organisationId)) {
        throw AppError.notFound('meeting request', requestId);
      }
      if (request.status !== 'accepted') {
        throw new AppError(ErrorCode.MeetingNotAccepted, `this meeting request is ${request.status}: an outcome is recorded only for a meeting both sides accepted`);
      }
      const [saved]: OutcomeRow[] = await manager.query(
        `INSERT INTO meeting_outcomes (request_id, organisation_id, outcome, follow_up, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT pk_meeting_outcomes DO UPDATE
           SET outcome = EXCLUDED.outcome, follow_up = EXCLUDED.follow_up, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, updated_at = now()
         RETURNING *`,
        [requestId, organisationId, dto.outcome, followUp, dto.note ?? null, principal.userId],
      );
      await recordAudit(manager, {
        actorUserId: principal.userId,
        organisationId,
        action: 'meeting_outcome.recorded',
        subjectType: 'meeting_request',
        subjectId: requestId,
        details: { outcome: dto.outcome, followUp },
      });
      await addToOutbox(manager, { topic: 'meeting_outcome.recorded', aggregateType: 'meeting_outcome', aggregateId: requestId, organisationId });
      return saved;
    });
    return toView(row);
  }

  /** The caller's own record (staff: name the organisation); 404 when none is recorded or the request is not theirs. */
  async get(principal: Principal, requestId: string, organisationId?: string): Promise<MeetingOutcomeView> {
    const side = OrganisationAccess.listedOrganisation(principal, organisationId, 'meeting outcomes');
    const [row]: OutcomeRow[] = await this.dataSource.query(`SELECT * FROM meeting_outcomes WHERE request_id = $1 AND organisation_id = $2`, [requestId, side]);
    if (!row) throw AppError.notFound('meeting outcome', requestId);
    return toView(row);
  }

  /** Staff: how accepted meetings went, in aggregate. */
  async summary(principal: Principal): Promise<MeetingOutcomeSummary> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may read the outcome summary');
    const [[totals], records, areas] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*)::int AS accepted,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.request_id = r.id))::int AS with_outcome,
                count(*) FILTER (WHERE (SELECT count(DISTINCT o.outcome = 'took_place') FROM meeting_outcomes o WHERE o.request_id = r.id) > 1)::int AS disputed
           FROM meeting_requests r WHERE r.status = 'accepted'`,
      ),
      this.dataSource.query(
        `SELECT o.outcome, o.follow_up, count(*)::int AS n FROM meeting_outcomes o
           JOIN meeting_requests r ON r.id = o.request_id AND r.status = 'accepted' GROUP BY o.outcome, o.follow_up`,
      ) as Promise<Array<{ outcome: MeetingOutcome; follow_up: FollowUpStatus; n: number }>>,
      this.dataSource.query(
        `SELECT r.area, count(*)::int AS accepted,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.request_id = r.id AND o.outcome = 'took_place'))::int AS took_place,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.request_id = r.id AND o.follow_up <> 'none'))::int AS followed_up
           FROM meeting_requests r WHERE r.status = 'accepted' GROUP BY r.area`,
      ) as Promise<Array<{ area: 'venture_capital' | 'tech_transfer'; accepted: number; took_place: number; followed_up: number }>>,
    ]);
    const outcomes = zeroes(MEETING_OUTCOMES);
    const followUps = zeroes(FOLLOW_UP_STATUSES);
    for (const record of records) {
      outcomes[record.outcome] += record.n;
      followUps[record.follow_up] += record.n;
    }
    const byArea: MeetingOutcomeSummary['byArea'] = {
      venture_capital: { acceptedMeetings: 0, tookPlace: 0, followedUp: 0 },
      tech_transfer: { acceptedMeetings: 0, tookPlace: 0, followedUp: 0 },
    };
    for (const area of areas) byArea[area.area] = { acceptedMeetings: area.accepted, tookPlace: area.took_place, followedUp: area.followed_up };
    return { acceptedMeetings: totals.accepted, withOutcome: totals.with_outcome, outcomes, followUps, disputed: totals.disputed, byArea };
  }
}
