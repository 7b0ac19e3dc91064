import { lazyPage } from '../../components/lazy-page';

/** The staff pages, each loaded on first visit. */
export const StaffDashboardRoute = lazyPage(() => import('./staff-dashboard-page').then((m) => ({ default: m.StaffDashboardPage })));
export const ImportRoute = lazyPage(() => import('./import-page').then((m) => ({ default: m.ImportPage })));
export const EventsRoute = lazyPage(() => import('./events-page').then((m) => ({ default: m.EventsPage })));
export const EventRoute = lazyPage(() => import('./event-page').then((m) => ({ default: m.EventPage })));
export const BoardRoute = lazyPage(() => import('./board-page').then((m) => ({ default: m.BoardPage })));
