import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ORGANISATION_KINDS, searchOrganisations, type OrganisationKind } from './staff-api';

export interface PickedOrganisation {
  id: string;
  name: string;
}

/** Finds an organisation by name among companies, funds or research centres; the choice is a radio group. */
export function OrganisationPicker({ value, onChange }: { value: PickedOrganisation | null; onChange(o: PickedOrganisation | null): void }) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<OrganisationKind>('companies');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PickedOrganisation[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      searchOrganisations(kind, q).then(
        (r) => live && (setResults(r), setError(null)),
        (e) => live && setError(String(e?.message ?? e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, q]);

  return (
    <fieldset>
      <legend>{t('staff.picker.legend')}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('staff.picker.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
          {ORGANISATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`staff.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('staff.picker.search')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {error && <p className="form-error">{error}</p>}
      <div role="radiogroup" aria-label={t('staff.picker.results')}>
        {results.length === 0 ? (
          <p>{t('staff.picker.none')}</p>
        ) : (
          results.map((o) => (
            <label key={o.id} className="choice">
              <input type="radio" name={`${id}-org`} checked={value?.id === o.id} onChange={() => onChange(o)} /> {o.name}
            </label>
          ))
        )}
      </div>
      <p aria-live="polite">{value ? t('staff.picker.selected', { name: value.name }) : t('staff.picker.nothing')}</p>
    </fieldset>
  );
}
