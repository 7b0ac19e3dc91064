import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';

/** How to reach an organisation: its members' e-mail addresses (disclosed with the confidential part). */
export interface ContactView {
  email: string;
}

/**
 * Staged disclosure: an organisation's confidential part (a company's funding sought, IP details and technology
 * needs, an offer's confidential details, every organisation's contacts) is shown to its members and staff, and
 * to an organisation only once the two have a meeting both accepted. Before that, everyone sees the public profile.
 */
export const Disclosure = {
  /** The organisations among `ids` whose confidential part the caller may read. */
  async disclosedTo(manager: EntityManager, principal: Principal, ids: readonly string[]): Promise<Set<string>> {
    if (principal.role === 'staff') return new Set(ids);
    const viewer = principal.organisationId;
    if (!viewer || ids.length === 0) return new Set();
    const disclosed = new Set(ids.filter((id) => id === viewer));
    const others = ids.filter((id) => id !== viewer);
    if (others.length === 0) return disclosed;
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT to_organisation_id AS id FROM meeting_requests WHERE status = 'accepted' AND from_organisation_id = $1 AND to_organisation_id = ANY($2::uuid[])
       UNION
       SELECT from_organisation_id FROM meeting_requests WHERE status = 'accepted' AND to_organisation_id = $1 AND from_organisation_id = ANY($2::uuid[])`,
      [viewer, others],
    );
    for (const row of rows) disclosed.add(row.id);
    return disclosed;
  },

  /** Members' e-mail addresses of each organisation, in a stable order. */
  async contactsOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, ContactView[]>> {
    const contacts = new Map<string, ContactView[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return contacts;
    const rows: Array<{ organisation_id: string; email: string }> = await manager.query(
      `SELECT m.organisation_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = ANY($1::uuid[]) ORDER BY u.email`,
      [ids],
    );
    for (const row of rows) contacts.get(row.organisation_id)?.push({ email: row.email });
    return contacts;
  },
};
