import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf } from '../../lib/actor';
import { ForbiddenError } from '../../lib/errors';
import { exportIfAsked } from '../../lib/export';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { LICENSEE_KINDS, Licensee } from '../../models/Licensee';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { listLicences } from '../licences/licences.service';
import { presentLicence } from '../licences/licences.presenter';
import { LICENSEE_EXPORT, presentLicensee } from './licensees.presenter';
import {
  createLicensee,
  deleteLicensee,
  exportLicensees,
  getLicensee,
  LICENSEE_SORTS,
  licenseePlain,
  listLicensees,
  updateLicensee,
} from './licensees.service';

const officerOnly = (req: Request) => {
  if (req.currentUser?.role !== 'licensing_officer') throw new ForbiddenError();
};

export function licenseeRoutes({ db }: RouteDeps): Router {
  const r = Router();
  r.use(['/licensees', '/api/v1/licensees'], requireLogin);

  const filterOf = (req: Request) => ({
    q: req.query.q,
    kind: req.query.kind,
    sort: sortOrder(req.query.sort, LICENSEE_SORTS, 'name'),
  });
  const list = async (req: Request) => {
    const page = pageRequest(req.query, 25);
    const f = filterOf(req);
    const { rows, total } = await listLicensees(f, page);
    return { page, sort: f.sort, rows, total };
  };
  const exported = (req: Request, res: Response) =>
    exportIfAsked(req, res, LICENSEE_EXPORT, (_format, send) => exportLicensees(filterOf(req)).then(send));

  r.get('/licensees', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, sort, rows, total } = await list(req);
    res.render('licensees/index', {
      title: req.t('licensees.title'),
      licensees: rows.map(presentLicensee),
      page,
      total,
      sort,
      kinds: LICENSEE_KINDS,
      query: req.query,
    });
  });
  r.get('/api/v1/licensees', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(pageOf(rows.map(presentLicensee), total, page));
  });

  const form = (req: Request, mode: 'new' | 'edit') => ({
    view: `licensees/${mode}`,
    locals: async (current?: unknown) => {
      const l =
        mode === 'edit' ? (current instanceof Licensee ? current : await getLicensee(Number(req.params.id))) : null;
      return {
        title: l ? l.name : req.t('licensees.new'),
        licensee: l ? presentLicensee(l) : null,
        kinds: LICENSEE_KINDS,
        values: l ? licenseePlain(l) : { kind: 'enterprise' },
      };
    },
  });
  r.get('/licensees/new', async (req, res) => {
    officerOnly(req);
    res.render('licensees/new', await form(req, 'new').locals());
  });
  r.post('/licensees', async (req, res) => {
    officerOnly(req);
    await handleForm(req, res, form(req, 'new'), async () => {
      const l = await createLicensee(db.sequelize, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'licensees.created', params: { name: l.name } });
      res.redirect(303, `/licensees/${l.id}`);
    });
  });
  r.get('/licensees/:id', async (req, res) => {
    const l = await getLicensee(Number(req.params.id));
    const licences = await listLicences(
      { licenseeId: l.id, sort: { field: 'updatedAt', dir: 'DESC' } },
      { page: 1, pageSize: 100, offset: 0 },
    );
    res.render('licensees/show', {
      title: l.name,
      licensee: presentLicensee(l),
      licences: licences.rows.map((x) => presentLicence(x, req.currentUser)),
      history: (await historyOf('licensee', l.id)).reverse().map((e) => presentAuditEvent(e)),
    });
  });
  r.get('/licensees/:id/edit', async (req, res) => {
    officerOnly(req);
    res.render('licensees/edit', await form(req, 'edit').locals());
  });
  r.post('/licensees/:id', async (req, res) => {
    officerOnly(req);
    await handleForm(req, res, form(req, 'edit'), async () => {
      const l = await updateLicensee(db.sequelize, Number(req.params.id), req.body, actorOf(req));
      flash(req, { type: 'success', key: 'licensees.saved', params: { name: l.name } });
      res.redirect(303, `/licensees/${l.id}`);
    });
  });
  r.post('/licensees/:id/delete', async (req, res) => {
    officerOnly(req);
    await deleteLicensee(db.sequelize, Number(req.params.id), req.body?.version, actorOf(req));
    flash(req, { type: 'success', key: 'licensees.deleted' });
    res.redirect(303, '/licensees');
  });

  r.post('/api/v1/licensees', async (req, res) => {
    officerOnly(req);
    res.status(201).json({ data: presentLicensee(await createLicensee(db.sequelize, req.body, actorOf(req))) });
  });
  r.get('/api/v1/licensees/:id', async (req, res) =>
    res.json({ data: presentLicensee(await getLicensee(Number(req.params.id))) }),
  );
  r.patch('/api/v1/licensees/:id', async (req, res) => {
    officerOnly(req);
    res.json({
      data: presentLicensee(await updateLicensee(db.sequelize, Number(req.params.id), req.body, actorOf(req))),
    });
  });
  r.delete('/api/v1/licensees/:id', async (req, res) => {
    officerOnly(req);
    await deleteLicensee(db.sequelize, Number(req.params.id), req.body?.version ?? req.query.version, actorOf(req));
    res.status(204).end();
  });
  r.get('/api/v1/licensees/:id/history', async (req, res) => {
    const l = await getLicensee(Number(req.params.id));
    res.json({ data: (await historyOf('licensee', l.id)).map((e) => presentAuditEvent(e)) });
  });
  return r;
}
