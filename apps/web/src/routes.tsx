import type { ReactElement } from 'react';
import { AgendaRoute, MatchesRoute, ProfileRoute, RequestsRoute, SearchRoute } from './features/members/member-routes';
import { BoardPage } from './features/staff/board-page';
import { EventPage } from './features/staff/event-page';
import { EventsPage } from './features/staff/events-page';
import { ImportPage } from './features/staff/import-page';
import { StaffDashboardPage } from './features/staff/staff-dashboard-page';

/**
 * The feature pages, by path. Each feature adds its routes here (one line per page), so features grow without
 * touching the shell.
 */
export const FEATURE_ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: '/staff', element: <StaffDashboardPage /> },
  { path: '/staff/import', element: <ImportPage /> },
  { path: '/staff/events', element: <EventsPage /> },
  { path: '/staff/events/:id', element: <EventPage /> },
  { path: '/staff/events/:id/board', element: <BoardPage /> },
  { path: '/profile', element: <ProfileRoute /> },
  { path: '/matches', element: <MatchesRoute /> },
  { path: '/search', element: <SearchRoute /> },
  { path: '/requests', element: <RequestsRoute /> },
  { path: '/agenda', element: <AgendaRoute /> },
];
