import { Navigate } from 'react-router-dom';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';

/** Sends each role where its work is; anonymous visitors to the login. */
export function HomePage() {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (me.role === 'staff') return <Navigate to="/staff" replace />;
  if (!me.organisationId) return <Navigate to="/profile" replace />;
  return <Navigate to={me.role === 'investor' ? '/matches' : '/requests'} replace />;
}
