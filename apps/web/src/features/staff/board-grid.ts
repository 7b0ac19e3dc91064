import type { ScheduledMeeting, Slot } from './staff-api';

/** One cell of the board: a slot at a table, with the meeting placed there if any. */
export interface GridCell {
  slotId: string;
  table: number;
  meeting: ScheduledMeeting | null;
}

export interface GridRow {
  slot: Slot;
  cells: GridCell[];
}

export interface Grid {
  tables: number;
  rows: GridRow[];
  /** Meetings the grid cannot show (unknown slot or a table beyond the event's), so nothing vanishes silently. */
  misplaced: ScheduledMeeting[];
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** Rows = slots (in order), columns = tables 1..tables; each placed meeting in its cell. */
export function buildGrid(slots: Slot[], tables: number, meetings: ScheduledMeeting[]): Grid {
  const ordered = [...slots].sort((a, b) => a.index - b.index);
  const rowOf = new Map<string, GridRow>();
  const rows = ordered.map((slot) => {
    const row: GridRow = { slot, cells: Array.from({ length: tables }, (_, i) => ({ slotId: slot.id, table: i + 1, meeting: null })) };
    rowOf.set(slot.id, row);
    return row;
  });
  const misplaced: ScheduledMeeting[] = [];
  for (const meeting of meetings) {
    const cell = rowOf.get(meeting.slotId)?.cells[meeting.table - 1];
    if (!cell || cell.meeting) misplaced.push(meeting);
    else cell.meeting = meeting;
  }
  return { tables, rows, misplaced };
}

export function cellAt(grid: Grid, slotId: string, table: number): GridCell | undefined {
  return grid.rows.find((r) => r.slot.id === slotId)?.cells[table - 1];
}

/** A cell is free when it exists and no meeting sits there. */
export function isFree(grid: Grid, slotId: string, table: number): boolean {
  const cell = cellAt(grid, slotId, table);
  return !!cell && cell.meeting === null;
}

export function freeCells(grid: Grid): Array<{ slotId: string; table: number }> {
  return grid.rows.flatMap((r) => r.cells.filter((c) => c.meeting === null).map((c) => ({ slotId: c.slotId, table: c.table })));
}

/** Where a meeting sits in the grid (row and column indexes), or null. */
export function positionOf(grid: Grid, meetingId: string): { row: number; col: number } | null {
  for (let row = 0; row < grid.rows.length; row++) {
    const col = grid.rows[row].cells.findIndex((c) => c.meeting?.id === meetingId);
    if (col >= 0) return { row, col };
  }
  return null;
}

/** The nearest free cell from a meeting's cell in one direction (same table up/down, same slot left/right). */
export function nextFreeCell(grid: Grid, meetingId: string, direction: Direction): { slotId: string; table: number } | null {
  const from = positionOf(grid, meetingId);
  if (!from) return null;
  const [dr, dc] = { up: [-1, 0], down: [1, 0], left: [0, -1], right: [0, 1] }[direction];
  for (let r = from.row + dr, c = from.col + dc; r >= 0 && r < grid.rows.length && c >= 0 && c < grid.tables; r += dr, c += dc) {
    const cell = grid.rows[r].cells[c];
    if (!cell.meeting) return { slotId: cell.slotId, table: cell.table };
  }
  return null;
}

/**
 * Names of the meeting's participants who already meet someone else in that slot: the API refuses such a move
 * (409), the board says so beforehand.
 */
export function busyParticipants(grid: Grid, meeting: { id: string; participants: Array<{ id: string; name: string }> }, slotId: string): string[] {
  const row = grid.rows.find((r) => r.slot.id === slotId);
  if (!row) return [];
  const ids = new Set(meeting.participants.map((p) => p.id));
  const busy: string[] = [];
  for (const cell of row.cells) {
    if (!cell.meeting || cell.meeting.id === meeting.id) continue;
    for (const p of cell.meeting.participants) if (ids.has(p.id) && !busy.includes(p.name)) busy.push(p.name);
  }
  return busy;
}

/** "09:00" in the event's time zone (24-hour clock in both languages). */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** "18/03/2027" style date of a slot in the event's time zone, per language. */
export function formatDate(iso: string, timeZone: string, language: 'it' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

/** "09:00–09:20" for a slot. */
export function slotLabel(slot: Pick<Slot, 'start' | 'end'>, timeZone: string): string {
  return `${formatTime(slot.start, timeZone)}–${formatTime(slot.end, timeZone)}`;
}

/** Participant names of a meeting, joined for display. */
export function meetingTitle(meeting: Pick<ScheduledMeeting, 'participants'>): string {
  return meeting.participants.map((p) => p.name).join(' · ');
}
