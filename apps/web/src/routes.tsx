import type { ReactElement } from 'react';
import { AgendaRoute, MatchesRoute, ProfileRoute, RequestsRoute, SearchRoute } from './features/members/member-routes';
import { BoardRoute, EventRoute, EventsRoute, ImportRoute, StaffDashboardRoute } from './features/staff/staff-routes';

/**
 * The feature pages, by path. Each feature adds its routes here (one line per page), so features grow without
 * touching the shell; every page is loaded on first visit.
 */
export const FEATURE_ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: '/staff', element: <StaffDashboardRoute /> },
  { path: '/staff/import', element: <ImportRoute /> },
  { path: '/staff/events', element: <EventsRoute /> },
  { path: '/staff/events/:id', element: <EventRoute /> },
  { path: '/staff/events/:id/board', element: <BoardRoute /> },
  { path: '/profile', element: <ProfileRoute /> },
  { path: '/matches', element: <MatchesRoute /> },
  { path: '/search', element: <SearchRoute /> },
  { path: '/requests', element: <RequestsRoute /> },
  { path: '/agenda', element: <AgendaRoute /> },
];
