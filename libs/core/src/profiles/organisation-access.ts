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
};
