import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail notifications of meeting requests: one row per (request, kind of notification, recipient) once it is
 * delivered — sent, or skipped because mail is disabled. The unique key is what makes a re-delivered job, or two
 * copies of one running at once, send each mail once.
 */
export class Notifications1764201600000 implements MigrationInterface {
  name = 'Notifications1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial NOT NULL,
        meeting_request_id uuid NOT NULL,
        kind text NOT NULL,
        user_id uuid NOT NULL,
        -- As the mail went out: the address and language the user had then.
        email text NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        -- Deterministic, so a mail re-sent after a crash between SMTP and commit can be recognised as the same one.
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_notification_deliveries_request FOREIGN KEY (meeting_request_id) REFERENCES meeting_requests (id) ON DELETE CASCADE,
        CONSTRAINT fk_notification_deliveries_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT uq_notification_deliveries_recipient UNIQUE (meeting_request_id, kind, user_id),
        CONSTRAINT ck_notification_deliveries_kind CHECK (kind IN ('new_request', 'accepted', 'declined', 'expiring_soon', 'expired')),
        CONSTRAINT ck_notification_deliveries_language CHECK (language IN ('it', 'en')),
        CONSTRAINT ck_notification_deliveries_status CHECK (status IN ('sent', 'skipped'))
      )`);
    // Cascades from a deleted user; the unique key above already serves lookups by request.
    await q.query(`CREATE INDEX ix_notification_deliveries_user ON notification_deliveries (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_deliveries`);
  }
}
