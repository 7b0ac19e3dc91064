import { useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, asApiError, download } from '../../api/api-client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote } from './controls';
import type { Agenda, EventSummary } from './members-api';
import './members.messages';

/** The organisation's events, each with its published agenda and an .ics download. */
export function AgendaPage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!me?.organisationId) return;
    api<{ items: EventSummary[] }>('GET', '/api/v1/events?limit=100').then(
      (page) => setEvents(page.items),
      (e) => {
        setError(asApiError(e));
        setEvents([]);
      },
    );
  }, [me?.organisationId]);

  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  return (
    <main>
      <h1>{t('members.agenda.title')}</h1>
      <ErrorNote error={error} />
      {!me.organisationId ? (
        <p>{t('members.needProfile')}</p>
      ) : events === null ? (
        <p>{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p>{t('members.agenda.noEvents')}</p>
      ) : (
        events.map((e) => <EventAgenda key={e.id} event={e} organisationId={me.organisationId as string} />)
      )}
    </main>
  );
}

function EventAgenda({ event, organisationId }: { event: EventSummary; organisationId: string }) {
  const { t, language } = useI18n();
  const [agenda, setAgenda] = useState<Agenda | null | 'unpublished'>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const path = `/api/v1/events/${event.id}/agenda/${organisationId}`;

  useEffect(() => {
    api<Agenda>('GET', path).then(setAgenda, (e) => {
      const failure = asApiError(e);
      if (failure.status === 404) setAgenda('unpublished');
      else setError(failure);
    });
  }, [path]);

  const locale = language === 'it' ? 'it-IT' : 'en-GB';
  const when = (iso: string, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: event.timeZone, ...opts }).format(new Date(iso));
  const ics = async () => {
    setError(null);
    try {
      await download(`${path}.ics`, `${event.name.replace(/[^\w-]+/g, '-')}.ics`);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <section className="card" aria-labelledby={`event-${event.id}`}>
      <h2 id={`event-${event.id}`}>{event.name}</h2>
      <p className="muted">
        {event.days.map((d) => d.date).join(', ')} · {event.timeZone}
      </p>
      {agenda === null && !error && <p>{t('common.loading')}</p>}
      {agenda === 'unpublished' && <p>{t('members.agenda.notPublished')}</p>}
      {agenda && agenda !== 'unpublished' && (
        <>
          {agenda.meetings.length === 0 ? (
            <p>{t('members.agenda.noMeetings')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{t('members.agenda.caption', { name: event.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.agenda.date')}</th>
                  <th scope="col">{t('members.agenda.time')}</th>
                  <th scope="col">{t('members.agenda.table')}</th>
                  <th scope="col">{t('members.agenda.with')}</th>
                </tr>
              </thead>
              <tbody>
                {agenda.meetings.map((m) => (
                  <tr key={m.id}>
                    <td>{when(m.start, { weekday: 'short', day: 'numeric', month: 'short' })}</td>
                    <td>
                      {when(m.start, { hour: '2-digit', minute: '2-digit' })}–{when(m.end, { hour: '2-digit', minute: '2-digit' })}
                    </td>
                    <td>{m.roomLink ? <a href={m.roomLink}>{t('members.agenda.room')}</a> : t('members.agenda.tableN', { table: m.table })}</td>
                    <td>
                      {m.participants
                        .filter((p) => p.organisationId !== organisationId)
                        .map((p) => p.name)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" onClick={() => void ics()}>
            📅 {t('members.agenda.ics')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
