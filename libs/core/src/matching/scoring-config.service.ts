import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, scoringConfigViolations, type ScoringConfig } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import { addToOutbox } from '../queue/outbox';

export interface ScoringConfigUpdate {
  config: ScoringConfig;
  /** The full rescore the change started. */
  rescoreRunId: string;
}

/** Versioned scoring weights: every change is a new version, and starts a full rescore in the same transaction. */
@Injectable()
export class ScoringConfigService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<ScoringConfig> {
    const [row] = await manager.query(`SELECT version, config FROM scoring_configs ORDER BY version DESC LIMIT 1`);
    if (!row) throw new AppError(ErrorCode.Internal, 'no scoring configuration: run the migrations');
    return { ...row.config, version: row.version };
  }

  async update(principal: Principal, config: Omit<ScoringConfig, 'version'>): Promise<ScoringConfigUpdate> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may change the scoring weights');
    const violations = scoringConfigViolations(config);
    if (violations.length > 0) throw AppError.validation(violations);
    return this.dataSource.transaction(async (manager) => {
      // The lock serialises concurrent edits: each gets its own next version.
      await manager.query(`LOCK TABLE scoring_configs IN EXCLUSIVE MODE`);
      const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM scoring_configs`);
      await manager.query(`INSERT INTO scoring_configs (version, config, created_by) VALUES ($1, $2, $3)`, [next, JSON.stringify(config), principal.userId]);
      const rescoreRunId = await ScoringConfigService.requestRescore(manager);
      return { config: { ...config, version: next }, rescoreRunId };
    });
  }

  /** Staff: a full rescore with the current weights; returns its run id. */
  async startRescore(principal: Principal): Promise<string> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may start a full rescore');
    return this.dataSource.transaction((manager) => ScoringConfigService.requestRescore(manager));
  }

  /** Asks the worker, through the outbox, for a full rescore; returns its run id. */
  static async requestRescore(manager: EntityManager): Promise<string> {
    const runId = randomUUID();
    await addToOutbox(manager, { topic: 'scoring.rescore', aggregateType: 'scoring_run', aggregateId: runId, organisationId: null });
    return runId;
  }
}
