import type { DeclineReason, MatchArea, MatchReason, MeetingRequestStatus, OrganisationType } from '@hub/domain';

export interface MeetingParty {
  type: OrganisationType;
  id: string;
  name: string;
}

/** Open outgoing requests: what the UI shows as "3 of 10 left". */
export interface MeetingQuota {
  limit: number;
  used: number;
  remaining: number;
}

export interface MeetingRequestView {
  id: string;
  area: MatchArea;
  status: MeetingRequestStatus;
  /** From the caller's side; null for staff. */
  direction: 'incoming' | 'outgoing' | null;
  from: MeetingParty;
  to: MeetingParty;
  message: string | null;
  /** The match's score and top reasons when the request was made: why it was proposed. */
  score: number | null;
  reasons: MatchReason[];
  matchId: string | null;
  technologyOfferId: string | null;
  eventId: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  /** Only for the organisation that declined, and staff. */
  declineReason?: DeclineReason | null;
}

export interface MeetingRequestPage {
  items: MeetingRequestView[];
  total: number;
  limit: number;
  offset: number;
  quota: MeetingQuota | null;
}
