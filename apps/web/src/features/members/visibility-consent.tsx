import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { ErrorNote } from './controls';

interface ConsentState {
  organisationId: string;
  visible: boolean;
  consentedAt: string | null;
  consentedBy: string | null;
}

/** The checkbox of the profile wizard's last step: consent is asked for, never assumed. */
export function ConsentCheckbox({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useI18n();
  return (
    <div className="consent">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t('members.consent.label')}
      </label>
      <p className="hint">{t('members.consent.hint')}</p>
    </div>
  );
}

/** The organisation's visibility once its profile exists: what it is, and one button to change it. */
export function VisibilityConsentPanel({ organisationId }: { organisationId: string }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<ConsentState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const path = `/api/v1/organisations/${organisationId}/visibility-consent`;

  const load = useCallback(async () => {
    try {
      setState(await api<ConsentState>('GET', path));
    } catch (e) {
      setError(asApiError(e));
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  async function change(consent: boolean) {
    setSaving(true);
    setError(null);
    try {
      setState(await api<ConsentState>('PUT', path, { consent }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-label={t('members.consent.title')} className="consent-panel">
      <h2>{t('members.consent.title')}</h2>
      {state && (
        <>
          <p role="status">
            {state.visible && state.consentedAt
              ? t('members.consent.visible', { date: new Date(state.consentedAt).toLocaleDateString(language === 'it' ? 'it-IT' : 'en-GB') })
              : t('members.consent.hidden')}
          </p>
          <button type="button" className={state.visible ? 'secondary' : undefined} disabled={saving} onClick={() => void change(!state.visible)}>
            {state.visible ? t('members.consent.withdraw') : t('members.consent.give')}
          </button>
        </>
      )}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
