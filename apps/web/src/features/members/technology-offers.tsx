import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { CheckboxGroup, ErrorNote, SelectField, TaxonomyPicker, TextAreaField, useTaxonomy, useTermLabel } from './controls';
import { DIMENSIONS } from './members-api';
import { draftToBody, type Draft } from './members-logic';

const COLLABORATION_TYPES = ['licensing', 'co_development', 'sponsored_research', 'spin_off'];
const OFFER_FIELDS = ['title', 'description', 'trl', 'collaborationTypes', ...DIMENSIONS];

interface Offer {
  id: string;
  title: string;
  description: string | null;
  trl: number | null;
  collaborationTypes: string[];
  therapeuticAreas: string[];
  modalities: string[];
}

const emptyOffer = (): Draft => ({ title: '', description: '', trl: '', collaborationTypes: [], sectors: [], therapeuticAreas: [], modalities: [] });

/** A research centre's technology offers, with a form to add one. */
export function TechnologyOffers({ centreId }: { centreId: string }) {
  const { t } = useI18n();
  const taxonomy = useTaxonomy();
  const label = useTermLabel(taxonomy);
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyOffer);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const path = `/api/v1/research-centres/${centreId}/technology-offers`;

  const load = useCallback(async () => {
    try {
      setOffers((await api<{ items: Offer[] }>('GET', `${path}?pageSize=100`)).items);
    } catch (e) {
      setError(asApiError(e));
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', path, draftToBody(draft, OFFER_FIELDS, 'create'));
      setDraft(emptyOffer());
      setAdding(false);
      await load();
    } catch (e) {
      setError(asApiError(e));
    }
  }

  const set = (field: string) => (value: Draft[string]) => setDraft((d) => ({ ...d, [field]: value }));
  const list = (field: string) => (draft[field] as string[]) ?? [];
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">{t('members.offers.title')}</h2>
      {offers === null ? (
        <p>{t('common.loading')}</p>
      ) : offers.length === 0 ? (
        <p>{t('members.offers.none')}</p>
      ) : (
        <ul className="cards">
          {offers.map((o) => (
            <li key={o.id} className="card">
              <h3>{o.title}</h3>
              <p>
                {o.trl ? `TRL ${o.trl}` : ''} {o.collaborationTypes.map((c) => t(`members.collaboration.${c}`)).join(', ')}
              </p>
              <p className="muted">{[...o.therapeuticAreas.map((c) => label('therapeuticAreas', c)), ...o.modalities.map((c) => label('modalities', c))].join(' · ')}</p>
              {o.description && <p>{o.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {!adding ? (
        <button type="button" onClick={() => setAdding(true)}>
          {t('members.offers.add')}
        </button>
      ) : (
        <form onSubmit={add} noValidate aria-label={t('members.offers.add')}>
          <Field label={t('members.offers.offerTitle')} value={draft.title as string} onChange={(e) => set('title')(e.target.value)} errors={error?.forField('title')} required />
          <TextAreaField label={t('members.field.description')} value={draft.description as string} onChange={(e) => set('description')(e.target.value)} errors={error?.forField('description')} />
          <SelectField label={t('members.field.trl')} value={draft.trl as string} onChange={(e) => set('trl')(e.target.value)} errors={error?.forField('trl')}>
            <option value="">{t('members.none')}</option>
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
              <option key={n} value={String(n)}>
                TRL {n}
              </option>
            ))}
          </SelectField>
          <CheckboxGroup
            legend={t('members.offers.collaboration')}
            options={COLLABORATION_TYPES.map((c) => ({ value: c, label: t(`members.collaboration.${c}`) }))}
            value={list('collaborationTypes')}
            onChange={set('collaborationTypes')}
            errors={error?.forField('collaborationTypes')}
          />
          {taxonomy &&
            DIMENSIONS.map((d) => <TaxonomyPicker key={d} legend={t(`members.field.${d}`)} terms={taxonomy[d]} value={list(d)} onChange={set(d)} errors={error?.forField(d)} />)}
          {error && error.errors.length === 0 && <ErrorNote error={error} />}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit">{t('members.offers.save')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
