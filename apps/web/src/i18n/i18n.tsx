import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { lookup, type Language } from './messages';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The text for a key, with `{name}` placeholders filled in. */
  t(key: string, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);
const LANGUAGE_KEY = 'hubmatch.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (stored === 'it' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(LANGUAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const t = useCallback(
    (key: string, values: Record<string, string | number> = {}) =>
      lookup(language, key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`)),
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
