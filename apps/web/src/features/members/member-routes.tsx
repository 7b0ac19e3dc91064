import { lazyPage } from '../../components/lazy-page';
import './members.css';

/** The member pages, each loaded on first visit. */
export const ProfileRoute = lazyPage(() => import('./profile-page').then((m) => ({ default: m.ProfilePage })));
export const MatchesRoute = lazyPage(() => import('./matches-page').then((m) => ({ default: m.MatchesPage })));
export const SearchRoute = lazyPage(() => import('./search-page').then((m) => ({ default: m.SearchPage })));
export const RequestsRoute = lazyPage(() => import('./requests-page').then((m) => ({ default: m.RequestsPage })));
export const AgendaRoute = lazyPage(() => import('./agenda-page').then((m) => ({ default: m.AgendaPage })));
