import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type ApiError, api, asApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { formatDate, slotLabel } from './board-grid';
import { OrganisationPicker, type PickedOrganisation } from './organisation-picker';
import { eventPath, type EventMeeting, type EventView, type Page, type Participant, type Slot } from './staff-api';
import { ErrorLine, StaffOnly } from './staff-only';

function EventDetail({ eventId }: { eventId: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const [event, setEvent] = useState<EventView | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [meetings, setMeetings] = useState<EventMeeting[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<PickedOrganisation | null>(null);
  const [host, setHost] = useState<'default' | 'yes' | 'no'>('default');
  const [registerError, setRegisterError] = useState<ApiError | null>(null);
  const [meetingA, setMeetingA] = useState('');
  const [meetingB, setMeetingB] = useState('');
  const [priority, setPriority] = useState('50');
  const [meetingError, setMeetingError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');

  const load = useCallback(async () => {
    try {
      const [e, s, p, m] = await Promise.all([
        api<EventView>('GET', eventPath(eventId)),
        api<Slot[]>('GET', eventPath(eventId, '/slots')),
        api<Participant[]>('GET', eventPath(eventId, '/participants')),
        api<Page<EventMeeting>>('GET', eventPath(eventId, '/meetings?limit=100')),
      ]);
      setEvent(e);
      setSlots(s);
      setParticipants(p);
      setMeetings(m.items);
    } catch (e) {
      setError(e);
    }
  }, [eventId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function register(e: FormEvent) {
    e.preventDefault();
    if (!picked) return;
    setRegisterError(null);
    try {
      const body: Record<string, unknown> = { organisationId: picked.id };
      if (host !== 'default') body.host = host === 'yes';
      await api('POST', eventPath(eventId, '/participants'), body);
      setNotice(t('staff.event.registered', { name: picked.name }));
      setPicked(null);
      await load();
    } catch (err) {
      setRegisterError(asApiError(err));
    }
  }

  async function addMeeting(e: FormEvent) {
    e.preventDefault();
    setMeetingError(null);
    try {
      const body: Record<string, unknown> = { participantIds: [meetingA, meetingB].filter(Boolean) };
      if (priority.trim()) body.priority = /^\d+$/.test(priority) ? Number(priority) : priority;
      await api('POST', eventPath(eventId, '/meetings'), body);
      setNotice(t('staff.event.meetingAdded'));
      await load();
    } catch (err) {
      setMeetingError(asApiError(err));
    }
  }

  if (error) return <ErrorLine error={error} />;
  if (!event) return <p>{t('common.loading')}</p>;
  const nameOf = (participantId: string) => participants.find((p) => p.id === participantId)?.organisation.name ?? participantId;

  return (
    <>
      <h1>{event.name}</h1>
      <p>
        <Link to="/staff/events">{t('staff.events.title')}</Link> · <Link to={`/staff/events/${event.id}/board`}>{t('staff.board.open')}</Link>
      </p>
      <p aria-live="polite" role="status">
        {notice}
      </p>
      <dl className="staff-counts">
        <div>
          <dt>{t('staff.events.timeZone')}</dt>
          <dd>{event.timeZone}</dd>
        </div>
        <div>
          <dt>{t('staff.events.slotMinutes')}</dt>
          <dd>{event.slotMinutes}</dd>
        </div>
        <div>
          <dt>{t('staff.events.tables')}</dt>
          <dd>{event.tables}</dd>
        </div>
        <div>
          <dt>{t('staff.events.maxMeetings')}</dt>
          <dd>{event.maxMeetingsPerParticipant}</dd>
        </div>
        <div>
          <dt>{t('staff.events.minMeetings')}</dt>
          <dd>{event.minMeetingsPerParticipant}</dd>
        </div>
      </dl>

      <section aria-labelledby={`${id}-slots`}>
        <h2 id={`${id}-slots`}>{t('staff.event.slots', { n: slots.length })}</h2>
        <table>
          <caption>{t('staff.event.slotsCaption', { zone: event.timeZone })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('staff.event.date')}</th>
              <th scope="col">{t('staff.event.time')}</th>
              <th scope="col">{t('staff.event.session')}</th>
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => (
              <tr key={s.id}>
                <td>{s.index + 1}</td>
                <td>{formatDate(s.start, event.timeZone, language)}</td>
                <td>{slotLabel(s, event.timeZone)}</td>
                <td>{s.session}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={`${id}-participants`}>
        <h2 id={`${id}-participants`}>{t('staff.event.participants', { n: participants.length })}</h2>
        {participants.length > 0 && (
          <ul>
            {participants.map((p) => (
              <li key={p.id}>
                {p.organisation.name} ({t(`staff.type.${p.organisation.type}`)}){p.host ? ` — ${t('staff.event.host')}` : ''}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={register} aria-label={t('staff.event.register')}>
          <h3>{t('staff.event.register')}</h3>
          <OrganisationPicker value={picked} onChange={setPicked} />
          <div className="field">
            <label htmlFor={`${id}-host`}>{t('staff.event.hostLabel')}</label>
            <select id={`${id}-host`} value={host} onChange={(e) => setHost(e.target.value as 'default' | 'yes' | 'no')}>
              <option value="default">{t('staff.event.hostDefault')}</option>
              <option value="yes">{t('staff.yes')}</option>
              <option value="no">{t('staff.no')}</option>
            </select>
          </div>
          {registerError && <ErrorLine error={registerError} />}
          <button type="submit" disabled={!picked}>
            {t('staff.event.registerButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby={`${id}-meetings`}>
        <h2 id={`${id}-meetings`}>{t('staff.event.meetings', { n: meetings.length })}</h2>
        {meetings.length > 0 && (
          <ul>
            {meetings.map((m) => (
              <li key={m.id}>
                {m.participantIds.map(nameOf).join(' · ')} — {t(`staff.source.${m.source}`)}, {t('staff.event.priority')} {m.priority}
                {m.status === 'cancelled' ? ` (${t('staff.event.cancelled')})` : ''}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={addMeeting} aria-label={t('staff.event.addMeeting')}>
          <h3>{t('staff.event.addMeeting')}</h3>
          {(['A', 'B'] as const).map((which) => {
            const value = which === 'A' ? meetingA : meetingB;
            const setter = which === 'A' ? setMeetingA : setMeetingB;
            return (
              <div className="field" key={which}>
                <label htmlFor={`${id}-p${which}`}>{t(`staff.event.participant${which}`)}</label>
                <select id={`${id}-p${which}`} value={value} onChange={(e) => setter(e.target.value)}>
                  <option value="">—</option>
                  {participants.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.organisation.name}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <div className="field">
            <label htmlFor={`${id}-priority`}>{t('staff.event.priority')}</label>
            <input id={`${id}-priority`} type="number" min={0} max={100} value={priority} onChange={(e) => setPriority(e.target.value)} />
          </div>
          {meetingError && <ErrorLine error={meetingError} />}
          {meetingError?.errors.map((e, i) => (
            <p key={i} className="form-error">
              {e.field}: {e.message}
            </p>
          ))}
          <button type="submit" disabled={!meetingA || !meetingB}>
            {t('staff.event.addMeetingButton')}
          </button>
        </form>
      </section>
    </>
  );
}

export function EventPage() {
  const { id = '' } = useParams();
  return (
    <StaffOnly>
      <main>
        <EventDetail eventId={id} />
      </main>
    </StaffOnly>
  );
}
