import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, tokenStore, type TokenPair, asApiError } from '../api/api-client';
import { useAuth } from '../auth/auth';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

/**
 * Changes the caller's password. The API ends every session of the account (a stolen token stops working) and
 * returns a new one for this page, so the member stays signed in here and only here.
 */
export function PasswordPage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!loading && !me) return <Navigate to="/login" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    // Checked here only: the API never sees the repetition.
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      tokenStore.set(await api<TokenPair>('POST', '/api/v1/auth/password', { currentPassword, newPassword }));
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      setDone(true);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fields = [
    { label: 'password.current', autoComplete: 'current-password', value: currentPassword, set: setCurrentPassword, errors: error?.forField('currentPassword') },
    { label: 'password.new', autoComplete: 'new-password', value: newPassword, set: setNewPassword, errors: error?.forField('newPassword') },
    { label: 'password.repeat', autoComplete: 'new-password', value: repeat, set: setRepeat, errors: mismatch ? [t('password.mismatch')] : undefined },
  ];

  return (
    <main className="narrow">
      <h1>{t('password.title')}</h1>
      <p>{t('password.rules')}</p>
      <form onSubmit={submit} noValidate>
        {fields.map((f) => (
          <Field key={f.label} label={t(f.label)} type="password" autoComplete={f.autoComplete} value={f.value} onChange={(e) => f.set(e.target.value)} errors={f.errors} required />
        ))}
        {error && error.errors.length === 0 && (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        )}
        {done && <p role="status">{t('password.changed')}</p>}
        <button type="submit" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </main>
  );
}
