import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '@hub/domain';
import type { Principal } from '../auth/principal';
import type { LimitOffsetQueryDto } from '../common/limit-offset.dto';
import type { ImportFailure } from '../imports/import-result';
import type { AddEventMeetingDto } from './dto/add-event-meeting.dto';
import { EventAccess } from './event-access';
import { EventParticipantsService } from './event-participants.service';
import type { EventMeetingView, EventPage } from './event.view';

interface MeetingRow {
  id: string;
  event_id: string;
  request_id: string | null;
  participant_ids: string[];
  priority: number;
  allowed_slot_ids: string[] | null;
  status: 'active' | 'cancelled';
  source: 'request' | 'staff' | 'import';
}

const toView = (r: MeetingRow): EventMeetingView => ({
  id: r.id,
  eventId: r.event_id,
  requestId: r.request_id,
  participantIds: r.participant_ids,
  priority: r.priority,
  slotIds: r.allowed_slot_ids,
  status: r.status,
  source: r.source,
});

/** A staff meeting's priority when none is given: as a match of average score. */
export const DEFAULT_MEETING_PRIORITY = 50;
const IMPORT_MAX_ROWS = 20_000;

export interface MeetingImportResult {
  created: number;
  failed: ImportFailure[];
}

/**
 * The meetings an event's scheduler places: every accepted meeting request for the event (its priority is the
 * match score), plus meetings staff add directly or import from CSV.
 */
@Injectable()
export class EventMeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly participants: EventParticipantsService,
  ) {}

  /**
   * Brings the event's accepted requests in as meetings (once each). Both organisations must take part in the
   * event; a request between others waits until they are registered.
   */
  static async syncAcceptedRequests(manager: EntityManager, eventId: string): Promise<number> {
    const [, added]: [unknown[], number] = await manager.query(
      `INSERT INTO event_meetings (event_id, request_id, participant_ids, priority, source)
       SELECT r.event_id, r.id, ARRAY[pf.id, pt.id], greatest(coalesce(r.score, $2), 0.01), 'request'
         FROM meeting_requests r
         JOIN event_participants pf ON pf.event_id = r.event_id AND pf.organisation_id = r.from_organisation_id
         JOIN event_participants pt ON pt.event_id = r.event_id AND pt.organisation_id = r.to_organisation_id
        WHERE r.event_id = $1 AND r.status = 'accepted'
       ON CONFLICT ON CONSTRAINT uq_event_meetings_request DO NOTHING`,
      [eventId, DEFAULT_MEETING_PRIORITY],
    );
    return added;
  }

  async add(principal: Principal, eventId: string, dto: AddEventMeetingDto): Promise<EventMeetingView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await EventAccess.staffEvent(manager, eventId);
      await this.assertParticipants(manager, eventId, dto.participantIds, 'participantIds');
      if (dto.slotIds) await this.participants.assertEventSlots(manager, eventId, dto.slotIds, 'slotIds');
      const [row] = await manager.query(
        `INSERT INTO event_meetings (event_id, participant_ids, priority, allowed_slot_ids, source, created_by) VALUES ($1, $2, $3, $4, 'staff', $5) RETURNING id`,
        [eventId, dto.participantIds, dto.priority ?? DEFAULT_MEETING_PRIORITY, dto.slotIds ?? null, principal.userId],
      );
      return row.id as string;
    });
    const [row]: MeetingRow[] = await this.dataSource.query(`SELECT * FROM event_meetings WHERE id = $1`, [id]);
    return toView(row);
  }

  /** Staff see every meeting; a participant's members see the meetings it is in. */
  async list(principal: Principal, eventId: string, query: LimitOffsetQueryDto): Promise<EventPage<EventMeetingView>> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    await this.dataSource.transaction(async (manager) => {
      await EventAccess.visibleEvent(manager, principal, eventId);
      await EventMeetingsService.syncAcceptedRequests(manager, eventId);
    });
    const mine = principal.role === 'staff' ? null : principal.organisationId;
    const where = `m.event_id = $1 AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM event_participants p WHERE p.id = ANY(m.participant_ids) AND p.organisation_id = $2))`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT m.* FROM event_meetings m WHERE ${where} ORDER BY m.created_at, m.id LIMIT $3 OFFSET $4`, [eventId, mine, limit, offset]) as Promise<MeetingRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM event_meetings m WHERE ${where}`, [eventId, mine]),
    ]);
    return { items: rows.map(toView), total, limit, offset };
  }

  /**
   * Staff import meetings from CSV: columns `participantA`, `participantB` (an organisation id or a profile's
   * externalId; both must take part in the event), optional `priority` and `session` (a session window's name:
   * the meeting is held in that window only). Rows that break a rule are skipped and reported with their row
   * number as a spreadsheet shows it; the rest is written in one transaction.
   */
  async import(principal: Principal, eventId: string, csv: string): Promise<MeetingImportResult> {
    let records: string[][];
    try {
      records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 10_000 });
    } catch (error) {
      throw AppError.validation([{ field: 'file', rule: 'csv', message: (error as Error).message }]);
    }
    if (records.length === 0) throw AppError.validation([{ field: 'file', rule: 'notEmpty', message: 'the file is empty: it needs a header row and at least one record' }]);
    const header = records[0].map((h) => h.trim());
    const column = (name: string) => header.indexOf(name);
    const missing = ['participantA', 'participantB'].filter((name) => column(name) < 0);
    if (missing.length > 0) throw AppError.validation([{ field: 'file', rule: 'header', message: `the header lacks ${missing.join(' and ')} (columns: participantA, participantB, priority, session)` }]);
    if (records.length - 1 > IMPORT_MAX_ROWS) throw AppError.validation([{ field: 'file', rule: 'rows', message: `at most ${IMPORT_MAX_ROWS} meetings per file` }]);

    const result: MeetingImportResult = { created: 0, failed: [] };
    await this.dataSource.transaction(async (manager) => {
      await EventAccess.staffEvent(manager, eventId, true);
      // Participants by organisation id and by their profile's externalId.
      const participants: Array<{ id: string; organisation_id: string; external_id: string | null }> = await manager.query(
        `SELECT p.id, p.organisation_id, coalesce(c.external_id, f.external_id, r.external_id) AS external_id
           FROM event_participants p
           LEFT JOIN companies c ON c.id = p.organisation_id LEFT JOIN funds f ON f.id = p.organisation_id LEFT JOIN research_centres r ON r.id = p.organisation_id
          WHERE p.event_id = $1`,
        [eventId],
      );
      const byKey = new Map<string, string>();
      for (const p of participants) {
        byKey.set(p.organisation_id, p.id);
        if (p.external_id) byKey.set(p.external_id, p.id);
      }
      const sessions = new Map<string, string[]>();
      for (const slot of (await manager.query(`SELECT id, session_name FROM event_slots WHERE event_id = $1 ORDER BY index`, [eventId])) as Array<{ id: string; session_name: string }>) {
        const key = slot.session_name.toLowerCase();
        sessions.set(key, [...(sessions.get(key) ?? []), slot.id]);
      }
      const rows: Array<{ participants: string[]; priority: number; slots: string[] | null }> = [];
      records.slice(1).forEach((record, i) => {
        const row = i + 2;
        const cell = (name: string) => (column(name) >= 0 ? (record[column(name)] ?? '').trim() : '');
        const pair: string[] = [];
        for (const name of ['participantA', 'participantB']) {
          const participant = byKey.get(cell(name));
          if (!participant) return result.failed.push({ row, field: name, message: `${cell(name) || '(empty)'} is not an organisation id or externalId of a participant of this event` });
          pair.push(participant);
        }
        if (pair[0] === pair[1]) return result.failed.push({ row, field: 'participantB', message: 'a meeting needs two different participants' });
        const priorityText = cell('priority');
        const priority = priorityText === '' ? DEFAULT_MEETING_PRIORITY : Number(priorityText);
        if (!Number.isFinite(priority) || priority <= 0 || priority > 1000) return result.failed.push({ row, field: 'priority', message: 'priority must be a number above 0 and at most 1000' });
        const session = cell('session');
        const slots = session === '' ? null : (sessions.get(session.toLowerCase()) ?? undefined);
        if (slots === undefined) return result.failed.push({ row, field: 'session', message: `"${session}" is not a session of this event (${[...sessions.keys()].join(', ')})` });
        rows.push({ participants: pair, priority, slots });
      });
      for (const row of rows) {
        await manager.query(`INSERT INTO event_meetings (event_id, participant_ids, priority, allowed_slot_ids, source, created_by) VALUES ($1, $2, $3, $4, 'import', $5)`, [
          eventId,
          row.participants,
          row.priority,
          row.slots,
          principal.userId,
        ]);
      }
      result.created = rows.length;
    });
    return result;
  }

  private async assertParticipants(manager: EntityManager, eventId: string, ids: readonly string[], field: string): Promise<void> {
    const [{ known }] = await manager.query(`SELECT count(*)::int AS known FROM event_participants WHERE event_id = $1 AND id = ANY($2::uuid[])`, [eventId, ids]);
    if (known !== ids.length) throw AppError.validation([{ field, rule: 'eventParticipant', message: `every one of ${field} must be a participant of this event` }]);
  }
}
