import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxAggregateTypes, setOutboxAggregateTypes } from './outbox-aggregate-types';

/**
 * B2B partnering events: their calendar (slots), participants with availability, the meetings to place (accepted
 * requests and staff-added ones), and schedule versions. Every change of a schedule is a new version; within a
 * version, unique constraints make double booking impossible — a table twice in a slot, or a participant twice in
 * a slot — whatever the application does and however many staff edit at once.
 */
export class Events1764374400000 implements MigrationInterface {
  name = 'Events1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        time_zone text NOT NULL DEFAULT 'Europe/Rome',
        slot_minutes int NOT NULL,
        -- The calendar as staff gave it (days, windows, breaks); the slots below are cut from it.
        days jsonb NOT NULL,
        tables int NOT NULL,
        -- Virtual rooms: one link per table, shown instead of a table number.
        room_links text[],
        max_meetings_per_participant int NOT NULL,
        min_meetings_per_participant int NOT NULL DEFAULT 0,
        host_tables boolean NOT NULL DEFAULT false,
        request_quota int,
        request_ttl_days int,
        published_version int,
        published_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_events PRIMARY KEY (id),
        CONSTRAINT fk_events_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT ck_events_name CHECK (char_length(name) BETWEEN 1 AND 200),
        CONSTRAINT ck_events_tables CHECK (tables BETWEEN 1 AND 1000),
        CONSTRAINT ck_events_room_links CHECK (room_links IS NULL OR cardinality(room_links) = tables),
        CONSTRAINT ck_events_meetings CHECK (max_meetings_per_participant BETWEEN 1 AND 200 AND min_meetings_per_participant BETWEEN 0 AND max_meetings_per_participant),
        CONSTRAINT ck_events_request_quota CHECK (request_quota IS NULL OR request_quota BETWEEN 1 AND 1000),
        CONSTRAINT ck_events_request_ttl CHECK (request_ttl_days IS NULL OR request_ttl_days BETWEEN 1 AND 365)
      )`);

    await q.query(`
      CREATE TABLE event_slots (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        index int NOT NULL,
        session int NOT NULL,
        session_name text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CONSTRAINT pk_event_slots PRIMARY KEY (id),
        CONSTRAINT fk_event_slots_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT uq_event_slots_index UNIQUE (event_id, index),
        CONSTRAINT ck_event_slots_times CHECK (ends_at > starts_at)
      )`);

    await q.query(`
      CREATE TABLE event_participants (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        -- Slots the participant can attend; NULL = every slot.
        available_slot_ids uuid[],
        host boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_event_participants PRIMARY KEY (id),
        CONSTRAINT fk_event_participants_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT fk_event_participants_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT uq_event_participants_organisation UNIQUE (event_id, organisation_id),
        CONSTRAINT ck_event_participants_available CHECK (available_slot_ids IS NULL OR cardinality(available_slot_ids) > 0)
      )`);
    await q.query(`CREATE INDEX ix_event_participants_organisation ON event_participants (organisation_id)`);

    await q.query(`
      CREATE TABLE event_meetings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        request_id uuid,
        participant_ids uuid[] NOT NULL,
        priority real NOT NULL DEFAULT 1,
        allowed_slot_ids uuid[],
        status text NOT NULL DEFAULT 'active',
        source text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_event_meetings PRIMARY KEY (id),
        CONSTRAINT fk_event_meetings_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT fk_event_meetings_request FOREIGN KEY (request_id) REFERENCES meeting_requests (id) ON DELETE CASCADE,
        CONSTRAINT fk_event_meetings_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT uq_event_meetings_request UNIQUE (event_id, request_id),
        CONSTRAINT ck_event_meetings_participants CHECK (cardinality(participant_ids) BETWEEN 2 AND 10),
        CONSTRAINT ck_event_meetings_priority CHECK (priority > 0 AND priority <= 1000),
        CONSTRAINT ck_event_meetings_status CHECK (status IN ('active', 'cancelled')),
        CONSTRAINT ck_event_meetings_source CHECK (source IN ('request', 'staff', 'import'))
      )`);
    await q.query(`CREATE INDEX ix_event_meetings_event ON event_meetings (event_id, status)`);

    await q.query(`
      CREATE TABLE schedule_versions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        version int NOT NULL,
        based_on int,
        change text NOT NULL,
        status text NOT NULL,
        progress real NOT NULL DEFAULT 0,
        stats jsonb,
        unscheduled jsonb NOT NULL DEFAULT '[]',
        failed_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_schedule_versions PRIMARY KEY (id),
        CONSTRAINT fk_schedule_versions_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT fk_schedule_versions_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        -- Two staff members saving a change at once both aim at version N+1: one of them gets a conflict.
        CONSTRAINT uq_schedule_versions_version UNIQUE (event_id, version),
        CONSTRAINT ck_schedule_versions_status CHECK (status IN ('running', 'completed', 'failed')),
        CONSTRAINT ck_schedule_versions_change CHECK (change IN ('run', 'move', 'lock', 'unlock', 'cancel'))
      )`);

    await q.query(`
      CREATE TABLE scheduled_meetings (
        version_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        slot_id uuid NOT NULL,
        table_no int NOT NULL,
        locked boolean NOT NULL DEFAULT false,
        CONSTRAINT pk_scheduled_meetings PRIMARY KEY (version_id, meeting_id),
        CONSTRAINT fk_scheduled_meetings_version FOREIGN KEY (version_id) REFERENCES schedule_versions (id) ON DELETE CASCADE,
        CONSTRAINT fk_scheduled_meetings_meeting FOREIGN KEY (meeting_id) REFERENCES event_meetings (id) ON DELETE CASCADE,
        CONSTRAINT fk_scheduled_meetings_slot FOREIGN KEY (slot_id) REFERENCES event_slots (id) ON DELETE CASCADE,
        -- One meeting per table and slot.
        CONSTRAINT uq_scheduled_meetings_table UNIQUE (version_id, slot_id, table_no),
        CONSTRAINT ck_scheduled_meetings_table CHECK (table_no >= 1)
      )`);
    await q.query(`
      CREATE TABLE scheduled_participants (
        version_id uuid NOT NULL,
        slot_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        -- Nobody in two meetings in one slot.
        CONSTRAINT pk_scheduled_participants PRIMARY KEY (version_id, slot_id, participant_id),
        CONSTRAINT fk_scheduled_participants_meeting FOREIGN KEY (version_id, meeting_id) REFERENCES scheduled_meetings (version_id, meeting_id) ON DELETE CASCADE,
        CONSTRAINT fk_scheduled_participants_participant FOREIGN KEY (participant_id) REFERENCES event_participants (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_scheduled_participants_participant ON scheduled_participants (participant_id, version_id)`);

    // "Your agenda is published" mails: once per event version and user, whatever the number of job runs.
    await q.query(`
      CREATE TABLE agenda_deliveries (
        id bigserial NOT NULL,
        event_id uuid NOT NULL,
        version int NOT NULL,
        user_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        email text NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_agenda_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_agenda_deliveries_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT fk_agenda_deliveries_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT uq_agenda_deliveries_recipient UNIQUE (event_id, version, user_id),
        CONSTRAINT ck_agenda_deliveries_status CHECK (status IN ('sent', 'skipped'))
      )`);

    // Proposal runs for one event: among its participants only; their proposals become requests for the event.
    await q.query(`ALTER TABLE meeting_proposal_runs ADD CONSTRAINT fk_meeting_proposal_runs_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE meeting_proposals ADD COLUMN event_id uuid`);
    await q.query(`ALTER TABLE meeting_proposals ADD CONSTRAINT fk_meeting_proposals_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE`);

    await q.query(`ALTER TABLE meeting_requests ADD CONSTRAINT fk_meeting_requests_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX ix_meeting_requests_event ON meeting_requests (event_id, status) WHERE event_id IS NOT NULL`);
    await setOutboxAggregateTypes(q, [...new Set([...(await outboxAggregateTypes(q)), 'schedule_version', 'event'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox_events WHERE aggregate_type IN ('schedule_version', 'event')`);
    await setOutboxAggregateTypes(q, (await outboxAggregateTypes(q)).filter((t) => t !== 'schedule_version' && t !== 'event'));
    await q.query(`ALTER TABLE meeting_proposals DROP COLUMN IF EXISTS event_id`);
    await q.query(`ALTER TABLE meeting_proposal_runs DROP CONSTRAINT IF EXISTS fk_meeting_proposal_runs_event`);
    await q.query(`DROP INDEX IF EXISTS ix_meeting_requests_event`);
    await q.query(`ALTER TABLE meeting_requests DROP CONSTRAINT IF EXISTS fk_meeting_requests_event`);
    for (const table of ['agenda_deliveries', 'scheduled_participants', 'scheduled_meetings', 'schedule_versions', 'event_meetings', 'event_participants', 'event_slots', 'events']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
