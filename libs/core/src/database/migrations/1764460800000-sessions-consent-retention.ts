import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security and privacy (issue 8):
 * - auth_sessions: one row per login. Access tokens are short-lived JWTs naming their session, checked on every
 *   request, so logging out or changing the password ends them at once; the refresh token is stored as a SHA-256
 *   hash only, rotated on every use, and a replayed one revokes its session.
 * - organisations.visibility_consent_*: a profile is shown to other organisations only once one of its members
 *   (or staff, recording consent the organisation gave them) has agreed; who and when is kept as evidence.
 * - an index for purging declined, withdrawn and expired meeting requests after the retention period.
 */
export class SessionsConsentRetention1764460800000 implements MigrationInterface {
  name = 'SessionsConsentRetention1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        refresh_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT pk_auth_sessions PRIMARY KEY (id),
        CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_auth_sessions_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
        CONSTRAINT ck_auth_sessions_reason CHECK (revoked_reason IN ('logout', 'logout_everywhere', 'password_changed', 'refresh_reused'))
      )`);
    // Revoking every session of a user (password change, logout everywhere) and the cascade from users.
    await q.query(`CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id)`);
    // The retention purge of ended sessions.
    await q.query(`CREATE INDEX ix_auth_sessions_expires ON auth_sessions (expires_at)`);

    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);

    await q.query(`ALTER TABLE organisations ADD COLUMN visibility_consent_at timestamptz, ADD COLUMN visibility_consent_by uuid`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT fk_organisations_consent_by FOREIGN KEY (visibility_consent_by) REFERENCES users (id) ON DELETE SET NULL`);
    // Profiles that existed before consent was asked for were published under the hub's membership terms: kept visible.
    await q.query(`UPDATE organisations SET visibility_consent_at = created_at`);

    await q.query(`CREATE INDEX ix_meeting_requests_closed ON meeting_requests (decided_at) WHERE status IN ('declined', 'withdrawn', 'expired')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_meeting_requests_closed`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT IF EXISTS fk_organisations_consent_by`);
    await q.query(`ALTER TABLE organisations DROP COLUMN IF EXISTS visibility_consent_at, DROP COLUMN IF EXISTS visibility_consent_by`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS password_changed_at`);
    await q.query(`DROP TABLE IF EXISTS auth_sessions`);
  }
}
