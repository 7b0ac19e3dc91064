import type { EntityManager } from 'typeorm';

/** What is being decided about: the subject types of audit rows. */
export const AUDIT_SUBJECT_TYPES = ['meeting_request', 'match', 'meeting_proposal', 'event', 'user', 'organisation'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export interface AuditEntry {
  /** Null when nobody decided (an expiry, a job). */
  actorUserId: string | null;
  /** The organisation on whose behalf it was decided. */
  organisationId: string | null;
  /** `<subject>.<verb>`, e.g. `meeting_request.accepted`. */
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit row in the caller's transaction: the decision and its record commit together or not at all. */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_events (actor_user_id, organisation_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.actorUserId, entry.organisationId, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details ?? {})],
  );
}
