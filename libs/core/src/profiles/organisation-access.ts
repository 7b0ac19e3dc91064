import { AppError, ErrorCode, ROLE_ORGANISATION_TYPE, type OrganisationType } from '@hub/domain';
import type { Principal } from '../auth/principal';

/** Object-level authorisation for profiles: members and staff manage, everyone logged in reads the public part. */
export const OrganisationAccess = {
  isStaff(principal: Principal): boolean {
    return principal.role === 'staff';
  },

  canManage(principal: Principal, organisationId: string): boolean {
    return principal.role === 'staff' || principal.organisationId === organisationId;
  },

  assertCanManage(principal: Principal, organisationId: string, what: string): void {
    if (!OrganisationAccess.canManage(principal, organisationId)) {
      throw new AppError(ErrorCode.Forbidden, `only members of this ${what} and hub staff may change it`);
    }
  },

  /** A user creates at most one organisation, of the type their role stands for; staff create any, as nobody's member. */
  assertCanCreate(principal: Principal, type: OrganisationType): void {
    if (principal.role === 'staff') return;
    if (ROLE_ORGANISATION_TYPE[principal.role] !== type) {
      throw new AppError(ErrorCode.Forbidden, `an account with role ${principal.role} cannot create a ${type.replace('_', ' ')} profile`);
    }
    if (principal.organisationId !== null) {
      throw new AppError(ErrorCode.AlreadyHasOrganisation, `this account is already a member of organisation ${principal.organisationId}`);
    }
  },

  /** The caller's own organisation, for acting on its behalf: staff act on nobody's, accounts without one cannot. */
  ownOrganisation(principal: Principal, action: string): string {
    if (principal.role === 'staff') throw new AppError(ErrorCode.Forbidden, `hub staff cannot ${action} on an organisation's behalf`);
    if (!principal.organisationId) throw new AppError(ErrorCode.Forbidden, `this account has no organisation yet: create its profile before you ${action}`);
    return principal.organisationId;
  },

  /**
   * Whose records a list shows: staff name the organisation (required), others see their own and may name only
   * it. `what` names the records in messages, e.g. "matches".
   */
  listedOrganisation(principal: Principal, requested: string | undefined, what: string): string {
    if (principal.role === 'staff') {
      if (!requested) throw AppError.validation([{ field: 'organisationId', rule: 'required', message: 'organisationId is required for staff' }]);
      return requested;
    }
    if (requested && requested !== principal.organisationId) throw new AppError(ErrorCode.Forbidden, `only hub staff may read another organisation's ${what}`);
    return OrganisationAccess.ownOrganisation(principal, `read ${what}`);
  },
};
