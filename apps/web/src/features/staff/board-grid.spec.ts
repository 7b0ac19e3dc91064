import { busyParticipants, buildGrid, freeCells, isFree, nextFreeCell, positionOf, slotLabel } from './board-grid';
import type { ScheduledMeeting, Slot } from './staff-api';

const slot = (index: number, start: string, end: string): Slot => ({ id: `s${index}`, index, start, end, session: 'Morning', sessionIndex: 0 });
const SLOTS = [slot(2, '2027-03-18T08:40:00.000Z', '2027-03-18T09:00:00.000Z'), slot(0, '2027-03-18T08:00:00.000Z', '2027-03-18T08:20:00.000Z'), slot(1, '2027-03-18T08:20:00.000Z', '2027-03-18T08:40:00.000Z')];
const p = (id: string) => ({ id, organisationId: `o-${id}`, name: id.toUpperCase() });
const meeting = (id: string, slotId: string, table: number, who: string[]): ScheduledMeeting => ({
  id,
  requestId: null,
  slotId,
  start: '',
  end: '',
  table,
  roomLink: null,
  participants: who.map(p),
  locked: false,
});

describe('the scheduling board grid', () => {
  const m1 = meeting('m1', 's0', 1, ['a', 'f']);
  const m2 = meeting('m2', 's1', 2, ['b', 'f']);
  const grid = buildGrid(SLOTS, 2, [m1, m2]);

  it('puts slots in order as rows and tables as columns, each meeting in its cell', () => {
    expect(grid.rows.map((r) => r.slot.id)).toEqual(['s0', 's1', 's2']);
    expect(grid.rows.map((r) => r.cells.map((c) => c.meeting?.id ?? null))).toEqual([
      ['m1', null],
      [null, 'm2'],
      [null, null],
    ]);
    expect(grid.rows[0].cells.map((c) => c.table)).toEqual([1, 2]);
    expect(grid.misplaced).toEqual([]);
  });

  it('keeps meetings it cannot place (unknown slot, table out of range, double booking) aside', () => {
    const odd = buildGrid(SLOTS, 2, [m1, meeting('x', 'nope', 1, []), meeting('y', 's0', 3, []), meeting('z', 's0', 1, [])]);
    expect(odd.misplaced.map((m) => m.id)).toEqual(['x', 'y', 'z']);
  });

  it('knows which cells are free', () => {
    expect(isFree(grid, 's0', 1)).toBe(false);
    expect(isFree(grid, 's0', 2)).toBe(true);
    expect(isFree(grid, 's0', 3)).toBe(false);
    expect(isFree(grid, 'nope', 1)).toBe(false);
    expect(freeCells(grid)).toEqual([
      { slotId: 's0', table: 2 },
      { slotId: 's1', table: 1 },
      { slotId: 's2', table: 1 },
      { slotId: 's2', table: 2 },
    ]);
    expect(positionOf(grid, 'm2')).toEqual({ row: 1, col: 1 });
  });

  it('finds the next free cell in a direction for the keyboard, skipping taken cells', () => {
    expect(nextFreeCell(grid, 'm1', 'down')).toEqual({ slotId: 's1', table: 1 });
    expect(nextFreeCell(grid, 'm1', 'right')).toEqual({ slotId: 's0', table: 2 });
    expect(nextFreeCell(grid, 'm1', 'up')).toBeNull();
    expect(nextFreeCell(grid, 'm1', 'left')).toBeNull();
    expect(nextFreeCell(grid, 'm2', 'up')).toEqual({ slotId: 's0', table: 2 });
    const stacked = buildGrid(SLOTS, 1, [meeting('a', 's0', 1, []), meeting('b', 's1', 1, [])]);
    expect(nextFreeCell(stacked, 'a', 'down')).toEqual({ slotId: 's2', table: 1 });
    expect(nextFreeCell(grid, 'unknown', 'down')).toBeNull();
  });

  it('names participants already busy in a slot, ignoring the meeting itself', () => {
    expect(busyParticipants(grid, m2, 's0')).toEqual(['F']);
    expect(busyParticipants(grid, m2, 's1')).toEqual([]);
    expect(busyParticipants(grid, m2, 's2')).toEqual([]);
  });

  it("shows slot times in the event's time zone", () => {
    expect(slotLabel(SLOTS[1], 'Europe/Rome')).toBe('09:00–09:20');
    expect(slotLabel(SLOTS[1], 'UTC')).toBe('08:00–08:20');
  });
});
