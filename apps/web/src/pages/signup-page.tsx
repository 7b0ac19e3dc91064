import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type ApiError, asApiError } from '../api/api-client';
import { useAuth, type Role } from '../auth/auth';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

const ROLES: Array<Exclude<Role, 'staff'>> = ['company', 'investor', 'research_centre'];

export function SignupPage() {
  const { t } = useI18n();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Exclude<Role, 'staff'>>('company');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await register(email, password, role);
      navigate('/profile');
    } catch (e) {
      setError(asApiError(e));
    }
  }

  return (
    <main className="narrow">
      <h1>{t('auth.signup')}</h1>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('auth.role')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} /> {t(`auth.role.${r}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('auth.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} errors={error?.forField('email')} required />
        <Field label={t('auth.password')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} errors={error?.forField('password')} required />
        {error && error.errors.length === 0 && <p role="alert" className="form-error">{error.message}</p>}
        <button type="submit">{t('auth.signup')}</button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
      </p>
    </main>
  );
}
