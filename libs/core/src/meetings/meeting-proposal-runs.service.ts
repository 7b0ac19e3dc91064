import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  eligibleCandidates,
  proposalCoverage,
  proposalPairKey,
  PROPOSAL_DEFAULTS,
  selectMeetingProposals,
  type CoverageParticipant,
  type MatchArea,
  type ProposalCandidate,
} from '@hub/domain';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';
import type { StartProposalRunDto } from './dto/start-proposal-run.dto';
import type { MeetingProposalRunOptions, MeetingProposalRunStats, MeetingProposalRunStatus, MeetingProposalRunView } from './meeting-proposal.view';

interface RunRow {
  id: string;
  status: MeetingProposalRunStatus;
  event_id: string | null;
  options: MeetingProposalRunOptions;
  stats: MeetingProposalRunStats | null;
  failure: string | null;
  created_at: Date;
  completed_at: Date | null;
}

interface CandidateRow {
  match_id: string;
  area: MatchArea;
  company_id: string;
  counterpart_id: string;
  score: number;
  company_rank: number;
  counterpart_rank: number;
}

/** What a run's job answers: what it did, or that the run was done already (a re-delivered job). */
export type ProposalRunOutcome = { runId: string; status: 'completed'; proposed: number } | { runId: string; status: MeetingProposalRunStatus; alreadyDone: true };

/** Serialises runs: two at once would each count the other's proposals as absent. */
const RUN_LOCK = 0x6d_70_72_6e; // "mprn"

/**
 * Each pair's best match per area (a research centre meets a company once, whichever of its offers matched), with
 * where each side ranks the other among its own pairs of the area; kept when both ranks are within $1 and nothing
 * rules the pair out: a pending or accepted request between them in the area, any earlier proposal of the pair
 * (open: it is still on their lists; dismissed: never again; accepted: they meet), or a decline in either side's
 * review of the match.
 */
const CANDIDATES = `
  WITH pairs AS (
    SELECT DISTINCT ON (m.area, m.company_id, coalesce(m.fund_id, m.research_centre_id))
           m.id, m.area, m.company_id, coalesce(m.fund_id, m.research_centre_id) AS counterpart_id, m.score
      FROM matches m
     -- For an event ($2), both sides take part in it, and each ranks the other among the event's participants.
     WHERE $2::uuid IS NULL OR (m.company_id IN (SELECT organisation_id FROM event_participants WHERE event_id = $2)
                                AND coalesce(m.fund_id, m.research_centre_id) IN (SELECT organisation_id FROM event_participants WHERE event_id = $2))
     ORDER BY m.area, m.company_id, coalesce(m.fund_id, m.research_centre_id), m.score DESC, m.id
  ), ranked AS (
    SELECT p.*,
           row_number() OVER (PARTITION BY p.area, p.company_id ORDER BY p.score DESC, p.counterpart_id) AS company_rank,
           row_number() OVER (PARTITION BY p.area, p.counterpart_id ORDER BY p.score DESC, p.company_id) AS counterpart_rank
      FROM pairs p
  )
  SELECT r.id AS match_id, r.area, r.company_id, r.counterpart_id, r.score, r.company_rank::int AS company_rank, r.counterpart_rank::int AS counterpart_rank
    FROM ranked r
   WHERE r.company_rank <= $1 AND r.counterpart_rank <= $1
     AND NOT EXISTS (
       SELECT 1 FROM meeting_requests q
        WHERE q.area = r.area
          AND ((q.from_organisation_id = r.company_id AND q.to_organisation_id = r.counterpart_id)
            OR (q.from_organisation_id = r.counterpart_id AND q.to_organisation_id = r.company_id))
          AND (q.status = 'accepted' OR (q.status = 'pending' AND q.expires_at > now())))
     AND NOT EXISTS (
       SELECT 1 FROM meeting_proposals e WHERE e.area = r.area AND e.company_id = r.company_id AND e.counterpart_id = r.counterpart_id)
     AND NOT EXISTS (
       SELECT 1 FROM match_reviews v
        WHERE v.area = r.area AND v.decision = 'declined'
          AND ((v.organisation_id = r.company_id AND v.counterpart_id = r.counterpart_id)
            OR (v.organisation_id = r.counterpart_id AND v.counterpart_id = r.company_id)))`;

/** Open proposals per organisation, either side, of the same scope (the event $1, or global). */
const OPEN_COUNTS = `
  SELECT organisation_id, count(*)::int AS n FROM (
    SELECT company_id AS organisation_id FROM meeting_proposals WHERE status = 'open' AND event_id IS NOT DISTINCT FROM $1
    UNION ALL SELECT counterpart_id FROM meeting_proposals WHERE status = 'open' AND event_id IS NOT DISTINCT FROM $1
  ) o GROUP BY organisation_id`;

/** Who could have been proposed: every organisation with a match, or with an open proposal. */
const PARTICIPANTS = `
  SELECT o.id, o.type, coalesce(c.name, f.name, r.name) AS name
    FROM organisations o
    LEFT JOIN companies c ON c.id = o.id LEFT JOIN funds f ON f.id = o.id LEFT JOIN research_centres r ON r.id = o.id
   WHERE CASE WHEN $1::uuid IS NULL THEN o.id IN (
     SELECT company_id FROM matches
     UNION SELECT coalesce(fund_id, research_centre_id) FROM matches
     UNION SELECT company_id FROM meeting_proposals WHERE status = 'open'
     UNION SELECT counterpart_id FROM meeting_proposals WHERE status = 'open')
     -- For an event: its participants.
     ELSE o.id IN (SELECT organisation_id FROM event_participants WHERE event_id = $1) END`;

/**
 * Staff-started proposal runs: requested through the outbox (with the run row, in one transaction), computed by
 * the worker in one transaction, read back with their coverage.
 */
@Injectable()
export class MeetingProposalRunsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async start(principal: Principal, dto: StartProposalRunDto): Promise<{ runId: string; status: MeetingProposalRunStatus }> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may run meeting proposals');
    const options: MeetingProposalRunOptions = {
      maxPerOrganisation: dto.maxPerOrganisation ?? PROPOSAL_DEFAULTS.maxPerOrganisation,
      maxRank: dto.maxRank ?? PROPOSAL_DEFAULTS.maxRank,
    };
    return this.dataSource.transaction(async (manager) => {
      if (dto.eventId) {
        const [event] = await manager.query(`SELECT 1 FROM events WHERE id = $1`, [dto.eventId]);
        if (!event) throw AppError.notFound('event', dto.eventId);
      }
      const [run] = await manager.query(`INSERT INTO meeting_proposal_runs (requested_by, options, event_id) VALUES ($1, $2, $3) RETURNING id, status`, [
        principal.userId,
        JSON.stringify(options),
        dto.eventId ?? null,
      ]);
      await addToOutbox(manager, { topic: 'meeting_proposals.run', aggregateType: 'meeting_proposal_run', aggregateId: run.id, organisationId: null });
      return { runId: run.id as string, status: run.status as MeetingProposalRunStatus };
    });
  }

  async status(principal: Principal, runId: string): Promise<MeetingProposalRunView> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may read meeting-proposal runs');
    const [row]: RunRow[] = await this.dataSource.query(`SELECT * FROM meeting_proposal_runs WHERE id = $1`, [runId]);
    if (!row) throw AppError.notFound('meeting-proposal run', runId);
    return {
      runId: row.id,
      status: row.status,
      options: row.options,
      eventId: row.event_id,
      requestedAt: new Date(row.created_at).toISOString(),
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
      failedReason: row.failure,
      coverage: row.stats,
    };
  }

  /**
   * The worker's part: chooses and stores the run's proposals and its coverage, in one transaction. A run that is
   * no longer `requested` (a re-delivered job) is left as it is.
   */
  async execute(runId: string): Promise<ProposalRunOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [run]: RunRow[] = await manager.query(`SELECT * FROM meeting_proposal_runs WHERE id = $1 FOR UPDATE`, [runId]);
      if (!run) throw AppError.notFound('meeting-proposal run', runId);
      if (run.status !== 'requested') return { runId, status: run.status, alreadyDone: true };
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [RUN_LOCK]);
      const { maxPerOrganisation, maxRank } = run.options;

      const rows: CandidateRow[] = await manager.query(CANDIDATES, [maxRank, run.event_id]);
      const matchOf = new Map<string, string>();
      const candidates: ProposalCandidate[] = rows.map((r) => {
        matchOf.set(proposalPairKey(r.area, r.company_id, r.counterpart_id), r.match_id);
        return { area: r.area, a: r.company_id, b: r.counterpart_id, score: r.score, rankByA: r.company_rank, rankByB: r.counterpart_rank };
      });
      const before = await this.openCounts(manager, run.event_id);
      const chosen = selectMeetingProposals(candidates, { maxPerOrganisation, maxRank, alreadyProposed: before });
      const matchIds = chosen.map((c) => matchOf.get(proposalPairKey(c.area, c.a, c.b)) as string);
      // From the matches themselves, so each proposal keeps its match's snapshot (score, contributions, offer).
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO meeting_proposals (run_id, area, company_id, counterpart_id, match_id, technology_offer_id, score, contributions, event_id)
         SELECT $1, m.area, m.company_id, coalesce(m.fund_id, m.research_centre_id), m.id, m.technology_offer_id, m.score, m.contributions, $3::uuid
           FROM matches m WHERE m.id = ANY($2::uuid[])
         RETURNING id`,
        [runId, matchIds, run.event_id],
      );

      const participants: CoverageParticipant[] = await manager.query(PARTICIPANTS, [run.event_id]);
      const coverage = proposalCoverage(participants, await this.openCounts(manager, run.event_id), eligibleCandidates(candidates, maxRank));
      const carriedOver = [...before.values()].reduce((sum, n) => sum + n, 0) / 2;
      const stats: MeetingProposalRunStats = { candidates: candidates.length, proposed: inserted.length, carriedOver, ...coverage };
      await manager.query(`UPDATE meeting_proposal_runs SET status = 'completed', stats = $2, completed_at = now() WHERE id = $1`, [runId, JSON.stringify(stats)]);
      return { runId, status: 'completed', proposed: inserted.length };
    });
  }

  /** The job gave up: the run says so (and why) instead of waiting for ever. */
  async markFailed(runId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE meeting_proposal_runs SET status = 'failed', failure = $2, completed_at = now() WHERE id = $1 AND status = 'requested'`, [runId, reason.slice(0, 2000)]);
  }

  private async openCounts(manager: EntityManager, eventId: string | null): Promise<Map<string, number>> {
    const rows: Array<{ organisation_id: string; n: number }> = await manager.query(OPEN_COUNTS, [eventId]);
    return new Map(rows.map((r) => [r.organisation_id, r.n]));
  }
}
