import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote, SelectField, useTaxonomy, useTermLabel } from './controls';
import { query, type FacetName, type SearchResult } from './members-api';
import './members.messages';

/** Facets offered as checkboxes, and the query parameter each one sets. */
const FACETS: Array<[FacetName, string]> = [
  ['sectors', 'sectors'],
  ['therapeuticAreas', 'therapeuticAreas'],
  ['modalities', 'modalities'],
  ['stages', 'stages'],
  ['country', 'country'],
];
const TYPES = ['company', 'fund', 'research_centre', 'technology_offer'];

/** Full-text search with a type filter and facet checkboxes. */
export function SearchPage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const taxonomy = useTaxonomy();
  const termLabel = useTermLabel(taxonomy);
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [type, setType] = useState('');
  const [selected, setSelected] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async () => {
    setError(null);
    try {
      const params: Record<string, string> = { q: submitted, type };
      for (const [, param] of FACETS) if (selected[param]?.length) params[param] = selected[param].join(',');
      setResult(await api<SearchResult>('GET', `/api/v1/search${query({ ...params, pageSize: 20 })}`));
    } catch (e) {
      setError(asApiError(e));
    }
  }, [submitted, type, selected]);

  useEffect(() => {
    if (me) void run();
  }, [run, me]);

  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(q);
  };
  const toggle = (param: string, value: string, on: boolean) =>
    setSelected((s) => ({ ...s, [param]: on ? [...(s[param] ?? []), value] : (s[param] ?? []).filter((v) => v !== value) }));
  const valueLabel = (facet: FacetName, value: string) => {
    if (facet === 'sectors' || facet === 'therapeuticAreas' || facet === 'modalities') return termLabel(facet, value);
    if (facet === 'stages') return t(`members.stage.${value}`);
    return value;
  };

  return (
    <main>
      <h1>{t('members.search.title')}</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <Field label={t('members.search.query')} type="search" value={q} onChange={(e) => setQ(e.target.value)} errors={error?.forField('q')} />
        <SelectField label={t('members.search.type')} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('members.search.anyType')}</option>
          {TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`members.type.${ty}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('members.search.submit')}</button>
      </form>
      <ErrorNote error={error && error.errors.length === 0 ? error : null} />
      <div className="search-layout">
        <aside aria-label={t('members.search.facets')}>
          {result &&
            FACETS.map(([facet, param]) => {
              const counts = result.facets[facet] ?? {};
              const values = Array.from(new Set([...Object.keys(counts), ...(selected[param] ?? [])]));
              if (values.length === 0) return null;
              return (
                <fieldset key={facet}>
                  <legend>{t(`members.field.${facet}`)}</legend>
                  {values.map((v) => (
                    <label key={v} className="choice">
                      <input type="checkbox" checked={selected[param]?.includes(v) ?? false} onChange={(e) => toggle(param, v, e.target.checked)} /> {valueLabel(facet, v)} ({counts[v] ?? 0})
                    </label>
                  ))}
                </fieldset>
              );
            })}
        </aside>
        <section aria-live="polite">
          {result && <p className="muted">{t(result.totalExact ? 'members.search.total' : 'members.search.totalAbout', { total: result.total })}</p>}
          {result && result.hits.length === 0 && <p>{t('members.search.none')}</p>}
          <ul className="cards">
            {result?.hits.map((h) => (
              <li key={`${h.type}-${h.id}`} className="card">
                <h2>{h.name}</h2>
                <p className="muted">{t(`members.type.${h.type}`)}</p>
                {h.snippet && <p>{h.snippet.replace(/<\/?[^>]+>/g, '')}</p>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
