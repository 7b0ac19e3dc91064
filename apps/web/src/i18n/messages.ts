/** Interface texts in Italian and English; taxonomy labels come from the API in both languages. */
export type Language = 'it' | 'en';

/** A feature's texts: the same keys in both languages (a unit test checks every registered set). */
export type MessageSet = Record<Language, Record<string, string>>;

/** The shell's texts; each feature keeps its own set beside its pages and registers it (see registerMessages). */
export const MESSAGES: MessageSet = {
  en: {
    'app.title': 'Hub Match',
    'app.tagline': 'Lombardia Life Sciences Hub — partnering',
    'nav.home': 'Home',
    'nav.profile': 'Profile',
    'nav.matches': 'Matches',
    'nav.search': 'Search',
    'nav.requests': 'Meeting requests',
    'nav.agenda': 'Agenda',
    'nav.staff': 'Staff',
    'nav.logout': 'Log out',
    'nav.password': 'Password',
    'password.title': 'Change password',
    'password.rules': 'At least 10 characters, not a common password and not your e-mail name. Every other session of your account ends.',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.repeat': 'New password, again',
    'password.mismatch': 'The two new passwords differ.',
    'password.changed': 'Password changed. Your other sessions have ended.',
    'password.submit': 'Change password',
    'language.label': 'Language',
    'auth.login': 'Log in',
    'auth.signup': 'Sign up',
    'auth.email': 'E-mail',
    'auth.password': 'Password',
    'auth.role': 'I am',
    'auth.role.company': 'a company',
    'auth.role.investor': 'an investor',
    'auth.role.research_centre': 'a research centre',
    'auth.noAccount': 'No account yet?',
    'auth.haveAccount': 'Already registered?',
    'common.save': 'Save',
    'common.cancel': 'Cancel',
    'common.loading': 'Loading…',
    'common.error': 'Something went wrong',
    'home.welcome': 'Welcome',
  },
  it: {
    'app.title': 'Hub Match',
    'app.tagline': 'Lombardia Life Sciences Hub — partnering',
    'nav.home': 'Home',
    'nav.profile': 'Profilo',
    'nav.matches': 'Match',
    'nav.search': 'Ricerca',
    'nav.requests': 'Richieste di incontro',
    'nav.agenda': 'Agenda',
    'nav.staff': 'Staff',
    'nav.logout': 'Esci',
    'nav.password': 'Password',
    'password.title': 'Cambia password',
    'password.rules': 'Almeno 10 caratteri, non una password comune e non il nome della tua e-mail. Tutte le altre sessioni del tuo account terminano.',
    'password.current': 'Password attuale',
    'password.new': 'Nuova password',
    'password.repeat': 'Ripeti la nuova password',
    'password.mismatch': 'Le due nuove password sono diverse.',
    'password.changed': 'Password cambiata. Le altre sessioni sono terminate.',
    'password.submit': 'Cambia password',
    'language.label': 'Lingua',
    'auth.login': 'Accedi',
    'auth.signup': 'Registrati',
    'auth.email': 'E-mail',
    'auth.password': 'Password',
    'auth.role': 'Sono',
    'auth.role.company': "un'impresa",
    'auth.role.investor': 'un investitore',
    'auth.role.research_centre': 'un centro di ricerca',
    'auth.noAccount': 'Non hai un account?',
    'auth.haveAccount': 'Già registrato?',
    'common.save': 'Salva',
    'common.cancel': 'Annulla',
    'common.loading': 'Caricamento…',
    'common.error': 'Qualcosa è andato storto',
    'home.welcome': 'Benvenuto',
  },
};

const registry: MessageSet[] = [MESSAGES];

/** Adds a feature's texts (called once, at module load, by the feature's pages). */
export function registerMessages(set: MessageSet): MessageSet {
  if (!registry.includes(set)) registry.push(set);
  return set;
}

export function registeredMessages(): readonly MessageSet[] {
  return registry;
}

/** The text for a key in a language, falling back to English, then to the key itself (visible, so noticed). */
export function lookup(language: Language, key: string): string {
  for (const set of registry) {
    const text = set[language][key] ?? set.en[key];
    if (text !== undefined) return text;
  }
  return key;
}
