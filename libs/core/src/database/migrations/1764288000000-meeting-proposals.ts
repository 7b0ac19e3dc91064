import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxAggregateTypes, setOutboxAggregateTypes } from './outbox-aggregate-types';

const RUN_TYPE = 'meeting_proposal_run';

/**
 * Meetings the platform proposes: a staff-started run (its options and, once done, its coverage) and the proposals
 * it made, each confirmed or dismissed by either side; when both confirm, the proposal points at the accepted
 * meeting request it became. A proposal keeps a snapshot of its match (score, contributions) as a request does.
 */
export class MeetingProposals1764288000000 implements MigrationInterface {
  name = 'MeetingProposals1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_proposal_runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'requested',
        requested_by uuid,
        -- Events arrive with the scheduling issue; then a run can be for one event's participants.
        event_id uuid,
        options jsonb NOT NULL,
        stats jsonb,
        failure text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_meeting_proposal_runs PRIMARY KEY (id),
        CONSTRAINT fk_meeting_proposal_runs_requested_by FOREIGN KEY (requested_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_meeting_proposal_runs_status CHECK (status IN ('requested', 'completed', 'failed')),
        CONSTRAINT ck_meeting_proposal_runs_done CHECK ((status = 'requested') = (completed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_meeting_proposal_runs_created ON meeting_proposal_runs (created_at DESC)`);

    await q.query(`
      CREATE TABLE meeting_proposals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL,
        area text NOT NULL,
        company_id uuid NOT NULL,
        -- The fund (venture capital) or research centre (tech transfer).
        counterpart_id uuid NOT NULL,
        match_id uuid,
        technology_offer_id uuid,
        score real NOT NULL,
        contributions real[] NOT NULL,
        company_decision text,
        company_decided_by uuid,
        company_decided_at timestamptz,
        counterpart_decision text,
        counterpart_decided_by uuid,
        counterpart_decided_at timestamptz,
        status text NOT NULL DEFAULT 'open',
        request_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT pk_meeting_proposals PRIMARY KEY (id),
        CONSTRAINT fk_meeting_proposals_run FOREIGN KEY (run_id) REFERENCES meeting_proposal_runs (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_proposals_company FOREIGN KEY (company_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_proposals_counterpart FOREIGN KEY (counterpart_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_meeting_proposals_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_proposals_offer FOREIGN KEY (technology_offer_id) REFERENCES technology_offers (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_proposals_company_decided_by FOREIGN KEY (company_decided_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_proposals_counterpart_decided_by FOREIGN KEY (counterpart_decided_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_meeting_proposals_request FOREIGN KEY (request_id) REFERENCES meeting_requests (id) ON DELETE SET NULL,
        CONSTRAINT ck_meeting_proposals_area CHECK (area IN ('venture_capital', 'tech_transfer')),
        CONSTRAINT ck_meeting_proposals_parties CHECK (company_id <> counterpart_id),
        CONSTRAINT ck_meeting_proposals_score CHECK (score >= 0 AND score <= 100),
        CONSTRAINT ck_meeting_proposals_company_decision CHECK (company_decision IN ('confirmed', 'dismissed')),
        CONSTRAINT ck_meeting_proposals_counterpart_decision CHECK (counterpart_decision IN ('confirmed', 'dismissed')),
        CONSTRAINT ck_meeting_proposals_status CHECK (status IN ('open', 'accepted', 'dismissed')),
        -- The status follows from the two decisions: accepted when both confirmed, dismissed when either dismissed.
        -- (IS NOT DISTINCT FROM: a check that comes out NULL would pass.)
        CONSTRAINT ck_meeting_proposals_status_decisions CHECK (
          CASE status
            WHEN 'accepted' THEN company_decision IS NOT DISTINCT FROM 'confirmed' AND counterpart_decision IS NOT DISTINCT FROM 'confirmed'
            WHEN 'dismissed' THEN company_decision IS NOT DISTINCT FROM 'dismissed' OR counterpart_decision IS NOT DISTINCT FROM 'dismissed'
            ELSE company_decision IS DISTINCT FROM 'dismissed' AND counterpart_decision IS DISTINCT FROM 'dismissed'
              AND (company_decision IS NULL OR counterpart_decision IS NULL)
          END
        ),
        CONSTRAINT ck_meeting_proposals_closed CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    // At most one open proposal per pair and area, whichever run made it: two runs at once cannot both propose it.
    await q.query(`CREATE UNIQUE INDEX uq_meeting_proposals_open ON meeting_proposals (company_id, counterpart_id, area) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_meeting_proposals_company ON meeting_proposals (company_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_meeting_proposals_counterpart ON meeting_proposals (counterpart_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_meeting_proposals_run ON meeting_proposals (run_id)`);
    // A dismissed pair is never proposed again: looked up per pair by every run.
    await q.query(`CREATE INDEX ix_meeting_proposals_dismissed ON meeting_proposals (company_id, counterpart_id, area) WHERE status = 'dismissed'`);

    // Runs reach the worker through the outbox.
    const types = await outboxAggregateTypes(q);
    if (!types.includes(RUN_TYPE)) await setOutboxAggregateTypes(q, [...types, RUN_TYPE]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox_events WHERE aggregate_type = $1`, [RUN_TYPE]);
    const types = await outboxAggregateTypes(q);
    if (types.includes(RUN_TYPE)) await setOutboxAggregateTypes(q, types.filter((t) => t !== RUN_TYPE));
    await q.query(`DROP TABLE IF EXISTS meeting_proposals`);
    await q.query(`DROP TABLE IF EXISTS meeting_proposal_runs`);
  }
}
