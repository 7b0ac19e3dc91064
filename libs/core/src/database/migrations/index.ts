import { Foundation1763769600000 } from './1763769600000-foundation';
import { SearchAndOutbox1763856000000 } from './1763856000000-search-and-outbox';
import { Matches1763942400000 } from './1763942400000-matches';
import { MeetingRequests1764028800000 } from './1764028800000-meeting-requests';
import { ReviewsAndOutcomes1764115200000 } from './1764115200000-reviews-and-outcomes';
import { Notifications1764201600000 } from './1764201600000-notifications';
import { MeetingProposals1764288000000 } from './1764288000000-meeting-proposals';
import { Events1764374400000 } from './1764374400000-events';
import { SessionsConsentRetention1764460800000 } from './1764460800000-sessions-consent-retention';
import { ReadPaths1764720000000 } from './1764720000000-read-paths';
import { SearchCacheNotify1764806400000 } from './1764806400000-search-cache-notify';

/** In order; listed explicitly so every build (tsc, tests, cli) runs the same set. */
export const MIGRATIONS = [
  Foundation1763769600000,
  SearchAndOutbox1763856000000,
  Matches1763942400000,
  MeetingRequests1764028800000,
  ReviewsAndOutcomes1764115200000,
  Notifications1764201600000,
  MeetingProposals1764288000000,
  Events1764374400000,
  SessionsConsentRetention1764460800000,
  ReadPaths1764720000000,
  SearchCacheNotify1764806400000,
];
