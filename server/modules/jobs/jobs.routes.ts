import { Router, type Request } from 'express';
import { actorOf, currentUser } from '../../lib/actor';
import { pageOf, pageRequest } from '../../lib/pagination';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { JOB_STATUSES } from '../../models/Job';
import { presentJob } from './jobs.presenter';
import { decideJob, getJobFor, listJobs, starterNames } from './jobs.service';

export function jobRoutes({ db }: RouteDeps): Router {
  const r = Router();
  r.use(['/jobs', '/api/v1/jobs'], requireLogin);

  const list = async (req: Request) => {
    const user = currentUser(req);
    const page = pageRequest(req.query, 25);
    const { rows, total, kinds } = await listJobs(user, { kind: req.query.kind, status: req.query.status }, page);
    const names = await starterNames(rows);
    return { page, total, kinds, jobs: rows.map((j) => presentJob(j, user, names)) };
  };

  r.get('/jobs', async (req, res) => {
    const { page, total, kinds, jobs } = await list(req);
    res.render('jobs/index', {
      title: req.t('jobs.title'),
      jobs,
      page,
      total,
      kinds,
      statuses: JOB_STATUSES,
      query: req.query,
    });
  });
  r.get('/jobs/:id', async (req, res) => {
    const user = currentUser(req);
    const job = await getJobFor(user, Number(req.params.id));
    const names = await starterNames([job]);
    res.render('jobs/show', { title: req.t('jobs.titleOne', { id: job.id }), job: presentJob(job, user, names) });
  });
  for (const action of ['cancel', 'retry'] as const) {
    r.post(`/jobs/:id/${action}`, async (req, res) => {
      const job = await decideJob(db.sequelize, action, Number(req.params.id), currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: `jobs.done.${action}`, params: { id: job.id } });
      res.redirect(303, `/jobs/${job.id}`);
    });
    r.post(`/api/v1/jobs/:id/${action}`, async (req, res) => {
      const job = await decideJob(db.sequelize, action, Number(req.params.id), currentUser(req), actorOf(req));
      res.json({ data: presentJob(job, currentUser(req)) });
    });
  }

  r.get('/api/v1/jobs', async (req, res) => {
    const { page, total, jobs } = await list(req);
    res.json(pageOf(jobs, total, page));
  });
  r.get('/api/v1/jobs/:id', async (req, res) => {
    const user = currentUser(req);
    const job = await getJobFor(user, Number(req.params.id));
    res.json({ data: presentJob(job, user, await starterNames([job])) });
  });
  return r;
}
