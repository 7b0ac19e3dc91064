import { AppError, ErrorCode } from '@hub/domain';

/** Optimistic concurrency: a change must name the version it was based on; any other version is a 409. */
export function assertExpectedVersion(what: string, id: string, sent: number, current: number): void {
  if (sent !== current) {
    throw new AppError(
      ErrorCode.VersionConflict,
      `${what} ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}; reload and retry`,
    );
  }
}
