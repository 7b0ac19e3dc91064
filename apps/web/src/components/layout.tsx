import { NavLink, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';

/** Header with navigation for the caller's role and the language switch; the page below. */
export function Layout() {
  const { t, language, setLanguage } = useI18n();
  const { me, logout } = useAuth();
  const links: Array<[string, string]> = !me
    ? [['/login', 'auth.login'], ['/signup', 'auth.signup']]
    : me.role === 'staff'
      ? [['/staff', 'nav.staff'], ['/search', 'nav.search']]
      : [['/profile', 'nav.profile'], ['/matches', 'nav.matches'], ['/search', 'nav.search'], ['/requests', 'nav.requests'], ['/agenda', 'nav.agenda']];
  return (
    <>
      <header className="top">
        <a className="brand" href="/">
          {t('app.title')}
        </a>
        <nav aria-label="main">
          <ul>
            {links.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to}>{t(key)}</NavLink>
              </li>
            ))}
            {me && (
              <li>
                <NavLink to="/account/password">{t('nav.password')}</NavLink>
              </li>
            )}
            {me && (
              <li>
                <button type="button" className="link" onClick={logout}>
                  {t('nav.logout')}
                </button>
              </li>
            )}
          </ul>
        </nav>
        <label className="language">
          {t('language.label')}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value as 'it' | 'en')}>
            <option value="it">Italiano</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <Outlet />
    </>
  );
}
