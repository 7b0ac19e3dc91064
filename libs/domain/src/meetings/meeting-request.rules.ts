import type { OrganisationType } from '../profile/profile.enums';
import type { MatchArea } from '../scoring/scoring.types';

export const MEETING_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type MeetingRequestStatus = (typeof MEETING_REQUEST_STATUSES)[number];

/** Why a request (or a match) is declined: kept from the other side, fed back to scoring. */
export const DECLINE_REASONS = ['stage', 'ticket', 'area', 'timing', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const MEETING_MESSAGE_MAX = 1000;

/** The organisation types that meet in each area, in either direction. */
const PARTIES: Record<MatchArea, readonly [OrganisationType, OrganisationType]> = {
  venture_capital: ['company', 'fund'],
  tech_transfer: ['company', 'research_centre'],
};

/** Whether two organisation types can meet in an area (a company and a fund; a company and a research centre). */
export function canMeet(area: MatchArea, a: OrganisationType, b: OrganisationType): boolean {
  const [x, y] = PARTIES[area];
  return (a === x && b === y) || (a === y && b === x);
}

/** A pending request past its expiry counts as expired, whether or not the expiry job has run yet. */
export function effectiveStatus(status: MeetingRequestStatus, expiresAt: Date, now: Date): MeetingRequestStatus {
  return status === 'pending' && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

/** How a meeting went, as each side records it. */
export const MEETING_OUTCOMES = ['took_place', 'no_show', 'cancelled'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/** Where a meeting led, in order of commitment. */
export const FOLLOW_UP_STATUSES = ['none', 'follow_up', 'due_diligence', 'term_sheet', 'agreement'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const OUTCOME_NOTE_MAX = 2000;
