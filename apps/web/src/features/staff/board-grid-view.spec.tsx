/** @jest-environment ./test/support/jsdom-environment.js */
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { buildGrid } from './board-grid';
import { BoardGridView } from './board-grid-view';
import type { ScheduledMeeting, Slot } from './staff-api';
import './staff.messages';

const TIMES = ['08:00', '08:20', '08:40', '09:00'];
const SLOTS: Slot[] = [0, 1, 2].map((i) => ({ id: `s${i}`, index: i, start: `2027-03-18T${TIMES[i]}:00.000Z`, end: `2027-03-18T${TIMES[i + 1]}:00.000Z`, session: 'Morning', sessionIndex: 0 }));
const MEETING: ScheduledMeeting = {
  id: 'm1',
  requestId: null,
  slotId: 's0',
  start: SLOTS[0].start,
  end: SLOTS[0].end,
  table: 1,
  roomLink: null,
  participants: [
    { id: 'pa', organisationId: 'oa', name: 'Alpha Bio' },
    { id: 'pf', organisationId: 'of', name: 'Fondo Uno' },
  ],
  locked: true,
};

function renderBoard(selectedId: string | null, onMove = jest.fn(), onSelect = jest.fn()) {
  localStorage.setItem('hubmatch.language', 'en');
  const grid = buildGrid(SLOTS, 2, [MEETING]);
  render(
    <I18nProvider>
      <BoardGridView grid={grid} timeZone="Europe/Rome" selectedId={selectedId} onSelect={onSelect} onMove={onMove} />
    </I18nProvider>,
  );
  return { onMove, onSelect };
}

describe('BoardGridView', () => {
  it('labels rows with times in the event zone, columns with tables, and marks a locked meeting in words', () => {
    renderBoard(null);
    expect(screen.getByRole('columnheader', { name: 'Table 2' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: /09:20–09:40/ })).toBeTruthy();
    const meeting = screen.getByRole('button', { name: /Alpha Bio/ });
    expect(meeting.getAttribute('aria-label')).toBe('Alpha Bio · Fondo Uno, 09:00–09:20, table 1, locked');
    expect(meeting.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getAllByText('free')).toHaveLength(5);
  });

  it('selects a meeting with a click; with it selected the arrow keys move it to the next free cell', () => {
    const first = renderBoard(null);
    fireEvent.click(screen.getByRole('button', { name: /Alpha Bio/ }));
    expect(first.onSelect).toHaveBeenCalledWith('m1');
    document.body.innerHTML = '';

    const { onMove } = renderBoard('m1');
    const meeting = screen.getByRole('button', { name: /Alpha Bio/ });
    expect(meeting.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(meeting, { key: 'ArrowDown' });
    expect(onMove).toHaveBeenLastCalledWith('m1', 's1', 1);
    fireEvent.keyDown(meeting, { key: 'ArrowRight' });
    expect(onMove).toHaveBeenLastCalledWith('m1', 's0', 2);
    fireEvent.keyDown(meeting, { key: 'ArrowUp' });
    expect(onMove).toHaveBeenCalledTimes(2);
  });

  it('offers "Move here" on every free cell while a meeting is selected', () => {
    const { onMove } = renderBoard('m1');
    const targets = screen.getAllByRole('button', { name: /^Move the selected meeting to/ });
    expect(targets).toHaveLength(5);
    fireEvent.click(screen.getByRole('button', { name: 'Move the selected meeting to 09:40–10:00, table 2' }));
    expect(onMove).toHaveBeenCalledWith('m1', 's2', 2);
  });
});
