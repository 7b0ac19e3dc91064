import type { EntityManager } from 'typeorm';
import type { SchedulingMeeting, SchedulingProblem } from '@hub/domain';
import type { EventRow } from './event-access';

export interface SlotRow {
  id: string;
  index: number;
  session: number;
  starts_at: Date;
  ends_at: Date;
}

export interface PlacementRow {
  meeting_id: string;
  slot_id: string;
  table_no: number;
  locked: boolean;
}

interface ParticipantRow {
  id: string;
  available_slot_ids: string[] | null;
  host: boolean;
}

interface MeetingRow {
  id: string;
  participant_ids: string[];
  priority: number;
  allowed_slot_ids: string[] | null;
}

/** An event's scheduling problem, with the maps between the solver's indexes and the database's ids. */
export interface ScheduleInput {
  problem: SchedulingProblem;
  slots: SlotRow[];
  slotIndex: Map<string, number>;
  /** Placements of the version the new one is based on, by meeting id. */
  base: Map<string, PlacementRow>;
}

/** The placements of one version, by meeting id. */
export async function placementsOf(manager: EntityManager, versionId: string | null): Promise<Map<string, PlacementRow>> {
  if (!versionId) return new Map();
  const rows: PlacementRow[] = await manager.query(`SELECT meeting_id, slot_id, table_no, locked FROM scheduled_meetings WHERE version_id = $1`, [versionId]);
  return new Map(rows.map((r) => [r.meeting_id, r]));
}

/**
 * Loads an event's problem: slots, participants with availability, active meetings. `fixedOf` says which of the
 * base version's placements must stay (locked ones; after publication, every placed one).
 */
export async function loadScheduleInput(
  manager: EntityManager,
  event: EventRow,
  baseVersionId: string | null,
  fixedOf: (placement: PlacementRow) => boolean,
  /** The base placements when the caller has them already (read once, not twice). */
  loadedBase?: Map<string, PlacementRow>,
): Promise<ScheduleInput> {
  const [slots, participants, meetings, base] = await Promise.all([
    manager.query(`SELECT id, index, session, starts_at, ends_at FROM event_slots WHERE event_id = $1 ORDER BY index`, [event.id]) as Promise<SlotRow[]>,
    manager.query(`SELECT id, available_slot_ids, host FROM event_participants WHERE event_id = $1 ORDER BY id`, [event.id]) as Promise<ParticipantRow[]>,
    manager.query(`SELECT id, participant_ids, priority, allowed_slot_ids FROM event_meetings WHERE event_id = $1 AND status = 'active' ORDER BY created_at, id`, [event.id]) as Promise<MeetingRow[]>,
    loadedBase ?? placementsOf(manager, baseVersionId),
  ]);
  const slotIndex = new Map(slots.map((s) => [s.id, s.index]));
  const indexes = (ids: string[] | null) => (ids === null ? null : ids.map((id) => slotIndex.get(id)).filter((i): i is number => i !== undefined));
  const problem: SchedulingProblem = {
    slots: slots.map((s) => ({ index: s.index, session: s.session })),
    tables: event.tables,
    hostTables: event.host_tables,
    participants: participants.map((p) => ({
      id: p.id,
      available: indexes(p.available_slot_ids),
      maxMeetings: event.max_meetings_per_participant,
      minMeetings: event.min_meetings_per_participant,
      host: p.host,
    })),
    meetings: meetings.map((m): SchedulingMeeting => {
      const placed = base.get(m.id);
      const fixed = placed && fixedOf(placed) ? { slot: slotIndex.get(placed.slot_id) as number, table: placed.table_no - 1 } : null;
      return { id: m.id, participants: m.participant_ids, priority: m.priority, allowedSlots: indexes(m.allowed_slot_ids), fixed };
    }),
  };
  return { problem, slots, slotIndex, base };
}
