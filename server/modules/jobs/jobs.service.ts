/**
 * Jobs as staff see them (SPEC §9): managers and admins see every job, others the jobs they started
 * (another's job is 404, as if it did not exist); cancel and retry on the same terms.
 */
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { cancelJob, retryJob } from '../../jobs/queue';
import type { Actor, CurrentUser } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { Job, JOB_STATUSES } from '../../models/Job';
import { User } from '../../models/User';
import { recordAudit } from '../audit/audit.service';

export function seesAllJobs(user: Pick<CurrentUser, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

export interface JobFilter {
  kind?: unknown;
  status?: unknown;
}

function visibleTo(user: CurrentUser): WhereOptions<Job> {
  return seesAllJobs(user) ? {} : { createdById: user.id };
}

export async function listJobs(
  user: CurrentUser,
  f: JobFilter,
  page: PageRequest,
): Promise<{ rows: Job[]; total: number; kinds: string[] }> {
  const and: WhereOptions<Job>[] = [visibleTo(user)];
  if (typeof f.kind === 'string' && f.kind) and.push({ kind: f.kind });
  if (typeof f.status === 'string' && (JOB_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status as Job['status'] });
  const { rows, count } = await Job.findAndCountAll({
    where: { [Op.and]: and },
    order: [['id', 'DESC']],
    limit: page.pageSize,
    offset: page.offset,
  });
  const kinds = (
    await Job.findAll({ attributes: ['kind'], where: visibleTo(user), group: ['kind'], order: [['kind', 'ASC']] })
  ).map((j) => j.kind);
  return { rows, total: count, kinds };
}

/** The job if `user` may see it, else 404. */
export async function getJobFor(user: CurrentUser, id: number, transaction?: Transaction): Promise<Job> {
  const where = { [Op.and]: [{ id }, visibleTo(user)] };
  const job = Number.isInteger(id) ? await Job.findOne({ where, transaction }) : null;
  if (!job) throw new NotFoundError('jobs.notFound');
  return job;
}

/** Cancels (a running job stops at its next checkpoint) or retries a job the user may see; audited. */
export async function decideJob(
  sequelize: Sequelize,
  action: 'cancel' | 'retry',
  id: number,
  user: CurrentUser,
  actor: Actor,
): Promise<Job> {
  return sequelize.transaction(async (transaction) => {
    const before = (await getJobFor(user, id, transaction)).status;
    const job = await (action === 'cancel' ? cancelJob : retryJob)(sequelize, id, transaction);
    const changes = { status: { before, after: job.status } };
    await recordAudit(transaction, { actor, entity: 'job', entityId: job.id, action, changes });
    return job;
  });
}

/** Full names of the users who started these jobs. */
export async function starterNames(jobs: Job[]): Promise<Map<number, string>> {
  const ids = [...new Set(jobs.map((j) => j.createdById).filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  const users = await User.findAll({ attributes: ['id', 'fullName'], where: { id: ids } });
  return new Map(users.map((u) => [u.id, u.fullName]));
}
