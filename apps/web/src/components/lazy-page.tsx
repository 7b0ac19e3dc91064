import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../i18n/i18n';

function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('common.loading')}</p>;
}

/** A page loaded on first visit: its code stays out of the first page's JavaScript. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
