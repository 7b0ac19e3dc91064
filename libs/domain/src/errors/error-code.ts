/**
 * Every failure the platform reports to a client has one of these codes. The HTTP edge maps them to statuses
 * (see `AppExceptionFilter`); the domain never speaks HTTP.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  VersionConflict = 'VERSION_CONFLICT',
  AlreadyHasOrganisation = 'ALREADY_HAS_ORGANISATION',
  DuplicateExternalId = 'DUPLICATE_EXTERNAL_ID',
  RateLimited = 'RATE_LIMITED',
  /** A per-organisation cap, such as open outgoing meeting requests, is reached. */
  QuotaExceeded = 'QUOTA_EXCEEDED',
  /** A meeting request is already pending between the two organisations in this area. */
  DuplicateRequest = 'DUPLICATE_REQUEST',
  /** The meeting request is no longer pending (accepted, declined, withdrawn or expired). */
  RequestClosed = 'REQUEST_CLOSED',
  /** An outcome is recorded only for a meeting both sides accepted. */
  MeetingNotAccepted = 'MEETING_NOT_ACCEPTED',
  /** The meeting proposal is no longer open (it became a meeting request, or was dismissed). */
  ProposalClosed = 'PROPOSAL_CLOSED',
  /** The caller's organisation already confirmed or dismissed this proposal, the other way. */
  ProposalDecided = 'PROPOSAL_DECIDED',
  /** The organisation already takes part in the event. */
  AlreadyRegistered = 'ALREADY_REGISTERED',
  /** An event's calendar or tables cannot change: participants, meetings or a schedule depend on them. */
  EventInUse = 'EVENT_IN_USE',
  /** A schedule change would double-book a slot, a table or a participant, or move a locked meeting. */
  ScheduleConflict = 'SCHEDULE_CONFLICT',
  /** The event's schedule is published: availability no longer changes. */
  SchedulePublished = 'SCHEDULE_PUBLISHED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}
