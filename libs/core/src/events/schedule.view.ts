import type { ScheduleStats, UnscheduledReason } from '@hub/domain';

export interface ScheduledMeetingView {
  id: string;
  requestId: string | null;
  slotId: string;
  start: string;
  end: string;
  /** Numbered from 1. */
  table: number;
  /** The virtual room's link, for an event with rooms instead of tables. */
  roomLink: string | null;
  participants: Array<{ id: string; organisationId: string; name: string }>;
  locked: boolean;
}

export interface ScheduleView {
  eventId: string;
  version: number;
  status: 'running' | 'completed' | 'failed';
  /** 0..1 while running. */
  progress: number;
  change: 'run' | 'move' | 'lock' | 'unlock' | 'cancel';
  basedOn: number | null;
  published: boolean;
  meetings: ScheduledMeetingView[];
  unscheduled: Array<{ id: string; requestId: string | null; reason: UnscheduledReason }>;
  stats: ScheduleStats | null;
  failedReason: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ScheduleDiffView {
  eventId: string;
  from: number;
  to: number;
  added: Array<{ id: string; slotId: string; table: number }>;
  removed: Array<{ id: string; slotId: string; table: number }>;
  moved: Array<{ id: string; from: { slotId: string; table: number }; to: { slotId: string; table: number } }>;
  locked: string[];
  unlocked: string[];
}
