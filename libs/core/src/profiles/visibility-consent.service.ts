import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type OrganisationType } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import { addToOutbox } from '../queue/outbox';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from './organisation-access';
import type { VisibilityConsentView } from './views/visibility-consent.view';

interface ConsentRow {
  id: string;
  type: OrganisationType;
  visibility_consent_at: Date | null;
  visibility_consent_by: string | null;
}

/**
 * Gives and withdraws an organisation's consent to be shown to others. A change is sent through the outbox as a
 * change of the profile (and of a research centre's offers), so the index adds or drops the documents and scoring
 * adds or drops the organisation's matches, in the same transaction's wake.
 */
@Injectable()
export class VisibilityConsentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(principal: Principal, organisationId: string): Promise<VisibilityConsentView> {
    const row = await this.load(this.dataSource.manager, principal, organisationId);
    return toView(row);
  }

  async set(principal: Principal, organisationId: string, consent: boolean): Promise<VisibilityConsentView> {
    return this.dataSource.transaction(async (manager) => {
      await this.load(manager, principal, organisationId);
      const row = await VisibilityConsentService.record(manager, organisationId, consent, principal.userId);
      return toView(row);
    });
  }

  /**
   * Records the consent (a no-op when nothing changes, so a repeated PUT neither rewrites who consented nor
   * re-scores), with an audit row and the outbox rows that carry it to search and scoring.
   */
  static async record(manager: EntityManager, organisationId: string, consent: boolean, by: string | null): Promise<ConsentRow> {
    const [current]: ConsentRow[] = await manager.query(
      `SELECT id, type, visibility_consent_at, visibility_consent_by FROM organisations WHERE id = $1 FOR UPDATE`,
      [organisationId],
    );
    if (!current) throw AppError.notFound('organisation', organisationId);
    if ((current.visibility_consent_at !== null) === consent) return current;
    // An UPDATE through the driver answers [rows, count].
    const [[updated]]: [ConsentRow[], number] = await manager.query(
      `UPDATE organisations SET visibility_consent_at = CASE WHEN $2 THEN now() END, visibility_consent_by = CASE WHEN $2 THEN $3::uuid END
        WHERE id = $1 RETURNING id, type, visibility_consent_at, visibility_consent_by`,
      [organisationId, consent, by],
    );
    await addToOutbox(manager, { topic: 'document.changed', aggregateType: current.type, aggregateId: organisationId, organisationId });
    if (current.type === 'research_centre') {
      // Its offers, in one statement (the same event as the capture trigger writes for each).
      await manager.query(
        `INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, organisation_id)
         SELECT 'document.changed', 'technology_offer', id, research_centre_id FROM technology_offers WHERE research_centre_id = $1`,
        [organisationId],
      );
    }
    await recordAudit(manager, {
      actorUserId: by,
      organisationId,
      action: consent ? 'organisation.visibility_consent_given' : 'organisation.visibility_consent_withdrawn',
      subjectType: 'organisation',
      subjectId: organisationId,
    });
    return updated;
  }

  private async load(manager: EntityManager, principal: Principal, organisationId: string): Promise<ConsentRow> {
    const [row]: ConsentRow[] = await manager.query(`SELECT id, type, visibility_consent_at, visibility_consent_by FROM organisations WHERE id = $1`, [organisationId]);
    if (!row) throw AppError.notFound('organisation', organisationId);
    // Consent is the organisation's own business: its members and staff read and change it; others are refused.
    OrganisationAccess.assertCanManage(principal, organisationId, 'organisation');
    return row;
  }
}

function toView(row: ConsentRow): VisibilityConsentView {
  return {
    organisationId: row.id,
    visible: row.visibility_consent_at !== null,
    consentedAt: row.visibility_consent_at ? new Date(row.visibility_consent_at).toISOString() : null,
    consentedBy: row.visibility_consent_by,
  };
}
