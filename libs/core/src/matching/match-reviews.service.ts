import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type DeclineReason, type MatchArea } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';
import { MatchesService } from './matches.service';
import type { MatchView } from './match.view';

interface MatchParties {
  id: string;
  area: MatchArea;
  counterpartId: string;
}

/**
 * An organisation's review of its matches: shortlist, or decline with a reason. One review per organisation,
 * counterpart and area, private to the reviewer (and staff). Every change is audited and rescored: the reviewer's
 * decisions feed scoring (see ScoringFeedback), so its other matches move too.
 */
@Injectable()
export class MatchReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matches: MatchesService,
  ) {}

  shortlist(principal: Principal, matchId: string): Promise<MatchView> {
    return this.review(principal, matchId, 'shortlisted', null);
  }

  decline(principal: Principal, matchId: string, reason: DeclineReason): Promise<MatchView> {
    return this.review(principal, matchId, 'declined', reason);
  }

  /** Takes the review back: the match is open again, and the decision no longer feeds scoring. */
  async clear(principal: Principal, matchId: string): Promise<MatchView> {
    const organisationId = OrganisationAccess.ownOrganisation(principal, 'review matches');
    await this.dataSource.transaction(async (manager) => {
      const match = await this.partiesOf(manager, organisationId, matchId);
      const [, removed]: [unknown[], number] = await manager.query(
        `DELETE FROM match_reviews WHERE organisation_id = $1 AND counterpart_id = $2 AND area = $3`,
        [organisationId, match.counterpartId, match.area],
      );
      if (removed === 0) return;
      await this.recorded(manager, principal, organisationId, match, 'match.review_cleared', {});
    });
    return this.matches.get(principal, matchId);
  }

  private async review(principal: Principal, matchId: string, decision: 'shortlisted' | 'declined', reason: DeclineReason | null): Promise<MatchView> {
    const organisationId = OrganisationAccess.ownOrganisation(principal, 'review matches');
    await this.dataSource.transaction(async (manager) => {
      const match = await this.partiesOf(manager, organisationId, matchId);
      const [previous] = await manager.query(
        `SELECT decision, reason FROM match_reviews WHERE organisation_id = $1 AND counterpart_id = $2 AND area = $3 FOR UPDATE`,
        [organisationId, match.counterpartId, match.area],
      );
      // The same decision again changes nothing: no audit row, no rescoring.
      if (previous && previous.decision === decision && previous.reason === reason) return;
      await manager.query(
        `INSERT INTO match_reviews (organisation_id, counterpart_id, area, decision, reason, match_id, reviewed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT pk_match_reviews DO UPDATE
           SET decision = EXCLUDED.decision, reason = EXCLUDED.reason, match_id = EXCLUDED.match_id, reviewed_by = EXCLUDED.reviewed_by, updated_at = now()`,
        [organisationId, match.counterpartId, match.area, decision, reason, match.id, principal.userId],
      );
      await this.recorded(manager, principal, organisationId, match, `match.${decision}`, reason ? { reason } : {});
    });
    return this.matches.get(principal, matchId);
  }

  /** The match's area and the other party, for a party of it; 404 for anyone else, as if it did not exist. */
  private async partiesOf(manager: EntityManager, organisationId: string, matchId: string): Promise<MatchParties> {
    const [row] = await manager.query(`SELECT id, area, company_id, fund_id, research_centre_id FROM matches WHERE id = $1`, [matchId]);
    if (!row || ![row.company_id, row.fund_id, row.research_centre_id].includes(organisationId)) throw AppError.notFound('match', matchId);
    return { id: row.id, area: row.area, counterpartId: row.company_id === organisationId ? (row.fund_id ?? row.research_centre_id) : row.company_id };
  }

  /** The audit row, and a rescoring of the reviewer through the outbox, in the review's transaction. */
  private async recorded(manager: EntityManager, principal: Principal, organisationId: string, match: MatchParties, action: string, details: Record<string, unknown>): Promise<void> {
    await recordAudit(manager, {
      actorUserId: principal.userId,
      organisationId,
      action,
      subjectType: 'match',
      subjectId: match.id,
      details: { ...details, counterpartId: match.counterpartId, area: match.area },
    });
    await addToOutbox(manager, { topic: 'match_review.changed', aggregateType: 'match', aggregateId: match.id, organisationId });
  }
}
