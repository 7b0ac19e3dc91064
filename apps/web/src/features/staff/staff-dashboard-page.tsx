import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { ErrorLine, StaffOnly } from './staff-only';
import { ORGANISATION_KINDS, type OrganisationKind } from './staff-api';

interface Counts {
  events: number;
  organisations: Record<OrganisationKind, number>;
}

/** Queue health and failures from GET /api/v1/admin/overview; if it cannot be read, the page says so. */
interface Overview {
  queues?: Array<{ name: string; waiting: number; active: number; delayed: number; failed: number; completed: number }>;
  recentFailures?: Array<{ queue: string; job: string; id?: string; reason: string; attempts: number; at: string | null }>;
  outboxBacklog?: number;
}

async function loadCounts(): Promise<Counts> {
  const [events, ...orgs] = await Promise.all([
    api<{ total: number }>('GET', '/api/v1/events?limit=1'),
    ...ORGANISATION_KINDS.map((kind) => api<{ total: number }>('GET', `/api/v1/${kind}?pageSize=1`)),
  ]);
  const organisations = Object.fromEntries(ORGANISATION_KINDS.map((kind, i) => [kind, orgs[i].total])) as Record<OrganisationKind, number>;
  return { events: events.total, organisations };
}

function Dashboard() {
  const { t } = useI18n();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    loadCounts().then(setCounts, setError);
    api<Overview>('GET', '/api/v1/admin/overview').then(setOverview, () => setOverview(null));
  }, []);

  async function openQueues() {
    try {
      await api('POST', '/api/v1/auth/admin-session');
      window.location.assign('/admin/queues');
    } catch (e) {
      setError(e);
    }
  }

  return (
    <main>
      <h1>{t('staff.dashboard.title')}</h1>
      <ErrorLine error={error} />
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t('staff.dashboard.counts')}</h2>
        {!counts ? (
          <p>{t('common.loading')}</p>
        ) : (
          <dl className="staff-counts">
            <div>
              <dt>{t('staff.dashboard.events')}</dt>
              <dd data-testid="count-events">{counts.events}</dd>
            </div>
            {ORGANISATION_KINDS.map((kind) => (
              <div key={kind}>
                <dt>{t(`staff.kind.${kind}`)}</dt>
                <dd>{counts.organisations[kind]}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <nav aria-label={t('staff.dashboard.pages')}>
        <h2>{t('staff.dashboard.pages')}</h2>
        <ul>
          <li>
            <Link to="/staff/events">{t('staff.events.title')}</Link>
          </li>
          <li>
            <Link to="/staff/import">{t('staff.import.title')}</Link>
          </li>
          <li>
            <button type="button" className="link" onClick={openQueues}>
              {t('staff.dashboard.queues')}
            </button>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="health-heading">
        <h2 id="health-heading">{t('staff.dashboard.health')}</h2>
        {overview?.queues ? (
          <>
            <table>
              <caption>{t('staff.dashboard.health')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.dashboard.queue')}</th>
                  {(['waiting', 'active', 'delayed', 'failed', 'completed'] as const).map((k) => (
                    <th scope="col" key={k}>
                      {t(`staff.dashboard.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.queues.map((q) => (
                  <tr key={q.name}>
                    <th scope="row">{q.name}</th>
                    <td>{q.waiting}</td>
                    <td>{q.active}</td>
                    <td>{q.delayed}</td>
                    <td>{q.failed > 0 ? `⚠ ${q.failed}` : q.failed}</td>
                    <td>{q.completed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {overview.outboxBacklog !== undefined && <p>{t('staff.dashboard.outbox', { n: overview.outboxBacklog })}</p>}
            <h3>{t('staff.dashboard.failures')}</h3>
            {overview.recentFailures && overview.recentFailures.length > 0 ? (
              <ul>
                {overview.recentFailures.map((f, i) => (
                  <li key={`${f.queue}-${f.id ?? i}`}>
                    <strong>{f.queue}</strong> {f.job} ({f.at ?? '—'}): {f.reason}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('staff.dashboard.noFailures')}</p>
            )}
          </>
        ) : (
          <p>{t('staff.dashboard.healthMissing')}</p>
        )}
      </section>
    </main>
  );
}

export function StaffDashboardPage() {
  return (
    <StaffOnly>
      <Dashboard />
    </StaffOnly>
  );
}
