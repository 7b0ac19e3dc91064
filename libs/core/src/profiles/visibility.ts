import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from './organisation-access';

/**
 * Profile visibility needs the organisation's explicit consent (GDPR): without it, a profile is seen only by its
 * own members and hub staff. It is not indexed for search and not scored, so it appears in nobody's matches, and
 * other organisations reading it get a 404, as if it did not exist.
 */
export const Visibility = {
  /** SQL condition: the organisation `column` names has consented to be seen. */
  consentedSql(column: string): string {
    return `EXISTS (SELECT 1 FROM organisations vis WHERE vis.id = ${column} AND vis.visibility_consent_at IS NOT NULL)`;
  },

  /** Whether the caller may see the organisation at all. */
  async canSee(manager: EntityManager, principal: Principal, organisationId: string): Promise<boolean> {
    if (OrganisationAccess.isStaff(principal) || principal.organisationId === organisationId) return true;
    const rows: Array<{ visible: boolean }> = await manager.query(`SELECT visibility_consent_at IS NOT NULL AS visible FROM organisations WHERE id = $1`, [organisationId]);
    return rows[0]?.visible === true;
  },

  /** The organisations among `ids` that have consented (the subset others may see). */
  async consented(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM organisations WHERE id = ANY($1::uuid[]) AND visibility_consent_at IS NOT NULL`, [ids]);
    return new Set(rows.map((r) => r.id));
  },
};
