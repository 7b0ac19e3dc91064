import type { QueryRunner } from 'typeorm';

const OUTBOX_TYPE_CHECK = 'ck_outbox_events_aggregate_type';

/**
 * The aggregate types the outbox's check allows now. Migrations that add a type read the list and add to it, so
 * they need not repeat (and freeze) what earlier migrations allowed.
 */
export async function outboxAggregateTypes(q: QueryRunner): Promise<string[]> {
  const [row] = await q.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [OUTBOX_TYPE_CHECK]);
  return row ? [...String(row.def).matchAll(/'([^']+)'::text/g)].map((m) => m[1]) : [];
}

export async function setOutboxAggregateTypes(q: QueryRunner, types: readonly string[]): Promise<void> {
  await q.query(`ALTER TABLE outbox_events DROP CONSTRAINT IF EXISTS ${OUTBOX_TYPE_CHECK}`);
  await q.query(`ALTER TABLE outbox_events ADD CONSTRAINT ${OUTBOX_TYPE_CHECK} CHECK (aggregate_type IN (${types.map((t) => `'${t}'`).join(', ')}))`);
}
