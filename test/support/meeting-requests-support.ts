import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import type { App } from 'supertest/types';
import type { EnvData } from '@hub/core';
import { bearer, createApiApp, type TestContext, type TestUser } from './test-app';

/** Helpers shared by the meeting-request e2e tests. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const UNKNOWN_ID = '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21';
export const MALFORMED_ID = 'not-a-uuid';
export const BASE = '/api/v1/meeting-requests';

export interface PartyView {
  type: 'company' | 'fund' | 'research_centre';
  id: string;
  name: string;
}

export interface RequestView {
  id: string;
  area: 'venture_capital' | 'tech_transfer';
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  direction: 'incoming' | 'outgoing' | null;
  from: PartyView;
  to: PartyView;
  message: string | null;
  score: number | null;
  reasons: Array<{ factor: string; label: string; contribution: number }>;
  matchId: string | null;
  technologyOfferId: string | null;
  eventId: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  declineReason?: string | null;
}

export interface Quota {
  limit: number;
  used: number;
  remaining: number;
}

export interface RequestRow {
  id: string;
  area: string;
  from_organisation_id: string;
  to_organisation_id: string;
  match_id: string | null;
  technology_offer_id: string | null;
  message: string | null;
  status: string;
  score: number | null;
  contributions: number[] | null;
  decline_reason: string | null;
  created_by: string | null;
  decided_by: string | null;
  created_at: Date;
  decided_at: Date | null;
  expires_at: Date;
}

export interface AuditRow {
  id: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
}

/** Anything that answers HTTP like `ctx.http`: the shared test app, or one with another configuration. */
export type HttpOf = () => ReturnType<typeof request>;

export function createRequest(http: HttpOf, user: TestUser, body: object): request.Test {
  return http().post(BASE).set(...bearer(user)).send(body);
}

export function decide(http: HttpOf, user: TestUser, id: string, decision: 'accept' | 'withdraw' | 'decline', body?: object): request.Test {
  const req = http().post(`${BASE}/${id}/${decision}`).set(...bearer(user));
  return body ? req.send(body) : req;
}

export function getRequest(http: HttpOf, user: TestUser, id: string): request.Test {
  return http().get(`${BASE}/${id}`).set(...bearer(user));
}

export function listRequests(http: HttpOf, user: TestUser, query: Record<string, string | number> = {}): request.Test {
  return http().get(BASE).query(query).set(...bearer(user));
}

/** The status, with the body in the failure message. */
export function expectStatus(res: Response, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
}

/** A JSON error body with this status and code (and, for a 400, naming `field`). */
export function expectError(res: Response, status: number, code: string, field?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status, code } });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(0);
  if (field !== undefined) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

export async function requestRows(ctx: TestContext): Promise<RequestRow[]> {
  return ctx.dataSource.query(`SELECT * FROM meeting_requests ORDER BY created_at, id`);
}

export async function requestRow(ctx: TestContext, id: string): Promise<RequestRow> {
  const [row] = await ctx.dataSource.query(`SELECT * FROM meeting_requests WHERE id = $1`, [id]);
  return row;
}

/** Audit rows in the order they were written (by the numeric id: sorted as text, row 10 would come before row 9). */
export async function auditRows(ctx: TestContext, subjectId?: string): Promise<AuditRow[]> {
  return subjectId
    ? ctx.dataSource.query(`SELECT id::text, actor_user_id, organisation_id, action, subject_type, subject_id, details FROM audit_events WHERE subject_id = $1 ORDER BY audit_events.id`, [subjectId])
    : ctx.dataSource.query(`SELECT id::text, actor_user_id, organisation_id, action, subject_type, subject_id, details FROM audit_events ORDER BY audit_events.id`);
}

export async function countOf(ctx: TestContext, table: 'meeting_requests' | 'audit_events'): Promise<number> {
  const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

/** Makes a pending request look as if its expiry passed a minute ago (the expiry job is not written yet). */
export async function expire(ctx: TestContext, id: string): Promise<void> {
  await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
}

/**
 * The real api with some configuration changed (e.g. `{ meetingRequests: { quota: 3, ttlDays: 2 } }`), on the same
 * database as the worker's TestContext (create that first: it prepares the database). Close it when done.
 */
export async function startApiWithEnv(overrides: Partial<EnvData>): Promise<{ app: INestApplication<App>; http: HttpOf }> {
  const app = await createApiApp(overrides);
  return { app, http: () => request(app.getHttpServer()) };
}
