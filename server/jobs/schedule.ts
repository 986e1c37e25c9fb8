/**
 * Recurring jobs (SPEC §9): cron expressions in the jurisdiction's time zone (croner). Every process may
 * run the schedules; each tick is enqueued once across all of them, because the first process to insert
 * the (name, tick) row of `schedule_ticks` is the only one that enqueues, and the job's unique key keeps a
 * tick from starting while the previous one still runs.
 */
import { Cron } from 'croner';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { execute, sql } from '../db/sql';
import type { Logger } from '../lib/logger';
import { enqueue } from './queue';

export interface Schedule {
  name: string;
  /** Cron expression (5 fields, or 6 with seconds), read in the time zone. */
  cron: string;
  kind: string;
  payload?: Record<string, unknown>;
  /** Also enqueue once when the schedules start (e.g. expiry on boot). */
  atStart?: boolean;
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const NameRow = z.object({ name: z.string() });

/** Enqueues the job of one tick unless another process already did. Returns whether this call did. */
export async function enqueueTick(sequelize: Sequelize, s: Schedule, tickAt: Date): Promise<boolean> {
  const [won] = await execute(
    sequelize,
    sql`INSERT INTO schedule_ticks (name, "tickAt") VALUES (${s.name}, ${tickAt})
        ON CONFLICT DO NOTHING RETURNING name`,
    { row: NameRow },
  );
  if (!won) return false;
  const { job } = await enqueue(sequelize, { kind: s.kind, payload: s.payload, uniqueKey: `schedule:${s.name}` });
  await execute(
    sequelize,
    sql`UPDATE schedule_ticks SET "jobId" = ${job.id} WHERE name = ${s.name} AND "tickAt" = ${tickAt}`,
  );
  return true;
}

/**
 * The scheduled instant a timer that fired at `firedAt` stands for: timers fire a little late, and two
 * processes must name the same tick, so take the first scheduled time after half a second before.
 */
export function tickOf(cron: Cron, firedAt: Date): Date {
  return cron.nextRun(new Date(firedAt.getTime() - 500)) ?? firedAt;
}

export interface RunningSchedules {
  stop(): void;
}

export function startSchedules(
  sequelize: Sequelize,
  schedules: Schedule[],
  o: { timeZone?: string; logger: Logger },
): RunningSchedules {
  const timezone = o.timeZone ?? DEFAULT_TIME_ZONE;
  const crons = schedules.map((s) => {
    const cron: Cron = new Cron(s.cron, { timezone, protect: true }, async () => {
      try {
        await enqueueTick(sequelize, s, tickOf(cron, new Date()));
      } catch (err) {
        o.logger.error({ err, schedule: s.name }, 'schedule tick failed');
      }
    });
    if (s.atStart)
      enqueue(sequelize, { kind: s.kind, payload: s.payload, uniqueKey: `schedule:${s.name}` }).catch((err) =>
        o.logger.error({ err, schedule: s.name }, 'schedule start failed'),
      );
    return cron;
  });
  return {
    stop() {
      for (const c of crons) c.stop();
    },
  };
}
