import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n/i18n';
import './members.css';

/** The member pages, each loaded on first visit (keeps the first page's JavaScript small). */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
function Loading() {
  const { t } = useI18n();
  return <p>{t('common.loading')}</p>;
}

export const ProfileRoute = page(() => import('./profile-page').then((m) => ({ default: m.ProfilePage })));
export const MatchesRoute = page(() => import('./matches-page').then((m) => ({ default: m.MatchesPage })));
export const SearchRoute = page(() => import('./search-page').then((m) => ({ default: m.SearchPage })));
export const RequestsRoute = page(() => import('./requests-page').then((m) => ({ default: m.RequestsPage })));
export const AgendaRoute = page(() => import('./agenda-page').then((m) => ({ default: m.AgendaPage })));
