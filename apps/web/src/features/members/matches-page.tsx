import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { DeclineReasonForm, ErrorNote, SelectField, TextAreaField, useTaxonomy } from './controls';
import { DIMENSIONS, query, STAGES, type Area, type DeclineReason, type Match, type MeetingRequest, type Quota, type TaxonomyDimension } from './members-api';
import { topReasons } from './members-logic';
import './members.messages';
import './reasons.messages';
import { ScoreBadge } from './score-badge';

const REVIEW_FILTERS = ['open', 'unreviewed', 'shortlisted', 'declined', 'all'] as const;

/** The organisation's ranked matches with filters, shortlist, decline with a reason and meeting requests. */
export function MatchesPage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const [area, setArea] = useState<Area | ''>('');
  const [review, setReview] = useState<(typeof REVIEW_FILTERS)[number]>('open');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [quota, setQuota] = useState<Quota | null>(null);
  // Facets of the counterpart: taxonomy codes (their children match too) and stage.
  const [facets, setFacets] = useState<Record<TaxonomyDimension | 'stage', string>>({ sectors: '', therapeuticAreas: '', modalities: '', stage: '' });
  const taxonomy = useTaxonomy();
  const { language } = useI18n();

  const load = useCallback(async () => {
    setError(null);
    try {
      const filters = { sector: facets.sectors, therapeuticArea: facets.therapeuticAreas, modality: facets.modalities, stage: facets.stage };
      const page = await api<{ items: Match[]; total: number }>('GET', `/api/v1/matches${query({ area, review, limit: 100, ...filters })}`);
      setMatches(page.items);
      setTotal(page.total);
    } catch (e) {
      setError(asApiError(e));
      setMatches([]);
    }
  }, [area, review, facets]);

  useEffect(() => {
    if (me?.organisationId) void load();
  }, [load, me?.organisationId]);

  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (!me.organisationId)
    return (
      <main>
        <h1>{t('members.matches.title')}</h1>
        <p>{t('members.needProfile')}</p>
      </main>
    );

  const replace = (updated: Match) => setMatches((list) => (list ?? []).map((m) => (m.id === updated.id ? { ...m, review: updated.review } : m)));

  return (
    <main>
      <h1>{t('members.matches.title')}</h1>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), void load())} aria-label={t('members.filters')}>
        <SelectField label={t('members.matches.area')} value={area} onChange={(e) => setArea(e.target.value as Area | '')}>
          <option value="">{t('members.area.all')}</option>
          <option value="venture_capital">{t('members.area.venture_capital')}</option>
          <option value="tech_transfer">{t('members.area.tech_transfer')}</option>
        </SelectField>
        <SelectField label={t('members.matches.review')} value={review} onChange={(e) => setReview(e.target.value as (typeof REVIEW_FILTERS)[number])}>
          {REVIEW_FILTERS.map((r) => (
            <option key={r} value={r}>
              {t(`members.review.${r}`)}
            </option>
          ))}
        </SelectField>
        {DIMENSIONS.map((dimension) => (
          <SelectField key={dimension} label={t(`members.field.${dimension}`)} value={facets[dimension]} onChange={(e) => setFacets({ ...facets, [dimension]: e.target.value })}>
            <option value="">{t('members.filter.any')}</option>
            {(taxonomy?.[dimension] ?? []).map((term) => (
              <option key={term.code} value={term.code}>
                {term.parent ? '— ' : ''}
                {term.labels[language]}
              </option>
            ))}
          </SelectField>
        ))}
        <SelectField label={t('members.field.stage')} value={facets.stage} onChange={(e) => setFacets({ ...facets, stage: e.target.value })}>
          <option value="">{t('members.filter.any')}</option>
          {STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`members.stage.${stage}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="secondary">
          {t('members.refresh')}
        </button>
      </form>
      {quota && (
        <p role="status" className="notice">
          {t('members.quota.left', { remaining: quota.remaining, limit: quota.limit })}
        </p>
      )}
      <ErrorNote error={error} />
      {matches === null ? (
        <p>{t('common.loading')}</p>
      ) : matches.length === 0 ? (
        <p>{t('members.matches.none')}</p>
      ) : (
        <>
          <p className="muted">{t('members.matches.count', { total })}</p>
          <ol className="cards">
            {matches.map((m) => (
              <MatchCard key={m.id} match={m} onReviewed={replace} onRequested={setQuota} />
            ))}
          </ol>
        </>
      )}
    </main>
  );
}

function MatchCard({ match, onReviewed, onRequested }: { match: Match; onReviewed(m: Match): void; onRequested(q: Quota): void }) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<'none' | 'decline' | 'request'>('none');
  const [reason, setReason] = useState<DeclineReason>('stage');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [requested, setRequested] = useState<Quota | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  const shortlist = () => run(async () => onReviewed(await api<Match>('POST', `/api/v1/matches/${match.id}/shortlist`)));
  const undo = () => run(async () => onReviewed(await api<Match>('DELETE', `/api/v1/matches/${match.id}/review`)));
  const decline = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      onReviewed(await api<Match>('POST', `/api/v1/matches/${match.id}/decline`, { reason }));
      setPanel('none');
    });
  };
  const request = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const result = await api<{ request: MeetingRequest; quota: Quota }>('POST', '/api/v1/meeting-requests', { matchId: match.id, ...(message.trim() ? { message: message.trim() } : {}) });
      setRequested(result.quota);
      onRequested(result.quota);
      setPanel('none');
    });
  };

  const name = match.counterpart.name;
  const reasons = topReasons(match.reasons, 3, t);
  return (
    <li className="card match" aria-label={name}>
      <div className="card-head">
        <h2>{name}</h2>
        <ScoreBadge score={match.score} />
      </div>
      <p className="muted">
        {t(`members.type.${match.counterpart.type}`)} · {t(`members.area.${match.area}`)}
        {match.technologyOfferTitle ? ` · ${match.technologyOfferTitle}` : ''}
        {match.review && ` · ${t(`members.decision.${match.review.decision}`)}`}
      </p>
      {match.counterpart.pitch && <p>{match.counterpart.pitch}</p>}
      {reasons.length > 0 && (
        <p className="reasons">
          <span className="label">{t('members.matches.why')}:</span> {reasons.join(' · ')}
        </p>
      )}
      <div className="actions">
        {match.review?.decision === 'shortlisted' ? (
          <button type="button" className="secondary" disabled={busy} onClick={undo} aria-label={t('members.matches.unshortlistFor', { name })}>
            ★ {t('members.matches.unshortlist')}
          </button>
        ) : (
          <button type="button" className="secondary" disabled={busy} onClick={shortlist} aria-label={t('members.matches.shortlistFor', { name })}>
            ☆ {t('members.matches.shortlist')}
          </button>
        )}
        {match.review?.decision === 'declined' ? (
          <button type="button" className="secondary" disabled={busy} onClick={undo}>
            {t('members.matches.undoDecline')}
          </button>
        ) : (
          <button type="button" className="secondary" aria-expanded={panel === 'decline'} onClick={() => setPanel(panel === 'decline' ? 'none' : 'decline')}>
            {t('members.matches.decline')}
          </button>
        )}
        {!requested && (
          <button type="button" aria-expanded={panel === 'request'} onClick={() => setPanel(panel === 'request' ? 'none' : 'request')}>
            {t('members.matches.requestMeeting')}
          </button>
        )}
      </div>
      {panel === 'decline' && (
        <DeclineReasonForm label={t('members.matches.decline')} reason={reason} onReason={setReason} onSubmit={decline} busy={busy} />
      )}
      {panel === 'request' && (
        <form onSubmit={request} className="inline-form" aria-label={t('members.matches.requestMeeting')}>
          <TextAreaField label={t('members.matches.message')} value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} errors={error?.forField('message')} />
          <button type="submit" disabled={busy}>
            {t('members.matches.send')}
          </button>
        </form>
      )}
      {requested && (
        <p role="status" className="notice">
          ✓ {t('members.matches.requested')} {t('members.quota.left', { remaining: requested.remaining, limit: requested.limit })}
        </p>
      )}
      {error && (error.errors.length === 0 || !error.forField('message').length) && <ErrorNote error={error} />}
    </li>
  );
}
