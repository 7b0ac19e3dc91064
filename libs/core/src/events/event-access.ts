import type { EntityManager } from 'typeorm';
import { AppError } from '@hub/domain';
import type { Principal } from '../auth/principal';

export interface EventRow {
  id: string;
  name: string;
  time_zone: string;
  slot_minutes: number;
  days: unknown;
  tables: number;
  room_links: string[] | null;
  max_meetings_per_participant: number;
  min_meetings_per_participant: number;
  host_tables: boolean;
  request_quota: number | null;
  request_ttl_days: number | null;
  published_version: number | null;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * Who may see an event: staff, and members of its participating organisations. Anyone else gets the 404 of an
 * event that does not exist, so event ids cannot be probed.
 */
export const EventAccess = {
  async visibleEvent(manager: EntityManager, principal: Principal, eventId: string, lock = false): Promise<EventRow> {
    const [event]: EventRow[] = await manager.query(`SELECT * FROM events WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [eventId]);
    if (!event) throw AppError.notFound('event', eventId);
    if (principal.role === 'staff') return event;
    if (principal.organisationId) {
      const [participant] = await manager.query(`SELECT 1 FROM event_participants WHERE event_id = $1 AND organisation_id = $2`, [eventId, principal.organisationId]);
      if (participant) return event;
    }
    throw AppError.notFound('event', eventId);
  },

  /** Staff only (routes are guarded by role too); the event must exist. */
  async staffEvent(manager: EntityManager, eventId: string, lock = false): Promise<EventRow> {
    const [event]: EventRow[] = await manager.query(`SELECT * FROM events WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [eventId]);
    if (!event) throw AppError.notFound('event', eventId);
    return event;
  },
};
