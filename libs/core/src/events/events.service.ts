import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, eventCalendarViolations, planSlots, type EventCalendar, type EventDay, type FieldViolation } from '@hub/domain';
import type { Principal } from '../auth/principal';
import type { LimitOffsetQueryDto } from '../common/limit-offset.dto';
import { assertExpectedVersion } from '../profiles/optimistic-version';
import type { CreateEventDto } from './dto/create-event.dto';
import type { UpdateEventDto } from './dto/update-event.dto';
import { EventAccess, type EventRow } from './event-access';
import type { EventPage, EventSlotView, EventView } from './event.view';

const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** Tables from `tables` or from one room link per table; both given must agree. */
function tablesOf(dto: Pick<CreateEventDto, 'tables' | 'roomLinks'>): { tables: number; roomLinks: string[] | null; violations: FieldViolation[] } {
  if (dto.roomLinks && dto.tables !== undefined && dto.tables !== dto.roomLinks.length) {
    return { tables: dto.tables, roomLinks: dto.roomLinks, violations: [{ field: 'roomLinks', rule: 'tables', message: `roomLinks has ${dto.roomLinks.length} links for ${dto.tables} tables: give one link per table` }] };
  }
  const tables = dto.roomLinks?.length ?? dto.tables;
  if (tables === undefined) return { tables: 0, roomLinks: null, violations: [{ field: 'tables', rule: 'required', message: 'give tables (a number) or roomLinks (one per virtual room)' }] };
  return { tables, roomLinks: dto.roomLinks ?? null, violations: [] };
}

function meetingLimitViolations(max: number, min: number): FieldViolation[] {
  return min > max ? [{ field: 'minMeetingsPerParticipant', rule: 'atMostMax', message: `minMeetingsPerParticipant (${min}) cannot exceed maxMeetingsPerParticipant (${max})` }] : [];
}

/** Partnering events: staff create and change them; participants' members and staff read them. */
@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(principal: Principal, dto: CreateEventDto): Promise<EventView> {
    const calendar: EventCalendar = { timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE, slotMinutes: dto.slotMinutes, days: dto.days };
    const tables = tablesOf(dto);
    const min = dto.minMeetingsPerParticipant ?? 0;
    const violations = [...eventCalendarViolations(calendar), ...tables.violations, ...meetingLimitViolations(dto.maxMeetingsPerParticipant, min)];
    if (violations.length > 0) throw AppError.validation(violations);
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO events (name, time_zone, slot_minutes, days, tables, room_links, max_meetings_per_participant, min_meetings_per_participant, host_tables, request_quota, request_ttl_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [dto.name, calendar.timeZone, calendar.slotMinutes, JSON.stringify(calendar.days), tables.tables, tables.roomLinks, dto.maxMeetingsPerParticipant, min, dto.hostTables ?? false, dto.requestQuota ?? null, dto.requestTtlDays ?? null, principal.userId],
      );
      await this.writeSlots(manager, row.id, calendar);
      return row.id as string;
    });
    return this.get(principal, id);
  }

  async list(principal: Principal, query: LimitOffsetQueryDto): Promise<EventPage<EventView>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const staff = principal.role === 'staff';
    // Others see the events their organisation takes part in.
    const where = staff ? 'true' : 'e.id IN (SELECT event_id FROM event_participants WHERE organisation_id = $3)';
    const params = staff ? [limit, offset] : [limit, offset, principal.organisationId];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT e.* FROM events e WHERE ${where} ORDER BY e.created_at DESC, e.id LIMIT $1 OFFSET $2`, params) as Promise<EventRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM events e WHERE ${where.replace('$3', '$1')}`, staff ? [] : [principal.organisationId]),
    ]);
    const items = await Promise.all(rows.map((row) => this.view(this.dataSource.manager, row)));
    return { items, total, limit, offset };
  }

  async get(principal: Principal, id: string): Promise<EventView> {
    const event = await EventAccess.visibleEvent(this.dataSource.manager, principal, id);
    return this.view(this.dataSource.manager, event);
  }

  /**
   * Changes an event. Its calendar (time zone, slot length, days) changes only while nothing refers to its slots:
   * no participant's availability, no meeting restricted to slots, no schedule. Tables may grow any time, and
   * shrink only above the highest table the current schedule uses.
   */
  async update(principal: Principal, id: string, dto: UpdateEventDto): Promise<EventView> {
    await this.dataSource.transaction(async (manager) => {
      const current = await EventAccess.staffEvent(manager, id, true);
      assertExpectedVersion('event', id, dto.version, current.version);
      const calendar: EventCalendar = {
        timeZone: dto.timeZone ?? current.time_zone,
        slotMinutes: dto.slotMinutes ?? current.slot_minutes,
        days: (dto.days ?? current.days) as EventDay[],
      };
      const calendarChanged = dto.timeZone !== undefined || dto.slotMinutes !== undefined || dto.days !== undefined;
      const tables = dto.tables !== undefined || dto.roomLinks !== undefined ? tablesOf(dto) : { tables: current.tables, roomLinks: current.room_links, violations: [] };
      const max = dto.maxMeetingsPerParticipant ?? current.max_meetings_per_participant;
      const min = dto.minMeetingsPerParticipant ?? current.min_meetings_per_participant;
      const violations = [...(calendarChanged ? eventCalendarViolations(calendar) : []), ...tables.violations, ...meetingLimitViolations(max, min)];
      if (violations.length > 0) throw AppError.validation(violations);
      if (calendarChanged) await this.assertCalendarFree(manager, id);
      const [{ highest }] = await manager.query(
        `SELECT coalesce(max(sm.table_no), 0)::int AS highest FROM scheduled_meetings sm
           JOIN schedule_versions v ON v.id = sm.version_id WHERE v.event_id = $1 AND v.version = (SELECT max(version) FROM schedule_versions WHERE event_id = $1 AND status = 'completed')`,
        [id],
      );
      if (tables.tables < highest) {
        throw new AppError(ErrorCode.EventInUse, `the current schedule uses table ${highest}: move or cancel its meetings before reducing the tables to ${tables.tables}`);
      }
      await manager.query(
        `UPDATE events SET name = $2, time_zone = $3, slot_minutes = $4, days = $5, tables = $6, room_links = $7, max_meetings_per_participant = $8,
                min_meetings_per_participant = $9, host_tables = $10, request_quota = $11, request_ttl_days = $12, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          dto.name ?? current.name,
          calendar.timeZone,
          calendar.slotMinutes,
          JSON.stringify(calendar.days),
          tables.tables,
          tables.roomLinks,
          max,
          min,
          dto.hostTables ?? current.host_tables,
          dto.requestQuota === undefined ? current.request_quota : dto.requestQuota,
          dto.requestTtlDays === undefined ? current.request_ttl_days : dto.requestTtlDays,
        ],
      );
      if (calendarChanged) {
        await manager.query(`DELETE FROM event_slots WHERE event_id = $1`, [id]);
        await this.writeSlots(manager, id, calendar);
      }
    });
    return this.get(principal, id);
  }

  async slots(principal: Principal, id: string): Promise<EventSlotView[]> {
    await EventAccess.visibleEvent(this.dataSource.manager, principal, id);
    const rows = await this.dataSource.query(`SELECT * FROM event_slots WHERE event_id = $1 ORDER BY index`, [id]);
    return rows.map((r: { id: string; index: number; starts_at: Date; ends_at: Date; session_name: string; session: number }) => ({
      id: r.id,
      index: r.index,
      start: new Date(r.starts_at).toISOString(),
      end: new Date(r.ends_at).toISOString(),
      session: r.session_name,
      sessionIndex: r.session,
    }));
  }

  private async assertCalendarFree(manager: EntityManager, id: string): Promise<void> {
    const [uses] = await manager.query(
      `SELECT (SELECT count(*) FROM event_participants WHERE event_id = $1 AND available_slot_ids IS NOT NULL)::int AS availability,
              (SELECT count(*) FROM event_meetings WHERE event_id = $1 AND allowed_slot_ids IS NOT NULL)::int AS restricted,
              (SELECT count(*) FROM schedule_versions WHERE event_id = $1)::int AS schedules`,
      [id],
    );
    if (uses.availability + uses.restricted + uses.schedules > 0) {
      throw new AppError(
        ErrorCode.EventInUse,
        `the event's slots are in use (${uses.availability} participants' availability, ${uses.restricted} restricted meetings, ${uses.schedules} schedule versions): its time zone, slot length and days can no longer change`,
      );
    }
  }

  private async writeSlots(manager: EntityManager, eventId: string, calendar: EventCalendar): Promise<void> {
    const slots = planSlots(calendar);
    await manager.query(
      `INSERT INTO event_slots (event_id, index, session, session_name, starts_at, ends_at)
       SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
      [eventId, slots.map((s) => s.index), slots.map((s) => s.session), slots.map((s) => s.sessionName), slots.map((s) => s.start.toISOString()), slots.map((s) => s.end.toISOString())],
    );
  }

  private async view(manager: EntityManager, e: EventRow): Promise<EventView> {
    const [counts] = await manager.query(
      `SELECT (SELECT count(*) FROM event_slots WHERE event_id = $1)::int AS slots,
              (SELECT count(*) FROM event_participants WHERE event_id = $1)::int AS participants,
              (SELECT count(*) FROM event_meetings WHERE event_id = $1 AND status = 'active')::int AS meetings`,
      [e.id],
    );
    return {
      id: e.id,
      name: e.name,
      timeZone: e.time_zone,
      slotMinutes: e.slot_minutes,
      days: e.days as EventDay[],
      tables: e.tables,
      roomLinks: e.room_links,
      maxMeetingsPerParticipant: e.max_meetings_per_participant,
      minMeetingsPerParticipant: e.min_meetings_per_participant,
      hostTables: e.host_tables,
      requestQuota: e.request_quota,
      requestTtlDays: e.request_ttl_days,
      publishedVersion: e.published_version,
      publishedAt: e.published_at ? new Date(e.published_at).toISOString() : null,
      counts,
      version: e.version,
      createdAt: new Date(e.created_at).toISOString(),
      updatedAt: new Date(e.updated_at).toISOString(),
    };
  }
}
