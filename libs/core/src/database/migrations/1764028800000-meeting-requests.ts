import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting requests between organisations, and the audit trail of decisions. A request keeps a snapshot of the
 * match that proposed it (score and contributions) so the receiver sees why, even after the match is rescored.
 */
export class MeetingRequests1764028800000 implements MigrationInterface {
  name = 'MeetingRequests1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        area text NOT NULL,
        from_organisation_id uuid NOT NULL,
        to_organisation_id uuid NOT NULL,
        match_id uuid,
        technology_offer_id uuid,
        -- Events arrive with the scheduling issue; the column is here so requests can carry one then.
        event_id uuid,
        message text,
        status text NOT NULL DEFAULT 'pending',
        score real,
        contributions real[],
        decline_reason text,
        created_by uuid,
        decided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_meeting_requests PRIMARY KEY (id),
        CONSTRAINT fk_meeting_requests_from FOREIGN KEY (from_organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_requests_to FOREIGN KEY (to_organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_requests_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_requests_offer FOREIGN KEY (technology_offer_id) REFERENCES technology_offers (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_requests_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_requests_decided_by FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_meeting_requests_area CHECK (area IN ('venture_capital', 'tech_transfer')),
        CONSTRAINT ck_meeting_requests_status CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
        CONSTRAINT ck_meeting_requests_decline_reason CHECK (decline_reason IN ('stage', 'ticket', 'area', 'timing', 'other')),
        CONSTRAINT ck_meeting_requests_parties CHECK (from_organisation_id <> to_organisation_id),
        CONSTRAINT ck_meeting_requests_message CHECK (char_length(message) <= 1000)
      )`);
    // One pending request per pair of organisations and area, whichever side asked: enforced here so two
    // concurrent requests cannot both pass the service's check.
    await q.query(
      `CREATE UNIQUE INDEX uq_meeting_requests_pending ON meeting_requests
         (least(from_organisation_id, to_organisation_id), greatest(from_organisation_id, to_organisation_id), area) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX ix_meeting_requests_from ON meeting_requests (from_organisation_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_meeting_requests_to ON meeting_requests (to_organisation_id, status, created_at DESC)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial NOT NULL,
        actor_user_id uuid,
        organisation_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_audit_events PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_events_subject ON audit_events (subject_type, subject_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_events`);
    await q.query(`DROP TABLE IF EXISTS meeting_requests`);
  }
}
