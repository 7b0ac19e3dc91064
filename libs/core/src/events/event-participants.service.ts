import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../database/pg-errors';
import type { RegisterParticipantDto } from './dto/register-participant.dto';
import type { UpdateAvailabilityDto } from './dto/update-availability.dto';
import { EventAccess } from './event-access';
import type { EventParticipantView } from './event.view';

interface ParticipantRow {
  id: string;
  event_id: string;
  organisation_id: string;
  organisation_type: string;
  organisation_name: string;
  available_slot_ids: string[] | null;
  host: boolean;
}

const SELECT_PARTICIPANTS = `
  SELECT p.*, o.type AS organisation_type, coalesce(c.name, f.name, r.name) AS organisation_name
    FROM event_participants p
    JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN companies c ON c.id = p.organisation_id LEFT JOIN funds f ON f.id = p.organisation_id LEFT JOIN research_centres r ON r.id = p.organisation_id`;

const toView = (r: ParticipantRow): EventParticipantView => ({
  id: r.id,
  eventId: r.event_id,
  organisation: { id: r.organisation_id, type: r.organisation_type, name: r.organisation_name },
  availability: r.available_slot_ids,
  host: r.host,
});

/** Organisations taking part in an event, and when they can meet. */
@Injectable()
export class EventParticipantsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Staff register an organisation (funds and research centres host a table by default). */
  async register(eventId: string, dto: RegisterParticipantDto): Promise<EventParticipantView> {
    const id = await this.dataSource
      .transaction(async (manager) => {
        await EventAccess.staffEvent(manager, eventId);
        const [organisation] = await manager.query(`SELECT type FROM organisations WHERE id = $1`, [dto.organisationId]);
        if (!organisation) throw AppError.notFound('organisation', dto.organisationId);
        if (dto.availability) await this.assertEventSlots(manager, eventId, dto.availability, 'availability');
        const [row] = await manager.query(
          `INSERT INTO event_participants (event_id, organisation_id, available_slot_ids, host) VALUES ($1, $2, $3, $4) RETURNING id`,
          [eventId, dto.organisationId, dto.availability ?? null, dto.host ?? organisation.type !== 'company'],
        );
        return row.id as string;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_event_participants_organisation')) throw new AppError(ErrorCode.AlreadyRegistered, `organisation ${dto.organisationId} already takes part in this event`);
        throw error;
      });
    return this.one(id);
  }

  async list(principal: Principal, eventId: string): Promise<EventParticipantView[]> {
    await EventAccess.visibleEvent(this.dataSource.manager, principal, eventId);
    const rows: ParticipantRow[] = await this.dataSource.query(`${SELECT_PARTICIPANTS} WHERE p.event_id = $1 ORDER BY organisation_name, p.id`, [eventId]);
    // Participants see who else takes part, not when they are free.
    return rows.map((row) => (principal.role === 'staff' || row.organisation_id === principal.organisationId ? toView(row) : { ...toView(row), availability: null }));
  }

  /**
   * A participant's members (until the schedule is published) or staff (any time) set when it can meet. The
   * next scheduler run uses it; meetings already placed stay until then.
   */
  async updateAvailability(principal: Principal, eventId: string, participantId: string, dto: UpdateAvailabilityDto): Promise<EventParticipantView> {
    await this.dataSource.transaction(async (manager) => {
      const event = await EventAccess.visibleEvent(manager, principal, eventId, true);
      const [participant] = await manager.query(`SELECT organisation_id FROM event_participants WHERE id = $1 AND event_id = $2 FOR UPDATE`, [participantId, eventId]);
      if (!participant) throw AppError.notFound('participant', participantId);
      if (principal.role !== 'staff') {
        if (participant.organisation_id !== principal.organisationId) throw AppError.forbidden("only the participant's members and hub staff may change its availability");
        if (event.published_version !== null) {
          throw new AppError(ErrorCode.SchedulePublished, 'the schedule is published: availability no longer changes here; ask the hub staff');
        }
      }
      if (dto.availability) await this.assertEventSlots(manager, eventId, dto.availability, 'availability');
      await manager.query(`UPDATE event_participants SET available_slot_ids = $2, updated_at = now() WHERE id = $1`, [participantId, dto.availability]);
    });
    return this.one(participantId);
  }

  /** Every id must be a slot of this event. */
  async assertEventSlots(manager: EntityManager, eventId: string, slotIds: readonly string[], field: string): Promise<void> {
    const [{ known }] = await manager.query(`SELECT count(*)::int AS known FROM event_slots WHERE event_id = $1 AND id = ANY($2::uuid[])`, [eventId, slotIds]);
    if (known !== slotIds.length) {
      throw AppError.validation([{ field, rule: 'eventSlot', message: `${slotIds.length - known} of the ${field} ids are not slots of this event (GET /api/v1/events/${eventId}/slots lists them)` }]);
    }
  }

  private async one(id: string): Promise<EventParticipantView> {
    const [row]: ParticipantRow[] = await this.dataSource.query(`${SELECT_PARTICIPANTS} WHERE p.id = $1`, [id]);
    return toView(row);
  }
}
