import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type ApiError, api, asApiError } from '../../api/api-client';
import { Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { emptyEventForm, errorsAt, toEventBody, type EventForm } from './event-form';
import type { EventView, Page } from './staff-api';
import { ErrorLine, StaffOnly } from './staff-only';

type Day = EventForm['days'][number];

/** The event builder: the calendar (days, session windows, breaks), slot length, tables and limits. */
export function EventBuilder({ onCreated }: { onCreated(event: EventView): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<EventForm>(emptyEventForm);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setDay = (d: number, change: (day: Day) => Day) => setForm((f) => ({ ...f, days: f.days.map((day, i) => (i === d ? change(day) : day)) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await api<EventView>('POST', '/api/v1/events', toEventBody(form)));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors = (field: string) => errorsAt(error, field);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="builder-heading">
      <h2 id="builder-heading">{t('staff.events.create')}</h2>
      {error && (
        <div role="alert" className="form-error-summary">
          <p className="form-error">{error.message}</p>
          {error.errors.length > 0 && (
            <ul>
              {error.errors.map((e, i) => (
                <li key={`${e.field}-${i}`}>
                  <code>{e.field}</code>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Field label={t('staff.events.name')} value={form.name} onChange={(e) => set('name', e.target.value)} errors={fieldErrors('name')} required />
      <Field label={t('staff.events.timeZone')} value={form.timeZone} onChange={(e) => set('timeZone', e.target.value)} errors={fieldErrors('timeZone')} hint="Europe/Rome" />
      <Field label={t('staff.events.slotMinutes')} type="number" min={5} value={form.slotMinutes} onChange={(e) => set('slotMinutes', e.target.value)} errors={fieldErrors('slotMinutes')} />
      <Field label={t('staff.events.tables')} type="number" min={1} value={form.tables} onChange={(e) => set('tables', e.target.value)} errors={fieldErrors('tables')} />
      <Field label={t('staff.events.maxMeetings')} type="number" min={1} value={form.maxMeetingsPerParticipant} onChange={(e) => set('maxMeetingsPerParticipant', e.target.value)} errors={fieldErrors('maxMeetingsPerParticipant')} />
      <Field label={t('staff.events.minMeetings')} type="number" min={0} value={form.minMeetingsPerParticipant} onChange={(e) => set('minMeetingsPerParticipant', e.target.value)} errors={fieldErrors('minMeetingsPerParticipant')} />
      {fieldErrors('days').map((m) => (
        <p key={m} className="form-error">
          {m}
        </p>
      ))}
      {form.days.map((day, d) => (
        <fieldset key={d}>
          <legend>{t('staff.events.day', { n: d + 1 })}</legend>
          {errorsAt(error, `days.${d}`).map((m) => (
            <p key={m} className="form-error">
              {m}
            </p>
          ))}
          <Field label={t('staff.events.date', { n: d + 1 })} type="date" value={day.date} onChange={(e) => setDay(d, (x) => ({ ...x, date: e.target.value }))} errors={fieldErrors(`days.${d}.date`)} />
          {day.windows.map((w, i) => {
            const errs = errorsAt(error, `days.${d}.windows.${i}`, ['start', 'end', 'name']);
            const setW = (patch: Partial<Day['windows'][number]>) => setDay(d, (x) => ({ ...x, windows: x.windows.map((y, j) => (j === i ? { ...y, ...patch } : y)) }));
            return (
              <fieldset key={i} className="inline" aria-invalid={errs.length > 0}>
                <legend>{t('staff.events.window', { n: i + 1 })}</legend>
                <Field label={t('staff.events.windowStart', { n: i + 1, d: d + 1 })} type="time" value={w.start} onChange={(e) => setW({ start: e.target.value })} />
                <Field label={t('staff.events.windowEnd', { n: i + 1, d: d + 1 })} type="time" value={w.end} onChange={(e) => setW({ end: e.target.value })} />
                <Field label={t('staff.events.windowName', { n: i + 1, d: d + 1 })} value={w.name} onChange={(e) => setW({ name: e.target.value })} />
                {errs.map((m) => (
                  <p key={m} className="form-error" role="alert">
                    {m}
                  </p>
                ))}
                <button type="button" className="secondary" onClick={() => setDay(d, (x) => ({ ...x, windows: x.windows.filter((_, j) => j !== i) }))} disabled={day.windows.length === 1}>
                  {t('staff.events.removeWindow', { n: i + 1 })}
                </button>
              </fieldset>
            );
          })}
          <button type="button" className="secondary" onClick={() => setDay(d, (x) => ({ ...x, windows: [...x.windows, { start: '', end: '', name: '' }] }))}>
            {t('staff.events.addWindow')}
          </button>{' '}
          {day.breaks.map((b, i) => {
            const errs = errorsAt(error, `days.${d}.breaks.${i}`, ['start', 'end']);
            const setB = (patch: Partial<Day['breaks'][number]>) => setDay(d, (x) => ({ ...x, breaks: x.breaks.map((y, j) => (j === i ? { ...y, ...patch } : y)) }));
            return (
              <fieldset key={i} className="inline">
                <legend>{t('staff.events.break', { n: i + 1 })}</legend>
                <Field label={t('staff.events.breakStart', { n: i + 1, d: d + 1 })} type="time" value={b.start} onChange={(e) => setB({ start: e.target.value })} />
                <Field label={t('staff.events.breakEnd', { n: i + 1, d: d + 1 })} type="time" value={b.end} onChange={(e) => setB({ end: e.target.value })} />
                {errs.map((m) => (
                  <p key={m} className="form-error" role="alert">
                    {m}
                  </p>
                ))}
                <button type="button" className="secondary" onClick={() => setDay(d, (x) => ({ ...x, breaks: x.breaks.filter((_, j) => j !== i) }))}>
                  {t('staff.events.removeBreak', { n: i + 1 })}
                </button>
              </fieldset>
            );
          })}
          <button type="button" className="secondary" onClick={() => setDay(d, (x) => ({ ...x, breaks: [...x.breaks, { start: '', end: '' }] }))}>
            {t('staff.events.addBreak')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => set('days', form.days.filter((_, j) => j !== d))} disabled={form.days.length === 1}>
            {t('staff.events.removeDay', { n: d + 1 })}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => set('days', [...form.days, { date: '', windows: [{ start: '09:00', end: '12:00', name: '' }], breaks: [] }])}>
          {t('staff.events.addDay')}
        </button>
      </p>
      <button type="submit" disabled={busy}>
        {t('staff.events.submit')}
      </button>
    </form>
  );
}

function Events() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [events, setEvents] = useState<EventView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Page<EventView>>('GET', '/api/v1/events?limit=100').then((p) => setEvents(p.items), setError);
  }, []);

  return (
    <main>
      <h1>{t('staff.events.title')}</h1>
      <ErrorLine error={error} />
      {!events ? (
        <p>{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p>{t('staff.events.none')}</p>
      ) : (
        <table>
          <caption>{t('staff.events.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.events.name')}</th>
              <th scope="col">{t('staff.events.dates')}</th>
              <th scope="col">{t('staff.events.participants')}</th>
              <th scope="col">{t('staff.events.meetings')}</th>
              <th scope="col">{t('staff.events.status')}</th>
              <th scope="col">{t('staff.board.title')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/staff/events/${e.id}`}>{e.name}</Link>
                </td>
                <td>{e.days.map((d) => d.date).join(', ')}</td>
                <td>{e.counts.participants}</td>
                <td>{e.counts.meetings}</td>
                <td>{e.publishedVersion ? t('staff.events.published', { v: e.publishedVersion }) : t('staff.events.draft')}</td>
                <td>
                  <Link to={`/staff/events/${e.id}/board`} aria-label={t('staff.events.boardOf', { name: e.name })}>
                    {t('staff.board.title')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <EventBuilder onCreated={(e) => navigate(`/staff/events/${e.id}`)} />
    </main>
  );
}

export function EventsPage() {
  return (
    <StaffOnly>
      <Events />
    </StaffOnly>
  );
}
