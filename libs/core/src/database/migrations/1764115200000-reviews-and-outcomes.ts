import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What organisations decide about their matches (shortlist, decline with a reason) and how their meetings went.
 * Both are private to the deciding organisation and staff, and both feed the scoring engine as feedback.
 * Research centres' offers gain a confidential part, disclosed like a company's confidential fields.
 */
export class ReviewsAndOutcomes1764115200000 implements MigrationInterface {
  name = 'ReviewsAndOutcomes1764115200000';

  async up(q: QueryRunner): Promise<void> {
    // One review per organisation, counterpart organisation and area: a research centre reviews a company once,
    // whichever of its offers matched.
    await q.query(`
      CREATE TABLE match_reviews (
        organisation_id uuid NOT NULL,
        counterpart_id uuid NOT NULL,
        area text NOT NULL,
        decision text NOT NULL,
        reason text,
        match_id uuid,
        reviewed_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_match_reviews PRIMARY KEY (organisation_id, counterpart_id, area),
        CONSTRAINT fk_match_reviews_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_match_reviews_counterpart FOREIGN KEY (counterpart_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_match_reviews_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE SET NULL,
        CONSTRAINT fk_match_reviews_reviewed_by FOREIGN KEY (reviewed_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_match_reviews_area CHECK (area IN ('venture_capital', 'tech_transfer')),
        CONSTRAINT ck_match_reviews_decision CHECK (decision IN ('shortlisted', 'declined')),
        -- A decline always says why; a shortlist never carries a reason.
        CONSTRAINT ck_match_reviews_reason CHECK (
          (decision = 'declined' AND reason IN ('stage', 'ticket', 'area', 'timing', 'other')) OR (decision = 'shortlisted' AND reason IS NULL)),
        CONSTRAINT ck_match_reviews_parties CHECK (organisation_id <> counterpart_id)
      )`);
    await q.query(`CREATE INDEX ix_match_reviews_counterpart ON match_reviews (counterpart_id, area)`);

    // Each side of an accepted meeting records its own outcome, once (and may correct it).
    await q.query(`
      CREATE TABLE meeting_outcomes (
        request_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        outcome text NOT NULL,
        follow_up text NOT NULL DEFAULT 'none',
        note text,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_meeting_outcomes PRIMARY KEY (request_id, organisation_id),
        CONSTRAINT fk_meeting_outcomes_request FOREIGN KEY (request_id) REFERENCES meeting_requests (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_outcomes_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_outcomes_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_meeting_outcomes_outcome CHECK (outcome IN ('took_place', 'no_show', 'cancelled')),
        CONSTRAINT ck_meeting_outcomes_follow_up CHECK (follow_up IN ('none', 'follow_up', 'due_diligence', 'term_sheet', 'agreement')),
        -- Only a meeting that took place can lead anywhere.
        CONSTRAINT ck_meeting_outcomes_follow_up_needs_meeting CHECK (outcome = 'took_place' OR follow_up = 'none'),
        CONSTRAINT ck_meeting_outcomes_note CHECK (char_length(note) <= 2000)
      )`);
    await q.query(`CREATE INDEX ix_meeting_outcomes_organisation ON meeting_outcomes (organisation_id)`);
    await q.query(`CREATE INDEX ix_audit_events_organisation ON audit_events (organisation_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_audit_events_created ON audit_events (created_at DESC, id DESC)`);

    // Accepted requests are looked up per pair to decide what a viewer may see (staged disclosure).
    await q.query(
      `CREATE INDEX ix_meeting_requests_accepted_pair ON meeting_requests (from_organisation_id, to_organisation_id) WHERE status = 'accepted'`,
    );

    // Reviews and outcomes rescore their organisation through the outbox.
    await q.query(`ALTER TABLE outbox_events DROP CONSTRAINT ck_outbox_events_aggregate_type`);
    await q.query(
      `ALTER TABLE outbox_events ADD CONSTRAINT ck_outbox_events_aggregate_type
         CHECK (aggregate_type IN ('company', 'fund', 'research_centre', 'technology_offer', 'scoring_run', 'meeting_request', 'match', 'meeting_outcome'))`,
    );

    await q.query(`ALTER TABLE technology_offers ADD COLUMN confidential_details text`);
    await q.query(`ALTER TABLE technology_offers ADD CONSTRAINT ck_technology_offers_confidential_details CHECK (char_length(confidential_details) <= 5000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE technology_offers DROP CONSTRAINT IF EXISTS ck_technology_offers_confidential_details`);
    await q.query(`ALTER TABLE technology_offers DROP COLUMN IF EXISTS confidential_details`);
    await q.query(`DELETE FROM outbox_events WHERE aggregate_type IN ('match', 'meeting_outcome')`);
    await q.query(`ALTER TABLE outbox_events DROP CONSTRAINT ck_outbox_events_aggregate_type`);
    await q.query(
      `ALTER TABLE outbox_events ADD CONSTRAINT ck_outbox_events_aggregate_type
         CHECK (aggregate_type IN ('company', 'fund', 'research_centre', 'technology_offer', 'scoring_run', 'meeting_request'))`,
    );
    await q.query(`DROP INDEX IF EXISTS ix_meeting_requests_accepted_pair`);
    await q.query(`DROP INDEX IF EXISTS ix_audit_events_created`);
    await q.query(`DROP INDEX IF EXISTS ix_audit_events_organisation`);
    await q.query(`DROP TABLE IF EXISTS meeting_outcomes`);
    await q.query(`DROP TABLE IF EXISTS match_reviews`);
  }
}
