import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { DeclineReasonForm, ErrorNote } from './controls';
import { query, type DeclineReason, type MeetingRequest, type Quota } from './members-api';
import { countdown, topReasons } from './members-logic';
import './members.messages';
import './reasons.messages';
import { ScoreBadge } from './score-badge';

type Direction = 'incoming' | 'outgoing';

/** Incoming and outgoing meeting requests: accept, decline with a reason, withdraw; the quota left. */
export function RequestsPage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [items, setItems] = useState<MeetingRequest[] | null>(null);
  const [quota, setQuota] = useState<Quota | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(() => new Date());

  const load = useCallback(async () => {
    setError(null);
    try {
      const page = await api<{ items: MeetingRequest[]; quota: Quota | null }>('GET', `/api/v1/meeting-requests${query({ direction, limit: 100 })}`);
      setItems(page.items);
      setQuota(page.quota);
    } catch (e) {
      setError(asApiError(e));
      setItems([]);
    }
  }, [direction]);

  useEffect(() => {
    if (me?.organisationId) void load();
  }, [load, me?.organisationId]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (!me.organisationId)
    return (
      <main>
        <h1>{t('members.requests.title')}</h1>
        <p>{t('members.needProfile')}</p>
      </main>
    );

  const replace = (updated: MeetingRequest) => setItems((list) => (list ?? []).map((r) => (r.id === updated.id ? updated : r)));

  return (
    <main>
      <h1>{t('members.requests.title')}</h1>
      {quota && (
        <p className="notice" role="status">
          {t('members.quota.left', { remaining: quota.remaining, limit: quota.limit })}
        </p>
      )}
      <div role="group" aria-label={t('members.requests.direction')} className="actions">
        {(['incoming', 'outgoing'] as const).map((d) => (
          <button key={d} type="button" className={d === direction ? '' : 'secondary'} aria-pressed={d === direction} onClick={() => setDirection(d)}>
            {t(`members.requests.${d}`)}
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => void load()}>
          {t('members.refresh')}
        </button>
      </div>
      <ErrorNote error={error} />
      <h2>{t(`members.requests.${direction}`)}</h2>
      {items === null ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('members.requests.none')}</p>
      ) : (
        <ul className="cards">
          {items.map((r) => (
            <RequestCard key={r.id} request={r} now={now} onChanged={replace} onQuotaChange={load} />
          ))}
        </ul>
      )}
    </main>
  );
}

/** "3 days 4 h left", "5 h 10 min left" or "expired". */
export function ExpiryCountdown({ expiresAt, now }: { expiresAt: string; now: Date }) {
  const { t } = useI18n();
  const left = countdown(expiresAt, now);
  if (left.expired) return <span className="countdown urgent">{t('members.countdown.expired')}</span>;
  const text = left.days > 0 ? t('members.countdown.days', { days: left.days, hours: left.hours }) : t('members.countdown.hours', { hours: left.hours, minutes: left.minutes });
  return (
    <span className={left.urgent ? 'countdown urgent' : 'countdown'}>
      {left.urgent ? '⏰ ' : ''}
      {text}
    </span>
  );
}

function RequestCard({ request, now, onChanged, onQuotaChange }: { request: MeetingRequest; now: Date; onChanged(r: MeetingRequest): void; onQuotaChange(): void }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<DeclineReason>('timing');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const counterpart = request.direction === 'outgoing' ? request.to : request.from;

  async function act(path: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<MeetingRequest>('POST', `/api/v1/meeting-requests/${request.id}/${path}`, body));
      if (path === 'withdraw') onQuotaChange();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  const decline = (e: FormEvent) => {
    e.preventDefault();
    void act('decline', { reason });
  };
  const pending = request.status === 'pending';
  const reasons = topReasons(request.reasons, 3, t);
  return (
    <li className="card" aria-label={counterpart.name}>
      <div className="card-head">
        <h3>{counterpart.name}</h3>
        {request.score !== null && <ScoreBadge score={request.score} />}
      </div>
      <p>
        <span className={`status status-${request.status}`}>{t(`members.status.${request.status}`)}</span> · {t(`members.type.${counterpart.type}`)} · {t(`members.area.${request.area}`)}
        {pending && (
          <>
            {' · '}
            <ExpiryCountdown expiresAt={request.expiresAt} now={now} />
          </>
        )}
      </p>
      {request.message && <blockquote>{request.message}</blockquote>}
      {reasons.length > 0 && (
        <p className="reasons">
          <span className="label">{t('members.matches.why')}:</span> {reasons.join(' · ')}
        </p>
      )}
      {request.declineReason && (
        <p className="muted">
          {t('members.declineReason')}: {t(`members.reason.${request.declineReason}`)}
        </p>
      )}
      {pending && request.direction === 'incoming' && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void act('accept')} aria-label={t('members.requests.acceptFrom', { name: counterpart.name })}>
            {t('members.requests.accept')}
          </button>
          <button type="button" className="secondary" aria-expanded={declining} onClick={() => setDeclining(!declining)}>
            {t('members.requests.decline')}
          </button>
        </div>
      )}
      {pending && request.direction === 'incoming' && declining && (
        <DeclineReasonForm label={t('members.requests.decline')} reason={reason} onReason={setReason} onSubmit={decline} busy={busy} />
      )}
      {pending && request.direction === 'outgoing' && (
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void act('withdraw')}>
            {t('members.requests.withdraw')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
