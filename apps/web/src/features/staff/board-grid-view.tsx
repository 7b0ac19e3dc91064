import type { DragEvent, KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { busyParticipants, formatDate, meetingTitle, nextFreeCell, slotLabel, type Direction, type Grid } from './board-grid';

const KEYS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
export const DRAG_TYPE = 'text/plain';

interface Props {
  grid: Grid;
  timeZone: string;
  /** The selected meeting (placed or unscheduled), whose moves the free cells offer. */
  selectedId: string | null;
  /** Participants of the selected meeting, to warn about cells where one of them is busy. */
  selectedParticipants?: Array<{ id: string; name: string }>;
  disabled?: boolean;
  onSelect(meetingId: string | null): void;
  onMove(meetingId: string, slotId: string, table: number): void;
}

/**
 * The board: rows = slots (times in the event's zone), columns = tables. A meeting is a button: click or Enter
 * selects it, arrow keys then move it to the next free cell that way; with one selected, each free cell offers
 * "Move here"; meetings can also be dragged onto a free cell.
 */
export function BoardGridView({ grid, timeZone, selectedId, selectedParticipants, disabled, onSelect, onMove }: Props) {
  const { t, language } = useI18n();
  const multiDay = new Set(grid.rows.map((r) => r.slot.start.slice(0, 10))).size > 1;

  function onKey(event: KeyboardEvent<HTMLElement>, meetingId: string) {
    const direction = KEYS[event.key];
    if (event.key === 'Escape') {
      onSelect(null);
      return;
    }
    if (!direction || selectedId !== meetingId || disabled) return;
    event.preventDefault();
    const target = nextFreeCell(grid, meetingId, direction);
    if (target) onMove(meetingId, target.slotId, target.table);
  }

  function allowDrop(event: DragEvent<HTMLTableCellElement>, free: boolean) {
    if (!free || disabled) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }

  function drop(event: DragEvent<HTMLTableCellElement>, slotId: string, table: number) {
    event.preventDefault();
    const meetingId = event.dataTransfer.getData(DRAG_TYPE);
    if (meetingId && !disabled) onMove(meetingId, slotId, table);
  }

  return (
    <table className="board">
      <caption>{t('staff.board.caption', { zone: timeZone })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('staff.board.slot')}</th>
          {Array.from({ length: grid.tables }, (_, i) => (
            <th scope="col" key={i}>
              {t('staff.board.table', { n: i + 1 })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rows.map((row) => {
          const time = `${multiDay ? `${formatDate(row.slot.start, timeZone, language)} ` : ''}${slotLabel(row.slot, timeZone)}`;
          const busy = selectedId && selectedParticipants ? busyParticipants(grid, { id: selectedId, participants: selectedParticipants }, row.slot.id) : [];
          return (
            <tr key={row.slot.id}>
              <th scope="row">
                {time}
                <br />
                <small>{row.slot.session}</small>
              </th>
              {row.cells.map((cell) => {
                const m = cell.meeting;
                const where = t('staff.board.where', { time, n: cell.table });
                if (m) {
                  const selected = m.id === selectedId;
                  return (
                    <td key={cell.table} className={`cell taken${selected ? ' selected' : ''}`} data-slot={cell.slotId} data-table={cell.table} onDragOver={(e) => allowDrop(e, false)}>
                      <div
                        role="button"
                        tabIndex={0}
                        className="meeting"
                        data-meeting-id={m.id}
                        draggable={!disabled}
                        aria-pressed={selected}
                        aria-label={`${meetingTitle(m)}, ${where}${m.locked ? `, ${t('staff.board.locked')}` : ''}`}
                        onClick={() => onSelect(selected ? null : m.id)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            onSelect(selected ? null : m.id);
                          } else onKey(e, m.id);
                        }}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(DRAG_TYPE, m.id);
                          e.dataTransfer.effectAllowed = 'move';
                        }}
                      >
                        {m.participants.map((p) => (
                          <span key={p.id} className="who">
                            {p.name}
                          </span>
                        ))}
                        {m.locked && <span className="lock">🔒 {t('staff.board.locked')}</span>}
                        {selected && <span className="sel">✔ {t('staff.board.selected')}</span>}
                      </div>
                    </td>
                  );
                }
                return (
                  <td key={cell.table} className="cell free" data-slot={cell.slotId} data-table={cell.table} data-testid={`cell-${row.slot.index}-${cell.table}`} onDragOver={(e) => allowDrop(e, true)} onDrop={(e) => drop(e, cell.slotId, cell.table)}>
                    {selectedId && !disabled ? (
                      <button type="button" className="link" aria-label={t('staff.board.moveHereTo', { where })} onClick={() => onMove(selectedId, cell.slotId, cell.table)}>
                        {t('staff.board.moveHere')}
                        {busy.length > 0 && <small> ⚠ {t('staff.board.busy', { names: busy.join(', ') })}</small>}
                      </button>
                    ) : (
                      <span className="free-label">{t('staff.board.free')}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
