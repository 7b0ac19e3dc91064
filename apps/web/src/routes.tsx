import type { ReactElement } from 'react';

/**
 * The feature pages, by path. Each feature adds its routes here (one line per page), so features grow without
 * touching the shell.
 */
export const FEATURE_ROUTES: Array<{ path: string; element: ReactElement }> = [];
