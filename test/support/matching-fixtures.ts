import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@hub/core';
import { bearer, type TestContext, type TestUser } from './test-app';
import { eventually } from './test-worker';

/**
 * Profiles and helpers shared by the matching e2e tests: a company and a fund made for each other (CAR-T for
 * solid tumours, seed, 2 M€ sought; a seed / series A cell-therapy fund with 0.5–5 M€ tickets in the EU), a
 * research centre's CAR-T licensing offer, and waits on the outbox → scoring pipeline.
 */

export const FITTING_COMPANY = {
  kind: 'startup',
  country: 'IT',
  stage: 'seed',
  trl: 4,
  sectors: ['biotech'],
  therapeuticAreas: ['oncology'],
  modalities: ['car_t'],
  lookingFor: ['investment'],
  pitch: 'CAR-T cell therapy for solid tumours: armoured CAR-T cells that resist the tumour microenvironment',
  description: 'Engineered CAR-T cells for solid tumours such as pancreatic and ovarian cancer.',
  // Confidential: members and staff only.
  fundingSoughtEur: 2_000_000,
  ipStatus: 'filed',
  technologyNeeds: 'GMP viral vector manufacturing zebrafishneeds for the phase I batch',
} as const;

export const FITTING_FUND = {
  country: 'IT',
  active: true,
  stages: ['seed', 'series_a'],
  ticketMinEur: 500_000,
  ticketMaxEur: 5_000_000,
  geographies: ['EU'],
  sectors: ['biotech'],
  therapeuticAreas: ['oncology'],
  modalities: ['cell_therapy'],
  thesis: 'Seed and series A investments in cell therapy: CAR-T and engineered cell therapies for cancer and solid tumours.',
} as const;

export const FITTING_CENTRE = {
  kind: 'irccs',
  country: 'IT',
  description: 'IRCCS for oncology and cell therapy research, with a tech-transfer office licensing CAR-T constructs.',
} as const;

export const CAR_T_OFFER = {
  description: 'A licensable CAR-T construct against a solid-tumour antigen, with armoured co-stimulation; in vivo proof of concept.',
  trl: 4,
  collaborationTypes: ['licensing'],
  sectors: ['biotech'],
  therapeuticAreas: ['oncology'],
  modalities: ['car_t'],
} as const;

/** A company that wants to license technology in: the counterpart of CAR_T_OFFER. */
export const LICENSING_COMPANY = {
  ...FITTING_COMPANY,
  lookingFor: ['licensing_in'],
  technologyNeeds: 'A CAR-T construct for solid tumours to license in, for our cell therapy pipeline',
} as const;

export const CONFIDENTIAL_FIELDS = ['fundingSoughtEur', 'ipStatus', 'technologyNeeds'] as const;

export interface MatchItem {
  id: string;
  area: 'venture_capital' | 'tech_transfer';
  score: number;
  reasons: Array<{ factor: string; label: string; contribution: number }>;
  counterpart: { type: 'company' | 'fund' | 'research_centre'; id: string; name: string; pitch: string | null };
  technologyOfferId?: string;
  technologyOfferTitle?: string;
  configVersion: number;
  computedAt: string;
  review: { decision: 'shortlisted' | 'declined'; reason: string | null; reviewedAt: string } | null;
}

/** One stored match, as a comparable record (everything but computed_at, which every rewrite moves). */
export interface MatchRecord {
  id: string;
  area: string;
  company_id: string;
  fund_id: string | null;
  research_centre_id: string | null;
  technology_offer_id: string | null;
  score: number;
  contributions: number[];
  config_version: number;
}

export async function matchRecords(ctx: TestContext): Promise<MatchRecord[]> {
  return ctx.dataSource.query(
    `SELECT id, area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions, config_version
       FROM matches ORDER BY area, company_id, coalesce(fund_id, technology_offer_id)`,
  );
}

export function listMatches(ctx: TestContext, user: TestUser, query: Record<string, string | number> = {}) {
  return ctx.http.get('/api/v1/matches').query(query).set(...bearer(user));
}

/** The caller's matches of one area (every one: limit 100), asserting a 200. */
export async function matchesOf(ctx: TestContext, user: TestUser, area: MatchItem['area'], organisationId?: string): Promise<MatchItem[]> {
  const res = await listMatches(ctx, user, { area, limit: 100, ...(organisationId ? { organisationId } : {}) });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items;
}

const IDLE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Waits until everything written so far has been scored: the outbox is empty (so its jobs are in the queues;
 * the relay deletes rows only after enqueueing them) and neither scoring queue has a job left to run.
 */
export async function scoringSettled(ctx: TestContext, worker: INestApplication, timeoutMs = 15_000): Promise<void> {
  const queues = [QueueName.Scoring, QueueName.Rescore].map((name) => worker.get<Queue>(getQueueToken(name), { strict: false }));
  await eventually(async () => {
    const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`);
    expect(n).toBe(0);
    for (const queue of queues) {
      // A job that failed (waiting for its retry, given up, or done only on a retry) is a bug: say why.
      const failures = [
        ...(await queue.getJobs(['delayed', 'failed'])).map((job) => `${job.name}: ${job.failedReason}`),
        ...(await queue.getJobs(['completed'])).filter((job) => job.stacktrace?.length).map((job) => `${job.name} (retried): ${(job.stacktrace ?? []).join(' | ')}`),
      ];
      const counts = await queue.getJobCounts(...IDLE_STATES);
      expect({ queue: queue.name, failures, ...counts }).toEqual({
        queue: queue.name,
        failures: [],
        waiting: 0,
        active: 0,
        delayed: 0,
        prioritized: 0,
        'waiting-children': 0,
      });
    }
  }, timeoutMs);
}

export interface RescoreStatusBody {
  runId: string;
  state: 'requested' | 'running' | 'completed' | 'failed';
  chunks: { done: number; total: number };
  result: { venture_capital: number; tech_transfer: number } | null;
  failedReason: string | null;
}

/** Polls GET /api/v1/scoring/rescores/:runId as staff until the run completed. */
export async function rescoreCompleted(ctx: TestContext, staff: TestUser, runId: string, timeoutMs = 20_000): Promise<RescoreStatusBody> {
  return eventually(async () => {
    const res = await ctx.http.get(`/api/v1/scoring/rescores/${runId}`).set(...bearer(staff));
    expect(res.status).toBe(200);
    const body = res.body as RescoreStatusBody;
    if (body.state === 'failed') throw new Error(`rescore ${runId} failed: ${body.failedReason}`);
    expect(body.state).toBe('completed');
    return body;
  }, timeoutMs);
}
