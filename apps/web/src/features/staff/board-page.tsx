import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type ApiError, api, download, asApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { buildGrid, cellAt, meetingTitle, slotLabel } from './board-grid';
import { BoardGridView, DRAG_TYPE } from './board-grid-view';
import { eventPath, fetchSchedule, type EventMeeting, type EventView, type Page, type Participant, type Schedule, type Slot } from './staff-api';
import { ErrorLine, StaffOnly } from './staff-only';

const POLL_MS = 1000;

function Board({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [event, setEvent] = useState<EventView | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [eventMeetings, setEventMeetings] = useState<EventMeeting[]>([]);
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [tableSheets, setTableSheets] = useState<number[] | null>(null);
  const [moveSlot, setMoveSlot] = useState('');
  const [moveTable, setMoveTable] = useState('1');
  const refocus = useRef<string | null>(null);

  const fail = (e: unknown) => setError(asApiError(e));

  const load = useCallback(async () => {
    try {
      const [e, s, p, m, sch] = await Promise.all([
        api<EventView>('GET', eventPath(eventId)),
        api<Slot[]>('GET', eventPath(eventId, '/slots')),
        api<Participant[]>('GET', eventPath(eventId, '/participants')),
        api<Page<EventMeeting>>('GET', eventPath(eventId, '/meetings?limit=100')),
        fetchSchedule(eventId),
      ]);
      setEvent(e);
      setSlots(s);
      setParticipants(p);
      setEventMeetings(m.items);
      setSchedule(sch);
    } catch (e) {
      fail(e);
    } finally {
      setLoaded(true);
    }
  }, [eventId]);
  useEffect(() => {
    void load();
  }, [load]);

  // While the scheduler runs, poll the newest version.
  const running = schedule?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      fetchSchedule(eventId).then((s) => {
        setSchedule(s);
        if (s && s.status !== 'running') setStatus(s.status === 'completed' ? t('staff.board.runDone', { v: s.version }) : t('staff.board.runFailed', { reason: s.failedReason ?? '' }));
      }, fail);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, schedule, eventId, t]);

  // After a move, keep the keyboard focus on the moved meeting.
  useEffect(() => {
    if (!refocus.current) return;
    const button = document.querySelector<HTMLElement>(`[data-meeting-id="${refocus.current}"]`);
    refocus.current = null;
    button?.focus();
  }, [schedule]);

  const grid = useMemo(() => buildGrid(slots, event?.tables ?? 0, schedule?.status === 'running' ? [] : (schedule?.meetings ?? [])), [slots, event, schedule]);
  const names = useMemo(() => new Map(participants.map((p) => [p.id, p.organisation.name])), [participants]);
  const participantsOf = useCallback(
    (meetingId: string) => {
      const placed = schedule?.meetings.find((m) => m.id === meetingId);
      if (placed) return placed.participants.map((p) => ({ id: p.id, name: p.name }));
      return (eventMeetings.find((m) => m.id === meetingId)?.participantIds ?? []).map((pid) => ({ id: pid, name: names.get(pid) ?? pid }));
    },
    [schedule, eventMeetings, names],
  );
  const selectedPlaced = schedule?.meetings.find((m) => m.id === selectedId) ?? null;
  const selectedUnscheduled = schedule?.unscheduled.find((u) => u.id === selectedId) ?? null;

  useEffect(() => {
    if (selectedPlaced) {
      setMoveSlot(selectedPlaced.slotId);
      setMoveTable(String(selectedPlaced.table));
    } else if (selectedUnscheduled && slots[0]) setMoveSlot((s) => s || slots[0].id);
  }, [selectedPlaced, selectedUnscheduled, slots]);

  async function act(work: () => Promise<Schedule>, done: string, focusId?: string) {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      if (focusId) refocus.current = focusId;
      setSchedule(next);
      setStatus(done);
    } catch (e) {
      fail(e);
      setStatus('');
    } finally {
      setBusy(false);
    }
  }

  const whereText = (slotId: string, table: number) => {
    const slot = slots.find((s) => s.id === slotId);
    return t('staff.board.where', { time: slot && event ? slotLabel(slot, event.timeZone) : slotId, n: table });
  };

  const move = (meetingId: string, slotId: string, table: number) =>
    act(
      () => api<Schedule>('PATCH', eventPath(eventId, `/schedule/meetings/${meetingId}`), { slotId, table }),
      t('staff.board.moved', { who: participantsOf(meetingId).map((p) => p.name).join(' · '), where: whereText(slotId, table) }),
      meetingId,
    );

  async function run() {
    setBusy(true);
    setError(null);
    try {
      await api('POST', eventPath(eventId, '/schedule'));
      setStatus(t('staff.board.running'));
      setSchedule(await fetchSchedule(eventId));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function loadSheets() {
    try {
      const sheets = await api<Array<{ table: number }>>('GET', eventPath(eventId, '/tables'));
      setTableSheets(sheets.map((s) => s.table));
    } catch (e) {
      fail(e);
    }
  }

  function submitMove(e: FormEvent) {
    e.preventDefault();
    if (selectedId && moveSlot) void move(selectedId, moveSlot, Number(moveTable));
  }

  if (!loaded) return <p>{t('common.loading')}</p>;
  if (!event) return <ErrorLine error={error} />;
  const completed = schedule?.status === 'completed';
  const targetTaken = selectedId && moveSlot ? cellAt(grid, moveSlot, Number(moveTable))?.meeting : null;

  return (
    <>
      <h1>{t('staff.board.heading', { name: event.name })}</h1>
      <p>
        <Link to="/staff/events">{t('staff.events.title')}</Link> · <Link to={`/staff/events/${event.id}`}>{t('staff.board.eventPage')}</Link>
      </p>
      <section aria-labelledby={`${id}-run`} className="board-toolbar">
        <h2 id={`${id}-run`} className="visually-hidden">
          {t('staff.board.controls')}
        </h2>
        <button type="button" onClick={run} disabled={busy || running}>
          {t('staff.board.run')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => act(() => api<Schedule>('POST', eventPath(eventId, '/schedule/publish')), t('staff.board.publishedNow'))} disabled={busy || !completed}>
          {t('staff.board.publish')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => download(eventPath(eventId, '/schedule.csv'), 'schedule.csv').catch(fail)} disabled={!completed}>
          {t('staff.board.exportCsv')}
        </button>{' '}
        <button type="button" className="secondary" onClick={loadSheets} disabled={!completed}>
          {t('staff.board.tableSheets')}
        </button>
        {tableSheets && (
          <ul className="sheets" aria-label={t('staff.board.tableSheets')}>
            {tableSheets.map((n) => (
              <li key={n}>
                <button type="button" className="link" onClick={() => download(eventPath(eventId, `/tables/${n}.csv`), `table-${n}.csv`).catch(fail)}>
                  {t('staff.board.tableCsv', { n })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="schedule-status">
          {!schedule ? (
            <p>{t('staff.board.noSchedule')}</p>
          ) : (
            <p data-testid="schedule-status">
              {t('staff.board.version', { v: schedule.version })} — {t(`staff.status.${schedule.status}`)}
              {schedule.published && ` — ${t('staff.board.isPublished')}`}
              {schedule.stats && ` — ${t('staff.board.stats', { scheduled: schedule.stats.scheduled, meetings: schedule.stats.meetings })}`}
            </p>
          )}
          {running && (
            <p>
              <label htmlFor={`${id}-progress`}>{t('staff.board.progress')}</label> <progress id={`${id}-progress`} max={1} value={schedule?.progress ?? 0} /> {Math.round((schedule?.progress ?? 0) * 100)}%
            </p>
          )}
          {schedule?.status === 'failed' && <p className="form-error">{schedule.failedReason}</p>}
        </div>
      </section>
      <p role="status" aria-live="polite" className="board-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="form-error" data-testid="board-error">
          {error.message}
        </p>
      )}
      <p className="hint">{t('staff.board.keyboardHelp')}</p>
      <div className="board-layout">
        <div className="board-scroll">
          {schedule && completed ? (
            <BoardGridView grid={grid} timeZone={event.timeZone} selectedId={selectedId} selectedParticipants={selectedId ? participantsOf(selectedId) : undefined} disabled={busy} onSelect={setSelectedId} onMove={move} />
          ) : (
            <p>{running ? t('staff.board.running') : t('staff.board.noGrid')}</p>
          )}
        </div>
        <aside aria-labelledby={`${id}-side`}>
          <h2 id={`${id}-side`}>{t('staff.board.unscheduled', { n: schedule?.unscheduled.length ?? 0 })}</h2>
          {schedule && schedule.unscheduled.length > 0 ? (
            <ul className="unscheduled">
              {schedule.unscheduled.map((u) => (
                <li key={u.id} draggable onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, u.id)}>
                  <button type="button" className="secondary" aria-pressed={selectedId === u.id} onClick={() => setSelectedId(selectedId === u.id ? null : u.id)}>
                    {participantsOf(u.id)
                      .map((p) => p.name)
                      .join(' · ') || u.id}
                  </button>{' '}
                  <span>{t(`staff.reason.${u.reason}`)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('staff.board.allPlaced')}</p>
          )}
          {selectedId && (selectedPlaced || selectedUnscheduled) && (
            <section aria-labelledby={`${id}-sel`} className="selected-panel">
              <h3 id={`${id}-sel`}>{t('staff.board.selectedMeeting')}</h3>
              <p>{selectedPlaced ? meetingTitle(selectedPlaced) : participantsOf(selectedId).map((p) => p.name).join(' · ')}</p>
              {selectedPlaced && <p>{whereText(selectedPlaced.slotId, selectedPlaced.table)}{selectedPlaced.locked ? ` — 🔒 ${t('staff.board.locked')}` : ''}</p>}
              <form onSubmit={submitMove}>
                <div className="field">
                  <label htmlFor={`${id}-slot`}>{t('staff.board.moveSlot')}</label>
                  <select id={`${id}-slot`} value={moveSlot} onChange={(e) => setMoveSlot(e.target.value)}>
                    {slots.map((s) => (
                      <option key={s.id} value={s.id}>
                        {slotLabel(s, event.timeZone)} ({s.session})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-table`}>{t('staff.board.moveTable')}</label>
                  <select id={`${id}-table`} value={moveTable} onChange={(e) => setMoveTable(e.target.value)}>
                    {Array.from({ length: event.tables }, (_, i) => (
                      <option key={i} value={String(i + 1)}>
                        {t('staff.board.table', { n: i + 1 })}
                      </option>
                    ))}
                  </select>
                </div>
                {targetTaken && targetTaken.id !== selectedId && <p className="hint">⚠ {t('staff.board.taken', { who: meetingTitle(targetTaken) })}</p>}
                <button type="submit" disabled={busy}>
                  {selectedPlaced ? t('staff.board.moveTo') : t('staff.board.place')}
                </button>
              </form>
              {selectedPlaced && (
                <p>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() =>
                      act(
                        () => api<Schedule>('PATCH', eventPath(eventId, `/schedule/meetings/${selectedPlaced.id}`), { locked: !selectedPlaced.locked }),
                        selectedPlaced.locked ? t('staff.board.unlockedNow') : t('staff.board.lockedNow'),
                        selectedPlaced.id,
                      )
                    }
                  >
                    {selectedPlaced.locked ? t('staff.board.unlock') : t('staff.board.lock')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => {
                      if (!window.confirm(t('staff.board.confirmCancel'))) return;
                      void act(() => api<Schedule>('POST', eventPath(eventId, `/schedule/meetings/${selectedPlaced.id}/cancel`)), t('staff.board.cancelledNow')).then(() => setSelectedId(null));
                    }}
                  >
                    {t('staff.board.cancelMeeting')}
                  </button>
                </p>
              )}
            </section>
          )}
        </aside>
      </div>
    </>
  );
}

export function BoardPage() {
  const { id = '' } = useParams();
  return (
    <StaffOnly>
      <main className="wide">
        <Board eventId={id} />
      </main>
    </StaffOnly>
  );
}
