import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { solveSchedule, type Placement } from '@hub/domain';
import type { EventRow } from './event-access';
import { loadScheduleInput, type ScheduleInput } from './schedule-input';

/** Wall-clock cap of one solver run in the worker (the result is valid whenever it stops). */
export const SCHEDULER_TIME_LIMIT_MS = 20_000;

interface VersionRow {
  id: string;
  event_id: string;
  version: number;
  based_on: number | null;
  status: 'running' | 'completed' | 'failed';
}

/**
 * Runs the scheduler for one requested version, in the worker: loads the event, keeps the base version's locked
 * (and, once published, all its placed) meetings where they are, solves, and stores the placements, the
 * unscheduled meetings and the statistics in one transaction. A re-delivered job finds the version finished and
 * does nothing.
 */
@Injectable()
export class ScheduleRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(versionId: string, onProgress: (fraction: number) => Promise<void> = async () => undefined): Promise<{ done: boolean; scheduled?: number; unscheduled?: number }> {
    const [version]: VersionRow[] = await this.dataSource.query(`SELECT * FROM schedule_versions WHERE id = $1`, [versionId]);
    if (!version || version.status !== 'running') return { done: false };
    const [event]: EventRow[] = await this.dataSource.query(`SELECT * FROM events WHERE id = $1`, [version.event_id]);
    if (!event) return { done: false };
    const baseId = await this.versionId(this.dataSource.manager, event.id, version.based_on);
    const published = event.published_version !== null;
    const input = await loadScheduleInput(this.dataSource.manager, event, baseId, (p) => p.locked || published);

    // The solver is synchronous and CPU-bound: progress is recorded as it starts (problem loaded) and when it is
    // stored; between the two the job holds the CPU for at most SCHEDULER_TIME_LIMIT_MS.
    await onProgress(0.1);
    const result = solveSchedule(input.problem, { timeLimitMs: SCHEDULER_TIME_LIMIT_MS, seed: version.version });

    const done = await this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query(`SELECT status FROM schedule_versions WHERE id = $1 FOR UPDATE`, [versionId]);
      if (!current || current.status !== 'running') return false;
      await this.writePlacements(manager, versionId, input, result.placements);
      await manager.query(
        `UPDATE schedule_versions SET status = 'completed', progress = 1, stats = $2, unscheduled = $3, completed_at = now() WHERE id = $1`,
        [versionId, JSON.stringify(result.stats), JSON.stringify(result.unscheduled)],
      );
      return true;
    });
    return { done, scheduled: result.placements.length, unscheduled: result.unscheduled.length };
  }

  async progress(versionId: string, fraction: number): Promise<void> {
    await this.dataSource.query(`UPDATE schedule_versions SET progress = $2 WHERE id = $1 AND status = 'running'`, [versionId, Math.min(0.99, fraction)]);
  }

  /** The last attempt failed: the version says why, and the next run may start. */
  async fail(versionId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE schedule_versions SET status = 'failed', failed_reason = $2, completed_at = now() WHERE id = $1 AND status = 'running'`, [versionId, reason.slice(0, 2000)]);
  }

  private async versionId(manager: EntityManager, eventId: string, version: number | null): Promise<string | null> {
    if (version === null) return null;
    const [row] = await manager.query(`SELECT id FROM schedule_versions WHERE event_id = $1 AND version = $2`, [eventId, version]);
    return row?.id ?? null;
  }

  /** Placements and, per participant and slot, one row each: the unique keys refuse any double booking. */
  async writePlacements(manager: EntityManager, versionId: string, input: ScheduleInput, placements: readonly Placement[]): Promise<void> {
    const meetings = new Map(input.problem.meetings.map((m) => [m.id, m]));
    const rows = placements.map((p) => ({ meetingId: p.meetingId, slotId: input.slots[p.slot].id, table: p.table + 1, locked: input.base.get(p.meetingId)?.locked ?? false }));
    for (let start = 0; start < rows.length; start += 5000) {
      const batch = rows.slice(start, start + 5000);
      await manager.query(
        `INSERT INTO scheduled_meetings (version_id, meeting_id, slot_id, table_no, locked) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::bool[])`,
        [versionId, batch.map((r) => r.meetingId), batch.map((r) => r.slotId), batch.map((r) => r.table), batch.map((r) => r.locked)],
      );
      const seats = batch.flatMap((r) => (meetings.get(r.meetingId)?.participants ?? []).map((participant) => ({ ...r, participant })));
      await manager.query(
        `INSERT INTO scheduled_participants (version_id, slot_id, participant_id, meeting_id) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[])`,
        [versionId, seats.map((s) => s.slotId), seats.map((s) => s.participant), seats.map((s) => s.meetingId)],
      );
    }
  }
}
