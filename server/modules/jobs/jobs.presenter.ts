import type { CurrentUser } from '../../lib/actor';
import type { Job } from '../../models/Job';

/** A job as the API and the pages show it (SPEC §9). */
export function presentJob(j: Job, user: Pick<CurrentUser, 'id' | 'role'>, names?: Map<number, string>) {
  const end = j.finishedAt ?? (j.status === 'running' ? new Date() : null);
  const total = j.progress.total;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: { ...j.progress, fraction: total > 0 ? Math.min(1, j.progress.done / total) : null },
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    cancelRequested: j.cancelRequested,
    createdById: j.createdById,
    createdByName: j.createdById !== null ? (names?.get(j.createdById) ?? null) : null,
    createdAt: j.createdAt.toISOString(),
    runAt: j.runAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    durationMs: j.startedAt && end ? end.getTime() - j.startedAt.getTime() : null,
    result: j.result,
    error: j.error,
    can: {
      cancel: j.status === 'queued' || (j.status === 'running' && !j.cancelRequested),
      retry: j.status === 'failed' || j.status === 'cancelled',
    },
  };
}
export type JobView = ReturnType<typeof presentJob>;
