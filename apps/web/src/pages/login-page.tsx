import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type ApiError, asApiError } from '../api/api-client';
import { useAuth } from '../auth/auth';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await login(email, password);
      navigate('/');
    } catch (e) {
      setError(asApiError(e));
    }
  }

  return (
    <main className="narrow">
      <h1>{t('auth.login')}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t('auth.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} errors={error?.forField('email')} required />
        <Field label={t('auth.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} errors={error?.forField('password')} required />
        {error && error.errors.length === 0 && <p role="alert" className="form-error">{error.message}</p>}
        <button type="submit">{t('auth.login')}</button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('auth.signup')}</Link>
      </p>
    </main>
  );
}
