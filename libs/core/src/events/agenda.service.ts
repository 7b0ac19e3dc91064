import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { agendaToIcs, AppError, eventScheduleToCsv, tableSheets, type AgendaEvent, type AgendaMeeting, type Language, type TableSheet } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { EventAccess, type EventRow } from './event-access';
import { ScheduleService } from './schedule.service';
import type { ScheduledMeetingView } from './schedule.view';

export interface AgendaView {
  eventId: string;
  organisationId: string;
  version: number;
  published: boolean;
  meetings: ScheduledMeetingView[];
}

/**
 * Agendas and exports. Participants read the published schedule only (what they were told); staff read the
 * newest completed version, published or not. An organisation's agenda is for its members and staff: anyone
 * else gets a 404, as for an event or organisation that does not exist.
 */
@Injectable()
export class AgendaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async agenda(principal: Principal, eventId: string, organisationId: string): Promise<AgendaView> {
    const { event, version } = await this.readable(principal, eventId, organisationId);
    return {
      eventId,
      organisationId,
      version: version.version,
      published: event.published_version === version.version,
      meetings: await ScheduleService.meetingsOf(this.dataSource.manager, event, version.id, organisationId),
    };
  }

  async ics(principal: Principal, eventId: string, organisationId: string, language: Language): Promise<string> {
    const { event, version } = await this.readable(principal, eventId, organisationId);
    const meetings = await ScheduleService.meetingsOf(this.dataSource.manager, event, version.id, organisationId);
    const name = (await this.dataSource.query(`SELECT coalesce(c.name, f.name, r.name) AS name FROM organisations o LEFT JOIN companies c ON c.id = o.id LEFT JOIN funds f ON f.id = o.id LEFT JOIN research_centres r ON r.id = o.id WHERE o.id = $1`, [organisationId]))[0].name;
    // The agenda's participant is the organisation: its meetings' participants are named by organisation too.
    return agendaToIcs(this.agendaEvent(event), { id: organisationId, name }, meetings.map((m) => this.agendaMeeting(m, true)), { now: new Date(), sequence: version.version, language });
  }

  async csv(principal: Principal, eventId: string, organisationId: string): Promise<string> {
    const { event, version } = await this.readable(principal, eventId, organisationId);
    const meetings = await ScheduleService.meetingsOf(this.dataSource.manager, event, version.id, organisationId);
    return eventScheduleToCsv(this.agendaEvent(event), meetings.map((m) => this.agendaMeeting(m, false)), { bom: true });
  }

  /** Staff: the whole event as one CSV. */
  async eventCsv(eventId: string): Promise<string> {
    const { event, meetings } = await this.staffMeetings(eventId);
    return eventScheduleToCsv(this.agendaEvent(event), meetings, { bom: true });
  }

  /** Staff: one sheet per table, to print and leave on it. */
  async tables(eventId: string): Promise<TableSheet[]> {
    const { event, meetings } = await this.staffMeetings(eventId);
    return tableSheets(this.agendaEvent(event), meetings);
  }

  private async staffMeetings(eventId: string): Promise<{ event: EventRow; meetings: AgendaMeeting[] }> {
    const manager = this.dataSource.manager;
    const event = await EventAccess.staffEvent(manager, eventId);
    const version = await this.version(manager, event, true);
    const meetings = await ScheduleService.meetingsOf(manager, event, version.id);
    return { event, meetings: meetings.map((m) => this.agendaMeeting(m, false)) };
  }

  private async readable(principal: Principal, eventId: string, organisationId: string): Promise<{ event: EventRow; version: { id: string; version: number } }> {
    const manager = this.dataSource.manager;
    const event = await EventAccess.visibleEvent(manager, principal, eventId);
    const staff = principal.role === 'staff';
    if (!staff && principal.organisationId !== organisationId) throw AppError.notFound('agenda', `of organisation ${organisationId}`);
    const [participant] = await manager.query(`SELECT 1 FROM event_participants WHERE event_id = $1 AND organisation_id = $2`, [eventId, organisationId]);
    if (!participant) throw AppError.notFound('participant', organisationId);
    return { event, version: await this.version(manager, event, staff) };
  }

  /** The published version; for staff, the newest completed one when nothing is published yet. */
  private async version(manager: EntityManager, event: EventRow, staff: boolean): Promise<{ id: string; version: number }> {
    const [row] =
      event.published_version !== null
        ? await manager.query(`SELECT id, version FROM schedule_versions WHERE event_id = $1 AND version = $2`, [event.id, event.published_version])
        : staff
          ? await manager.query(`SELECT id, version FROM schedule_versions WHERE event_id = $1 AND status = 'completed' ORDER BY version DESC LIMIT 1`, [event.id])
          : [];
    if (!row) throw AppError.notFound('schedule', staff ? `of event ${event.id}: run the scheduler first` : `of event ${event.id}: it is not published yet`);
    return row;
  }

  private agendaEvent(event: EventRow): AgendaEvent {
    return { id: event.id, name: event.name, timeZone: event.time_zone };
  }

  /** `byOrganisation`: participants identified by organisation id (an organisation's own agenda). */
  private agendaMeeting(m: ScheduledMeetingView, byOrganisation: boolean): AgendaMeeting {
    return {
      id: m.id,
      start: new Date(m.start),
      end: new Date(m.end),
      table: m.table,
      tableLabel: m.roomLink,
      participants: m.participants.map((p) => ({ id: byOrganisation ? p.organisationId : p.id, name: p.name })),
    };
  }
}
