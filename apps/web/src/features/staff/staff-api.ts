import { ApiError, api, freshAccessToken } from '../../api/api-client';

/** The API's shapes the staff screens use (see README, issue 6). */
export interface EventDayInput {
  date: string;
  windows: Array<{ start: string; end: string; name?: string }>;
  breaks?: Array<{ start: string; end: string }>;
}

export interface EventView {
  id: string;
  name: string;
  timeZone: string;
  slotMinutes: number;
  days: EventDayInput[];
  tables: number;
  roomLinks: string[] | null;
  maxMeetingsPerParticipant: number;
  minMeetingsPerParticipant: number;
  publishedVersion: number | null;
  counts: { slots: number; participants: number; meetings: number };
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Slot {
  id: string;
  index: number;
  start: string;
  end: string;
  session: string;
  sessionIndex: number;
}

export interface Participant {
  id: string;
  organisation: { id: string; type: string; name: string };
  availability: string[] | null;
  host: boolean;
}

export interface EventMeeting {
  id: string;
  requestId: string | null;
  participantIds: string[];
  priority: number;
  slotIds: string[] | null;
  status: 'active' | 'cancelled';
  source: 'request' | 'staff' | 'import';
}

export interface ScheduledMeeting {
  id: string;
  requestId: string | null;
  slotId: string;
  start: string;
  end: string;
  table: number;
  roomLink: string | null;
  participants: Array<{ id: string; organisationId: string; name: string }>;
  locked: boolean;
}

export interface Schedule {
  eventId: string;
  version: number;
  status: 'running' | 'completed' | 'failed';
  progress: number;
  published: boolean;
  meetings: ScheduledMeeting[];
  unscheduled: Array<{ id: string; requestId: string | null; reason: string }>;
  stats: { meetings: number; scheduled: number; idleSlots: number; participantsBelowTarget: number } | null;
  failedReason: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  failed: Array<{ row: number; field: string; message: string }>;
}

export type OrganisationKind = 'companies' | 'funds' | 'research-centres';
export const ORGANISATION_KINDS: OrganisationKind[] = ['companies', 'funds', 'research-centres'];

export const eventPath = (id: string, rest = '') => `/api/v1/events/${encodeURIComponent(id)}${rest}`;

/** The newest schedule version, or null when the scheduler never ran (404). */
export async function fetchSchedule(eventId: string): Promise<Schedule | null> {
  try {
    return await api<Schedule>('GET', eventPath(eventId, '/schedule'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Organisations of one kind whose name matches `q` (the profile lists' own search). */
export async function searchOrganisations(kind: OrganisationKind, q: string): Promise<Array<{ id: string; name: string }>> {
  const params = new URLSearchParams({ pageSize: '10' });
  if (q.trim()) params.set('q', q.trim());
  const page = await api<{ items: Array<{ id: string; name: string }> }>('GET', `/api/v1/${kind}?${params}`);
  return page.items.map((o) => ({ id: o.id, name: o.name }));
}

/**
 * Uploads a CSV file with XMLHttpRequest (fetch cannot report upload progress), the JWT as a Bearer header;
 * `onProgress` gets 0..1. Resolves with the JSON answer; an API error rejects with an ApiError.
 */
export async function uploadWithProgress<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  const token = await freshAccessToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: { code?: string; message?: string; errors?: ApiError['errors'] } | undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as T);
      } else reject(new ApiError(xhr.status, data?.code ?? 'HTTP_ERROR', data?.message ?? xhr.statusText, data?.errors ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
