import type { EntityManager } from 'typeorm';

/**
 * An event for the worker, written in the caller's transaction. Profile writes are captured by triggers; a change
 * beside the profile row that its readers must see again (its visibility consent) is sent as its document type.
 */
export interface OutboxEvent {
  topic: string;
  aggregateType:
    | 'company'
    | 'fund'
    | 'research_centre'
    | 'scoring_run'
    | 'meeting_request'
    | 'match'
    | 'meeting_outcome'
    | 'meeting_proposal_run'
    | 'schedule_version'
    | 'event';
  aggregateId: string;
  organisationId: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Adds an event to the transactional outbox: it reaches the queue only if the transaction commits, and even if
 * Redis is down at that moment. The insert itself wakes the relay (a trigger notifies at commit).
 */
export async function addToOutbox(manager: EntityManager, event: OutboxEvent): Promise<void> {
  await manager.query(`INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, organisation_id, payload) VALUES ($1, $2, $3, $4, $5)`, [
    event.topic,
    event.aggregateType,
    event.aggregateId,
    event.organisationId,
    JSON.stringify(event.payload ?? {}),
  ]);
}
