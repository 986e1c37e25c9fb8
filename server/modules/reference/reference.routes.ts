import { Router, type Request, type RequestHandler } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf } from '../../lib/actor';
import { formatter } from '../../lib/format';
import { handleForm } from '../../lib/forms';
import { requireLogin, requireRole } from '../../middleware/auth';
import { flash, languageOf } from '../../middleware/locals';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { ENVIRONMENTS, PROPAGATION_MODELS, SERVICE_CODES, Service } from '../../models/Service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { presentBandPlanEntry, presentService } from './reference.presenter';
import {
  createBandPlanEntry,
  deleteBandPlanEntry,
  getBandPlanEntry,
  getService,
  listBandPlan,
  listServices,
  updateBandPlanEntry,
  updateService,
} from './reference.service';

/** Form values of a band-plan entry as a person types them ("87.5 MHz"). */
function bandValues(req: Request, e: BandPlanEntry | null): Record<string, unknown> {
  if (!e) return { services: [] };
  const f = formatter(languageOf(req));
  return {
    lowHz: f.frequency(e.lowHz),
    highHz: f.frequency(e.highHz),
    services: e.services,
    channelRasterHz: e.channelRasterHz ? f.frequency(e.channelRasterHz) : '',
    note: e.note,
    source: e.source,
    version: e.version,
  };
}

function serviceValues(s: Service): Record<string, unknown> {
  return { ...presentService(s), adjacentGuardHz: s.adjacentGuardHz == null ? '' : `${s.adjacentGuardHz} Hz` };
}

function serviceForm(req: Request) {
  return {
    view: 'services/edit',
    locals: async (current?: unknown) => {
      const s = current instanceof Service ? current : await getService(req.params.code as string);
      return {
        title: req.t('services.edit'),
        service: presentService(s),
        environments: ENVIRONMENTS,
        propagationModels: PROPAGATION_MODELS,
        values: serviceValues(s),
      };
    },
  };
}

function bandForm(req: Request, mode: 'new' | 'edit') {
  return {
    view: `band-plan/${mode}`,
    locals: async (current?: unknown) => {
      const e =
        mode === 'edit'
          ? current instanceof BandPlanEntry
            ? current
            : await getBandPlanEntry(Number(req.params.id))
          : null;
      return {
        title: req.t(mode === 'new' ? 'bandPlan.new' : 'bandPlan.edit'),
        entry: e ? presentBandPlanEntry(e) : null,
        services: (await listServices()).map(presentService),
        values: bandValues(req, e),
      };
    },
  };
}

/** Services: the list, the admin's edit page and the JSON API. */
function serviceRoutes(r: Router, { db }: RouteDeps, adminApi: RequestHandler): void {
  r.get('/services', async (req, res) => {
    res.render('services/index', {
      title: req.t('services.title'),
      services: (await listServices()).map(presentService),
    });
  });
  r.get('/admin/services/:code/edit', async (req, res) => {
    res.render('services/edit', await serviceForm(req).locals());
  });
  r.post('/admin/services/:code', async (req, res) => {
    await handleForm(req, res, serviceForm(req), async () => {
      const s = await updateService(db.sequelize, req.params.code as string, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'services.saved', params: { code: s.code } });
      res.redirect(303, '/services');
    });
  });
  r.get('/api/v1/services', async (_req, res) => {
    const data = (await listServices()).map(presentService);
    res.json({ data, page: 1, pageSize: data.length, total: data.length });
  });
  r.get('/api/v1/services/:code', async (req, res) => {
    res.json({ data: presentService(await getService(req.params.code as string)) });
  });
  r.patch('/api/v1/services/:code', adminApi, async (req, res) => {
    res.json({
      data: presentService(await updateService(db.sequelize, req.params.code as string, req.body, actorOf(req))),
    });
  });
  r.get('/api/v1/services/:code/history', async (req, res) => {
    const s = await getService(req.params.code as string);
    res.json({ data: (await historyOf('service', s.code)).map((e) => presentAuditEvent(e)) });
  });
}

/** Band plan pages: the list and the admin's new, edit and delete (`/new` before `/:id`). */
function bandPlanPageRoutes(r: Router, { db }: RouteDeps): void {
  r.get('/band-plan', async (req, res) => {
    const service =
      typeof req.query.service === 'string' && (SERVICE_CODES as readonly string[]).includes(req.query.service)
        ? req.query.service
        : '';
    res.render('band-plan/index', {
      title: req.t('bandPlan.title'),
      entries: (await listBandPlan({ service })).map(presentBandPlanEntry),
      services: (await listServices()).map(presentService),
      service,
    });
  });
  r.get('/admin/band-plan/new', async (req, res) => res.render('band-plan/new', await bandForm(req, 'new').locals()));
  r.post('/admin/band-plan', async (req, res) => {
    await handleForm(req, res, bandForm(req, 'new'), async () => {
      await createBandPlanEntry(db.sequelize, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'bandPlan.created' });
      res.redirect(303, '/band-plan');
    });
  });
  r.get('/admin/band-plan/:id/edit', async (req, res) =>
    res.render('band-plan/edit', await bandForm(req, 'edit').locals()),
  );
  r.post('/admin/band-plan/:id', async (req, res) => {
    await handleForm(req, res, bandForm(req, 'edit'), async () => {
      await updateBandPlanEntry(db.sequelize, Number(req.params.id), req.body, actorOf(req));
      flash(req, { type: 'success', key: 'bandPlan.saved' });
      res.redirect(303, '/band-plan');
    });
  });
  r.post('/admin/band-plan/:id/delete', async (req, res) => {
    await handleForm(req, res, bandForm(req, 'edit'), async () => {
      await deleteBandPlanEntry(db.sequelize, Number(req.params.id), req.body?.version, actorOf(req));
      flash(req, { type: 'success', key: 'bandPlan.deleted' });
      res.redirect(303, '/band-plan');
    });
  });
}

/** The band plan's JSON API: list, create, read, update, delete and history. */
function bandPlanApiRoutes(r: Router, { db }: RouteDeps, adminApi: RequestHandler): void {
  r.get('/api/v1/band-plan', async (req, res) => {
    const data = (
      await listBandPlan({ service: typeof req.query.service === 'string' ? req.query.service : undefined })
    ).map(presentBandPlanEntry);
    res.json({ data, page: 1, pageSize: data.length, total: data.length });
  });
  r.post('/api/v1/band-plan', adminApi, async (req, res) => {
    res
      .status(201)
      .json({ data: presentBandPlanEntry(await createBandPlanEntry(db.sequelize, req.body, actorOf(req))) });
  });
  r.get('/api/v1/band-plan/:id', async (req, res) => {
    res.json({ data: presentBandPlanEntry(await getBandPlanEntry(Number(req.params.id))) });
  });
  r.patch('/api/v1/band-plan/:id', adminApi, async (req, res) => {
    res.json({
      data: presentBandPlanEntry(
        await updateBandPlanEntry(db.sequelize, Number(req.params.id), req.body, actorOf(req)),
      ),
    });
  });
  r.delete('/api/v1/band-plan/:id', adminApi, async (req, res) => {
    await deleteBandPlanEntry(
      db.sequelize,
      Number(req.params.id),
      req.body?.version ?? req.query.version,
      actorOf(req),
    );
    res.status(204).end();
  });
  r.get('/api/v1/band-plan/:id/history', async (req, res) => {
    res.json({ data: (await historyOf('band_plan_entry', Number(req.params.id))).map((e) => presentAuditEvent(e)) });
  });
}

export function referenceRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/services', '/band-plan', '/api/v1/services', '/api/v1/band-plan'], requireLogin);
  r.use(['/admin/services', '/admin/band-plan'], requireLogin, requireRole('admin'));
  const adminApi = requireRole('admin');
  // Registration order matters: Express matches in order.
  serviceRoutes(r, deps, adminApi);
  bandPlanPageRoutes(r, deps);
  bandPlanApiRoutes(r, deps, adminApi);
  return r;
}
