import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, scheduleStats, type Placement, type ScheduleStats, type UnscheduledReason } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../database/pg-errors';
import { addToOutbox } from '../queue/outbox';
import type { AdjustScheduledMeetingDto } from './dto/adjust-scheduled-meeting.dto';
import { EventAccess, type EventRow } from './event-access';
import { EventMeetingsService } from './event-meetings.service';
import { loadScheduleInput, placementsOf, type PlacementRow } from './schedule-input';
import type { ScheduleDiffView, ScheduledMeetingView, ScheduleView } from './schedule.view';

interface VersionRow {
  id: string;
  event_id: string;
  version: number;
  based_on: number | null;
  change: ScheduleView['change'];
  status: ScheduleView['status'];
  progress: number;
  stats: ScheduleStats | null;
  unscheduled: Array<{ meetingId: string; reason: UnscheduledReason }>;
  failed_reason: string | null;
  created_at: Date;
  completed_at: Date | null;
}

type Change = 'move' | 'lock' | 'unlock' | 'cancel';

const conflict = (message: string) => new AppError(ErrorCode.ScheduleConflict, message);

/**
 * An event's schedule, as staff run, read, adjust and publish it. Every change is a new version, written in one
 * transaction under the event's row lock (so concurrent edits queue up and each validates against the other's
 * result), with unique keys per version as the last word against double booking.
 */
@Injectable()
export class ScheduleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts a scheduler run in the worker: the new version, its outbox row and audit row commit together. */
  async requestRun(principal: Principal, eventId: string): Promise<{ eventId: string; version: number; status: 'running'; jobId: string }> {
    return this.dataSource
      .transaction(async (manager) => {
        const event = await EventAccess.staffEvent(manager, eventId, true);
        await EventMeetingsService.syncAcceptedRequests(manager, eventId);
        const [{ meetings }] = await manager.query(`SELECT count(*)::int AS meetings FROM event_meetings WHERE event_id = $1 AND status = 'active'`, [eventId]);
        if (meetings === 0) {
          throw AppError.validation([{ field: 'meetings', rule: 'nonEmpty', message: 'the event has no meetings to schedule: accept meeting requests for it, or add meetings' }]);
        }
        const running = await this.newest(manager, eventId, 'running');
        if (running) throw conflict(`the scheduler is already running for this event (version ${running.version}); wait for it to finish`);
        const base = await this.newest(manager, eventId, 'completed');
        const version = await this.nextVersion(manager, event.id);
        const [row] = await manager.query(
          `INSERT INTO schedule_versions (event_id, version, based_on, change, status, created_by) VALUES ($1, $2, $3, 'run', 'running', $4) RETURNING id`,
          [eventId, version, base?.version ?? null, principal.userId],
        );
        await addToOutbox(manager, { topic: 'schedule.requested', aggregateType: 'schedule_version', aggregateId: row.id, organisationId: null });
        await recordAudit(manager, { actorUserId: principal.userId, organisationId: null, action: 'schedule.run', subjectType: 'event', subjectId: eventId, details: { version } });
        return { eventId, version, status: 'running' as const, jobId: row.id as string };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_schedule_versions_version')) throw conflict('another schedule change was saved at the same moment; reload and retry');
        throw error;
      });
  }

  /** The newest version (or the one asked for), with its meetings in time order. */
  async get(eventId: string, version?: number): Promise<ScheduleView> {
    const manager = this.dataSource.manager;
    const event = await EventAccess.staffEvent(manager, eventId);
    const [row]: VersionRow[] =
      version === undefined
        ? await manager.query(`SELECT * FROM schedule_versions WHERE event_id = $1 ORDER BY version DESC LIMIT 1`, [eventId])
        : await manager.query(`SELECT * FROM schedule_versions WHERE event_id = $1 AND version = $2`, [eventId, version]);
    if (!row) throw AppError.notFound('schedule version', version === undefined ? `of event ${eventId}` : `${version} of event ${eventId}`);
    return this.view(manager, event, row);
  }

  async versions(eventId: string): Promise<Array<Omit<ScheduleView, 'meetings' | 'unscheduled'>>> {
    const event = await EventAccess.staffEvent(this.dataSource.manager, eventId);
    const rows: VersionRow[] = await this.dataSource.query(`SELECT * FROM schedule_versions WHERE event_id = $1 ORDER BY version DESC`, [eventId]);
    return rows.map((row) => {
      const { meetings: _m, unscheduled: _u, ...summary } = this.header(event, row, []);
      return summary;
    });
  }

  /** Moves, locks or unlocks one meeting (or places an unscheduled one): a new version. */
  async adjust(principal: Principal, eventId: string, meetingId: string, dto: AdjustScheduledMeetingDto): Promise<ScheduleView> {
    const moving = dto.slotId !== undefined || dto.table !== undefined;
    if (!moving && dto.locked === undefined) {
      throw AppError.validation([{ field: 'slotId', rule: 'required', message: 'give slotId and/or table to move the meeting, or locked to lock or unlock it' }]);
    }
    return this.change(principal, eventId, meetingId, moving ? 'move' : dto.locked ? 'lock' : 'unlock', async (manager, event, placements, current) => {
      if (!moving) {
        if (!current) throw conflict('only a scheduled meeting can be locked or unlocked');
        placements.set(meetingId, { ...current, locked: dto.locked as boolean });
        return;
      }
      if (!current && (dto.slotId === undefined || dto.table === undefined)) {
        throw AppError.validation([{ field: 'slotId', rule: 'required', message: 'an unscheduled meeting needs both slotId and table to be placed' }]);
      }
      const target: PlacementRow = { meeting_id: meetingId, slot_id: dto.slotId ?? (current as PlacementRow).slot_id, table_no: dto.table ?? (current as PlacementRow).table_no, locked: dto.locked ?? current?.locked ?? false };
      await this.assertPlaceable(manager, event, meetingId, target, placements, !current);
      placements.set(meetingId, target);
    });
  }

  /** Cancels a meeting: it leaves the schedule (a new version) and is not scheduled again. */
  async cancel(principal: Principal, eventId: string, meetingId: string): Promise<ScheduleView> {
    return this.change(principal, eventId, meetingId, 'cancel', async (manager, _event, placements) => {
      await manager.query(`UPDATE event_meetings SET status = 'cancelled' WHERE id = $1`, [meetingId]);
      placements.delete(meetingId);
    });
  }

  /** What changed between two versions. */
  async diff(eventId: string, from: number, to: number): Promise<ScheduleDiffView> {
    const manager = this.dataSource.manager;
    await EventAccess.staffEvent(manager, eventId);
    const ids: Array<{ id: string; version: number }> = await manager.query(`SELECT id, version FROM schedule_versions WHERE event_id = $1 AND version = ANY($2::int[])`, [eventId, [from, to]]);
    const idOf = (v: number) => {
      const found = ids.find((r) => r.version === v);
      if (!found) throw AppError.notFound('schedule version', `${v} of event ${eventId}`);
      return found.id;
    };
    const [before, after] = await Promise.all([placementsOf(manager, idOf(from)), placementsOf(manager, idOf(to))]);
    const place = (p: PlacementRow) => ({ slotId: p.slot_id, table: p.table_no });
    const diff: ScheduleDiffView = { eventId, from, to, added: [], removed: [], moved: [], locked: [], unlocked: [] };
    for (const [id, p] of after) {
      const q = before.get(id);
      if (!q) diff.added.push({ id, ...place(p) });
      else {
        if (q.slot_id !== p.slot_id || q.table_no !== p.table_no) diff.moved.push({ id, from: place(q), to: place(p) });
        if (!q.locked && p.locked) diff.locked.push(id);
        if (q.locked && !p.locked) diff.unlocked.push(id);
      }
    }
    for (const [id, q] of before) if (!after.has(id)) diff.removed.push({ id, ...place(q) });
    return diff;
  }

  /** Publishes the newest completed version: participants get their agendas (and a mail); its meetings stay put. */
  async publish(principal: Principal, eventId: string): Promise<ScheduleView> {
    const versionId = await this.dataSource.transaction(async (manager) => {
      await EventAccess.staffEvent(manager, eventId, true);
      const latest = await this.newest(manager, eventId);
      if (!latest || latest.status !== 'completed') {
        throw conflict(latest?.status === 'running' ? 'the scheduler is still running; publish when it has finished' : 'there is no completed schedule to publish: run the scheduler first');
      }
      await manager.query(`UPDATE events SET published_version = $2, published_at = now(), updated_at = now() WHERE id = $1`, [eventId, latest.version]);
      await addToOutbox(manager, { topic: 'schedule.published', aggregateType: 'event', aggregateId: eventId, organisationId: null, payload: { version: latest.version } });
      await recordAudit(manager, { actorUserId: principal.userId, organisationId: null, action: 'schedule.published', subjectType: 'event', subjectId: eventId, details: { version: latest.version } });
      return latest.id;
    });
    const [row]: VersionRow[] = await this.dataSource.query(`SELECT * FROM schedule_versions WHERE id = $1`, [versionId]);
    return this.view(this.dataSource.manager, await EventAccess.staffEvent(this.dataSource.manager, eventId), row);
  }

  /**
   * One staff change: under the event's row lock, the newest completed version's placements are copied, changed
   * by `apply`, and stored as the next version with fresh statistics.
   */
  private async change(
    principal: Principal,
    eventId: string,
    meetingId: string,
    change: Change,
    apply: (manager: EntityManager, event: EventRow, placements: Map<string, PlacementRow>, current: PlacementRow | undefined) => Promise<void>,
  ): Promise<ScheduleView> {
    const versionId = await this.dataSource
      .transaction(async (manager) => {
        const event = await EventAccess.staffEvent(manager, eventId, true);
        const [meeting] = await manager.query(`SELECT status FROM event_meetings WHERE id = $1 AND event_id = $2`, [meetingId, eventId]);
        if (!meeting) throw AppError.notFound('meeting', meetingId);
        if (meeting.status === 'cancelled') throw conflict('this meeting is cancelled');
        const newest = await this.newest(manager, eventId);
        if (newest?.status === 'running') throw conflict(`the scheduler is running (version ${newest.version}); change the schedule when it has finished`);
        const latest = await this.newest(manager, eventId, 'completed');
        if (!latest) throw conflict('the event has no schedule yet: run the scheduler first');
        const placements = await placementsOf(manager, latest.id);
        await apply(manager, event, placements, placements.get(meetingId));

        const version = await this.nextVersion(manager, eventId);
        const [row] = await manager.query(
          `INSERT INTO schedule_versions (event_id, version, based_on, change, status, progress, created_by, completed_at) VALUES ($1, $2, $3, $4, 'completed', 1, $5, now()) RETURNING id`,
          [eventId, version, latest.version, change, principal.userId],
        );
        const input = await loadScheduleInput(manager, event, latest.id, () => false, placements);
        const list: Placement[] = [...placements.values()].map((p) => ({ meetingId: p.meeting_id, slot: input.slotIndex.get(p.slot_id) as number, table: p.table_no - 1 }));
        await this.store(manager, row.id, input.problem.meetings, placements);
        const unscheduled = latest.unscheduled.filter((u) => u.meetingId !== meetingId || (change !== 'cancel' && !placements.has(meetingId)));
        if (change !== 'cancel' && !placements.has(meetingId) && !unscheduled.some((u) => u.meetingId === meetingId)) unscheduled.push({ meetingId, reason: 'no_room' });
        await manager.query(`UPDATE schedule_versions SET stats = $2, unscheduled = $3 WHERE id = $1`, [row.id, JSON.stringify(scheduleStats(input.problem, list, 0)), JSON.stringify(unscheduled)]);
        await recordAudit(manager, { actorUserId: principal.userId, organisationId: null, action: `schedule.${change}`, subjectType: 'event', subjectId: eventId, details: { version, meetingId } });
        return row.id as string;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_scheduled_meetings_table')) throw conflict('that table is already taken in that slot');
        if (isUniqueViolation(error, 'pk_scheduled_participants')) throw conflict('a participant of this meeting already has another meeting in that slot');
        if (isUniqueViolation(error, 'uq_schedule_versions_version')) throw conflict('another schedule change was saved at the same moment; reload and retry');
        throw error;
      });
    const [row]: VersionRow[] = await this.dataSource.query(`SELECT * FROM schedule_versions WHERE id = $1`, [versionId]);
    return this.view(this.dataSource.manager, await EventAccess.staffEvent(this.dataSource.manager, eventId), row);
  }

  /** The hard rules for one placement, each refused with a message naming what is in the way. */
  private async assertPlaceable(manager: EntityManager, event: EventRow, meetingId: string, target: PlacementRow, placements: Map<string, PlacementRow>, newlyPlaced: boolean): Promise<void> {
    const [slot] = await manager.query(`SELECT starts_at FROM event_slots WHERE id = $1 AND event_id = $2`, [target.slot_id, event.id]);
    if (!slot) throw AppError.validation([{ field: 'slotId', rule: 'eventSlot', message: `slot ${target.slot_id} is not a slot of this event` }]);
    if (target.table_no > event.tables) throw AppError.validation([{ field: 'table', rule: 'max', message: `the event has ${event.tables} tables` }]);
    const when = new Date(slot.starts_at).toISOString();
    for (const [other, p] of placements) {
      if (other !== meetingId && p.slot_id === target.slot_id && p.table_no === target.table_no) throw conflict(`table ${target.table_no} is taken at ${when} by meeting ${other}`);
    }
    const [meeting] = await manager.query(`SELECT participant_ids, allowed_slot_ids FROM event_meetings WHERE id = $1`, [meetingId]);
    if (meeting.allowed_slot_ids && !meeting.allowed_slot_ids.includes(target.slot_id)) throw conflict(`this meeting is restricted to other slots than ${when}`);
    const participants: Array<{ id: string; available_slot_ids: string[] | null; name: string }> = await manager.query(
      `SELECT p.id, p.available_slot_ids, coalesce(c.name, f.name, r.name) AS name FROM event_participants p
         LEFT JOIN companies c ON c.id = p.organisation_id LEFT JOIN funds f ON f.id = p.organisation_id LEFT JOIN research_centres r ON r.id = p.organisation_id
        WHERE p.id = ANY($1::uuid[])`,
      [meeting.participant_ids],
    );
    const busy: Array<{ participant_id: string; meeting_id: string; slot_id: string }> = await manager.query(
      `SELECT participant_id, meeting_id, slot_id FROM scheduled_participants WHERE version_id = (SELECT v.id FROM schedule_versions v WHERE v.event_id = $1 AND v.status = 'completed' ORDER BY v.version DESC LIMIT 1)
          AND participant_id = ANY($2::uuid[]) AND meeting_id <> $3`,
      [event.id, meeting.participant_ids, meetingId],
    );
    for (const p of participants) {
      if (p.available_slot_ids && !p.available_slot_ids.includes(target.slot_id)) throw conflict(`${p.name} is not available at ${when}`);
      if (busy.some((b) => b.participant_id === p.id && b.slot_id === target.slot_id)) throw conflict(`${p.name} already has a meeting at ${when}`);
      if (newlyPlaced && busy.filter((b) => b.participant_id === p.id).length >= event.max_meetings_per_participant) {
        throw conflict(`${p.name} already has ${event.max_meetings_per_participant} meetings, the most this event allows`);
      }
    }
  }

  private async store(manager: EntityManager, versionId: string, meetings: ReadonlyArray<{ id: string; participants: readonly string[] }>, placements: Map<string, PlacementRow>): Promise<void> {
    const rows = [...placements.values()];
    await manager.query(
      `INSERT INTO scheduled_meetings (version_id, meeting_id, slot_id, table_no, locked) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::bool[])`,
      [versionId, rows.map((r) => r.meeting_id), rows.map((r) => r.slot_id), rows.map((r) => r.table_no), rows.map((r) => r.locked)],
    );
    const participantsOf = new Map(meetings.map((m) => [m.id, m.participants]));
    const seats = rows.flatMap((r) => (participantsOf.get(r.meeting_id) ?? []).map((participant) => ({ slot: r.slot_id, participant, meeting: r.meeting_id })));
    await manager.query(
      `INSERT INTO scheduled_participants (version_id, slot_id, participant_id, meeting_id) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[])`,
      [versionId, seats.map((s) => s.slot), seats.map((s) => s.participant), seats.map((s) => s.meeting)],
    );
  }

  private async newest(manager: EntityManager, eventId: string, status?: VersionRow['status']): Promise<VersionRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM schedule_versions WHERE event_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY version DESC LIMIT 1`, [eventId, status ?? null]);
    return row;
  }

  private async nextVersion(manager: EntityManager, eventId: string): Promise<number> {
    const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0)::int + 1 AS next FROM schedule_versions WHERE event_id = $1`, [eventId]);
    return next;
  }

  private header(event: EventRow, row: VersionRow, meetings: ScheduledMeetingView[]): ScheduleView {
    return {
      eventId: event.id,
      version: row.version,
      status: row.status,
      progress: row.progress,
      change: row.change,
      basedOn: row.based_on,
      published: event.published_version === row.version,
      meetings,
      unscheduled: [],
      stats: row.stats,
      failedReason: row.failed_reason,
      createdAt: new Date(row.created_at).toISOString(),
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    };
  }

  private async view(manager: EntityManager, event: EventRow, row: VersionRow): Promise<ScheduleView> {
    const meetings = await ScheduleService.meetingsOf(manager, event, row.id);
    const requests: Array<{ id: string; request_id: string | null }> = await manager.query(`SELECT id, request_id FROM event_meetings WHERE id = ANY($1::uuid[])`, [row.unscheduled.map((u) => u.meetingId)]);
    const requestOf = new Map(requests.map((r) => [r.id, r.request_id]));
    return { ...this.header(event, row, meetings), unscheduled: row.unscheduled.map((u) => ({ id: u.meetingId, requestId: requestOf.get(u.meetingId) ?? null, reason: u.reason })) };
  }

  /** A version's meetings in time and table order, optionally only those of one organisation. */
  static async meetingsOf(manager: EntityManager, event: EventRow, versionId: string, organisationId?: string): Promise<ScheduledMeetingView[]> {
    const rows: Array<{ meeting_id: string; request_id: string | null; slot_id: string; starts_at: Date; ends_at: Date; table_no: number; locked: boolean; participants: Array<{ id: string; organisationId: string; name: string }> }> =
      await manager.query(
        `SELECT sm.meeting_id, m.request_id, sm.slot_id, s.starts_at, s.ends_at, sm.table_no, sm.locked,
                (SELECT json_agg(json_build_object('id', p.id, 'organisationId', p.organisation_id, 'name', coalesce(c.name, f.name, r.name)) ORDER BY p.id)
                   FROM event_participants p
                   LEFT JOIN companies c ON c.id = p.organisation_id LEFT JOIN funds f ON f.id = p.organisation_id LEFT JOIN research_centres r ON r.id = p.organisation_id
                  WHERE p.id = ANY(m.participant_ids)) AS participants
           FROM scheduled_meetings sm
           JOIN event_meetings m ON m.id = sm.meeting_id
           JOIN event_slots s ON s.id = sm.slot_id
          WHERE sm.version_id = $1
            AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM event_participants p WHERE p.id = ANY(m.participant_ids) AND p.organisation_id = $2))
          ORDER BY s.index, sm.table_no`,
        [versionId, organisationId ?? null],
      );
    return rows.map((r) => ({
      id: r.meeting_id,
      requestId: r.request_id,
      slotId: r.slot_id,
      start: new Date(r.starts_at).toISOString(),
      end: new Date(r.ends_at).toISOString(),
      table: r.table_no,
      roomLink: event.room_links ? (event.room_links[r.table_no - 1] ?? null) : null,
      participants: r.participants,
      locked: r.locked,
    }));
  }
}
