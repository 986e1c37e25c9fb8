import { Router, type Request } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf } from '../../lib/actor';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest } from '../../lib/pagination';
import { requireLogin, requireRole } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { ROLES, User } from '../../models/User';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { presentDistrict } from '../districts/districts.presenter';
import { presentUser } from './users.presenter';
import { createUser, getUser, listUsers, resetPassword, setUserActive, unlockUser, updateUser } from './users.service';

type Districts = RouteDeps['districts'];

async function districtOptions(districts: Districts) {
  return (await districts.current()).map(presentDistrict).map((d) => ({ code: d.code, name: d.name }));
}

function form(req: Request, mode: 'new' | 'edit', districts: Districts) {
  return {
    view: `users/${mode}`,
    locals: async (current?: unknown) => {
      const u =
        mode === 'edit' ? presentUser(current instanceof User ? current : await getUser(Number(req.params.id))) : null;
      const events = u
        ? (await historyOf('user', u.id))
            .slice(-20)
            .reverse()
            .map((e) => presentAuditEvent(e))
        : [];
      return {
        title: u ? req.t('users.edit', { username: u.username }) : req.t('users.new'),
        user: u,
        roles: ROLES,
        districtOptions: await districtOptions(districts),
        events,
        values: u
          ? { fullName: u.fullName, role: u.role, districtCodes: u.districtCodes, version: u.version }
          : { role: 'licensing_officer', districtCodes: [] },
      };
    },
  };
}

/** The list, new and edit pages (`/admin/users/new` before `/admin/users/:id`). */
function pageRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.get('/admin/users', async (req, res) => {
    const page = pageRequest(req.query, 50);
    const { rows, total } = await listUsers(req.query, page);
    res.render('users/index', {
      title: req.t('users.title'),
      users: rows.map((u) => presentUser(u)),
      page,
      total,
      roles: ROLES,
      query: req.query,
    });
  });
  r.get('/admin/users/new', async (req, res) => res.render('users/new', await form(req, 'new', districts).locals()));
  r.post('/admin/users', async (req, res) => {
    await handleForm(req, res, form(req, 'new', districts), async () => {
      const u = await createUser(db.sequelize, districts, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'users.created', params: { username: u.username } });
      res.redirect(303, '/admin/users');
    });
  });
  r.get('/admin/users/:id/edit', async (req, res) =>
    res.render('users/edit', await form(req, 'edit', districts).locals()),
  );
  r.post('/admin/users/:id', async (req, res) => {
    await handleForm(req, res, form(req, 'edit', districts), async () => {
      const u = await updateUser(db.sequelize, districts, Number(req.params.id), req.body, actorOf(req));
      flash(req, { type: 'success', key: 'users.saved', params: { username: u.username } });
      res.redirect(303, `/admin/users/${u.id}/edit`);
    });
  });
}

/** Deactivate, reactivate, unlock and password reset from the edit page. */
function actionRoutes(r: Router, { db, districts }: RouteDeps): void {
  const action = (path: string, run: (req: Request) => Promise<User>, key: string) =>
    r.post(`/admin/users/:id/${path}`, async (req, res) => {
      await handleForm(req, res, form(req, 'edit', districts), async () => {
        const u = await run(req);
        flash(req, { type: 'success', key, params: { username: u.username } });
        res.redirect(303, `/admin/users/${u.id}/edit`);
      });
    });
  action(
    'deactivate',
    (req) => setUserActive(db.sequelize, Number(req.params.id), false, req.body?.version, actorOf(req)),
    'users.deactivated',
  );
  action(
    'reactivate',
    (req) => setUserActive(db.sequelize, Number(req.params.id), true, req.body?.version, actorOf(req)),
    'users.reactivated',
  );
  action('unlock', (req) => unlockUser(db.sequelize, Number(req.params.id), actorOf(req)), 'users.unlocked');
  action(
    'password',
    (req) => resetPassword(db.sequelize, Number(req.params.id), req.body, actorOf(req)),
    'users.passwordReset',
  );
}

/** The JSON API: list, create, read, update, history and the same actions. */
function apiRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.get('/api/v1/users', async (req, res) => {
    const page = pageRequest(req.query, 50);
    const { rows, total } = await listUsers(req.query, page);
    res.json(
      pageOf(
        rows.map((u) => presentUser(u)),
        total,
        page,
      ),
    );
  });
  r.post('/api/v1/users', async (req, res) => {
    res.status(201).json({ data: presentUser(await createUser(db.sequelize, districts, req.body, actorOf(req))) });
  });
  r.get('/api/v1/users/:id', async (req, res) => {
    res.json({ data: presentUser(await getUser(Number(req.params.id))) });
  });
  r.patch('/api/v1/users/:id', async (req, res) => {
    res.json({
      data: presentUser(await updateUser(db.sequelize, districts, Number(req.params.id), req.body, actorOf(req))),
    });
  });
  r.get('/api/v1/users/:id/history', async (req, res) => {
    const u = await getUser(Number(req.params.id));
    res.json({ data: (await historyOf('user', u.id)).map((e) => presentAuditEvent(e)) });
  });
  const apiAction = (path: string, run: (req: Request) => Promise<User>) =>
    r.post(`/api/v1/users/:id/${path}`, async (req, res) => {
      res.json({ data: presentUser(await run(req)) });
    });
  apiAction('deactivate', (req) =>
    setUserActive(db.sequelize, Number(req.params.id), false, req.body?.version, actorOf(req)),
  );
  apiAction('reactivate', (req) =>
    setUserActive(db.sequelize, Number(req.params.id), true, req.body?.version, actorOf(req)),
  );
  apiAction('unlock', (req) => unlockUser(db.sequelize, Number(req.params.id), actorOf(req)));
  apiAction('password', (req) => resetPassword(db.sequelize, Number(req.params.id), req.body, actorOf(req)));
}

export function userRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/admin/users', '/api/v1/users'], requireLogin, requireRole('admin'));
  // Registration order matters: Express matches in order.
  pageRoutes(r, deps);
  actionRoutes(r, deps);
  apiRoutes(r, deps);
  return r;
}
