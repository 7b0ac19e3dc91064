import type { EventDay } from '@hub/domain';

export interface EventView {
  id: string;
  name: string;
  timeZone: string;
  slotMinutes: number;
  days: EventDay[];
  tables: number;
  roomLinks: string[] | null;
  maxMeetingsPerParticipant: number;
  minMeetingsPerParticipant: number;
  hostTables: boolean;
  requestQuota: number | null;
  requestTtlDays: number | null;
  /** The published schedule version, if any. */
  publishedVersion: number | null;
  publishedAt: string | null;
  counts: { slots: number; participants: number; meetings: number };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventSlotView {
  id: string;
  index: number;
  start: string;
  end: string;
  /** The session window, e.g. "Morning". */
  session: string;
  sessionIndex: number;
}

export interface EventParticipantView {
  id: string;
  eventId: string;
  organisation: { id: string; type: string; name: string };
  /** Slot ids; null = every slot. */
  availability: string[] | null;
  host: boolean;
}

export interface EventMeetingView {
  id: string;
  eventId: string;
  requestId: string | null;
  participantIds: string[];
  priority: number;
  slotIds: string[] | null;
  status: 'active' | 'cancelled';
  source: 'request' | 'staff' | 'import';
}

export interface EventPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
