import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@hub/domain';

/** The one place where domain error codes become HTTP statuses. */
export const HTTP_STATUS_OF: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MalformedJson]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.RouteNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [ErrorCode.VersionConflict]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyHasOrganisation]: HttpStatus.CONFLICT,
  [ErrorCode.DuplicateExternalId]: HttpStatus.CONFLICT,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.QuotaExceeded]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.DuplicateRequest]: HttpStatus.CONFLICT,
  [ErrorCode.RequestClosed]: HttpStatus.CONFLICT,
  [ErrorCode.MeetingNotAccepted]: HttpStatus.CONFLICT,
  [ErrorCode.ProposalClosed]: HttpStatus.CONFLICT,
  [ErrorCode.ProposalDecided]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyRegistered]: HttpStatus.CONFLICT,
  [ErrorCode.EventInUse]: HttpStatus.CONFLICT,
  [ErrorCode.ScheduleConflict]: HttpStatus.CONFLICT,
  [ErrorCode.SchedulePublished]: HttpStatus.CONFLICT,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};
