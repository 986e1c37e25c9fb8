import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { frequencyQueryHz } from '../../lib/schema-helpers';
import { actorOf, currentUser } from '../../lib/actor';
import { AppError, ValidationError } from '../../lib/errors';
import { exportIfAsked } from '../../lib/export';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { Licence, LICENCE_STATUSES, LICENCE_TYPES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';
import { Assignment } from '../../models/Assignment';
import { Station } from '../../models/Station';
import { historyOf } from '../audit/audit.service';
import { asOfOf } from '../history/history.schema';
import { presentAuditEvent } from '../audit/audit.presenter';
import { assignmentsOfStation } from '../assignments/assignments.service';
import { presentAssignment } from '../assignments/assignments.presenter';
import { presentLicensee } from '../licensees/licensees.presenter';
import { licenseeOptions } from '../licensees/licensees.service';
import { presentStation } from '../stations/stations.presenter';
import { LICENCE_ACTIONS, type LicenceAction } from './licences.policy';
import { acknowledgeBlockingConflicts, blockingConflicts, listConflicts } from '../conflicts/conflicts.service';
import { presentConflict } from '../conflicts/conflicts.presenter';
import { LICENCE_EXPORT, presentLicence } from './licences.presenter';
import {
  assertLicenceRole,
  bandPlanWarnings,
  createLicence,
  deleteLicence,
  exportLicences,
  getLicence,
  getRevision,
  LICENCE_SORTS,
  licencePlain,
  listLicences,
  revisionsOf,
  transition,
  type TransitionContext,
  updateLicence,
} from './licences.service';

type TransitionAction = Exclude<LicenceAction, 'edit' | 'delete'>;
const TRANSITIONS = LICENCE_ACTIONS.filter((a): a is TransitionAction => a !== 'edit' && a !== 'delete');

type Districts = RouteDeps['districts'];

/** The list filters from the query string, shared by the page and the JSON API. */
function filterOf(req: Request) {
  const sort = sortOrder(req.query.sort, LICENCE_SORTS, 'updatedAt');
  if (!req.query.sort) sort.dir = 'DESC';
  const days = Number(req.query.expiring);
  return {
    q: req.query.q,
    status: req.query.status,
    service: req.query.service,
    district: req.query.district,
    licenseeId: req.query.licenseeId,
    freqFromHz: frequencyQueryHz(req.query.freqFrom),
    freqToHz: frequencyQueryHz(req.query.freqTo),
    expiringDays: Number.isInteger(days) && days > 0 && days <= 3650 ? days : null,
    asOf: asOfOf(req)?.at ?? null,
    sort,
  };
}

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const f = filterOf(req);
  const { rows, total } = await listLicences(f, page);
  return { page, sort: f.sort, rows, total };
}

/** `?format=csv`: the whole filtered and sorted list as a file (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, LICENCE_EXPORT, (_format, send) => exportLicences(filterOf(req), send));

function form(req: Request, mode: 'new' | 'edit') {
  return {
    view: `licences/${mode}`,
    locals: async (current?: unknown) => {
      assertLicenceRole(currentUser(req), 'edit');
      const l =
        mode === 'edit' ? (current instanceof Licence ? current : await getLicence(Number(req.params.id))) : null;
      const preset = typeof req.query.licenseeId === 'string' ? req.query.licenseeId : '';
      return {
        title: l ? req.t('licences.editTitle', { name: l.number ?? `#${l.id}` }) : req.t('licences.new'),
        licence: l ? presentLicence(l, currentUser(req)) : null,
        licensees: await licenseeOptions(),
        types: LICENCE_TYPES,
        services: SERVICE_CODES,
        values: l
          ? licencePlain(l)
          : {
              licenseeId: preset,
              type: 'frequency_equipment',
              service: 'land_mobile',
              validFrom: new Date().toISOString().slice(0, 10),
            },
      };
    },
  };
}

/** The conflicts that block issuing a licence, each with its two stations' names (for links on the page). */
async function blockingView(licenceId: number) {
  const rows = await blockingConflicts(licenceId);
  const ids = [...new Set(rows.flatMap((c) => [c.victimAssignmentId, c.interfererAssignmentId]))];
  const assignments = await Assignment.findAll({
    where: { id: ids },
    include: [{ model: Station, as: 'station', attributes: ['name'] }],
  });
  const name = (id: number) => assignments.find((a) => a.id === id)?.station?.name ?? `#${id}`;
  return rows.map((c) => ({
    id: c.id,
    severity: c.severity,
    victim: name(c.victimAssignmentId),
    interferer: name(c.interfererAssignmentId),
  }));
}

async function showLocals(districts: Districts, req: Request, id: number) {
  const l = await getLicence(id);
  const stations = await Station.findAll({ where: { licenceId: l.id }, order: [['id', 'ASC']] });
  const withAssignments = await Promise.all(
    stations.map(async (s) => ({
      ...presentStation(s),
      assignments: (await assignmentsOfStation(s.id)).map(presentAssignment),
    })),
  );
  return {
    title: l.number ?? req.t('licences.draftTitle', { id: l.id }),
    licence: presentLicence(l, currentUser(req)),
    licensee: l.licensee ? presentLicensee(l.licensee) : null,
    districtNames: Object.fromEntries((await districts.current()).map((d) => [d.code, d.name])),
    conflicts: (await listConflicts({ licenceId: l.id }, { page: 1, pageSize: 200, offset: 0 })).rows
      .filter((c) => c.status !== 'resolved')
      .map((c) => presentConflict(c)),
    stations: withAssignments,
    warnings: (await bandPlanWarnings(l.id)).length,
    revisions: (await revisionsOf(l)).map((x) => ({
      revision: x.revision,
      reason: x.reason,
      current: x.current,
      createdAt: x.createdAt.toISOString(),
    })),
    history: (await historyOf('licence', l.id)).reverse().map((e) => presentAuditEvent(e)),
    blocking: ['submitted', 'draft'].includes(l.status) ? await blockingView(l.id) : [],
    actionErrors: {} as Record<string, string>,
    actionValues: {} as Record<string, unknown>,
    failedAction: null as string | null,
  };
}

/** The register page and its JSON twin. */
function listRoutes(r: Router, districts: Districts): void {
  r.get('/licences', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, sort, rows, total } = await list(req);
    res.render('licences/index', {
      title: req.t('licences.title'),
      licences: rows.map((l) => presentLicence(l, currentUser(req))),
      page,
      total,
      sort,
      query: req.query,
      statuses: LICENCE_STATUSES,
      services: SERVICE_CODES,
      districts: (await districts.current()).map((d) => ({ code: d.code, name: d.name })),
    });
  });
  r.get('/api/v1/licences', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(
      pageOf(
        rows.map((l) => presentLicence(l, currentUser(req))),
        total,
        page,
      ),
    );
  });
}

/** New, show, edit and delete pages (`/licences/new` before `/licences/:id`). */
function pageRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.get('/licences/new', async (req, res) => res.render('licences/new', await form(req, 'new').locals()));
  r.post('/licences', async (req, res) => {
    await handleForm(req, res, form(req, 'new'), async () => {
      const l = await createLicence(db.sequelize, req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'licences.created' });
      res.redirect(303, `/licences/${l.id}`);
    });
  });
  r.get('/licences/:id', async (req, res) =>
    res.render('licences/show', await showLocals(districts, req, Number(req.params.id))),
  );
  r.get('/licences/:id/edit', async (req, res) => res.render('licences/edit', await form(req, 'edit').locals()));
  r.post('/licences/:id', async (req, res) => {
    await handleForm(req, res, form(req, 'edit'), async () => {
      const l = await updateLicence(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'licences.saved' });
      res.redirect(303, `/licences/${l.id}`);
    });
  });
  r.post('/licences/:id/delete', async (req, res) => {
    await deleteLicence(db.sequelize, Number(req.params.id), req.body?.version, currentUser(req), actorOf(req));
    flash(req, { type: 'success', key: 'licences.deleted' });
    res.redirect(303, '/licences');
  });
}

/** Each transition: the form post (the page again with the action's errors) and its JSON twin. */
function transitionRoutes(r: Router, ctx: TransitionContext, districts: Districts): void {
  for (const action of TRANSITIONS) {
    r.post(`/licences/:id/${action}`, async (req, res) => {
      const id = Number(req.params.id);
      try {
        await transition(ctx, id, action, req.body, currentUser(req), actorOf(req));
        flash(req, { type: 'success', key: `licences.done.${action}` });
        res.redirect(303, `/licences/${id}`);
      } catch (err) {
        // The licence page comes back with the action's form, its message and what was typed.
        if (!(err instanceof ValidationError) && !(err instanceof AppError && err.status === 409)) throw err;
        const locals = await showLocals(districts, req, id);
        const values = { ...(req.body as Record<string, unknown>) };
        delete values._csrf;
        // Blocking conflicts: the summary in the box, each conflict as a link under it (the page's `blocking`).
        const messageKey =
          err instanceof AppError && err.messageKey === 'licences.refused.conflicts'
            ? 'staff.blocking.summary'
            : err.messageKey;
        const actionErrors =
          err instanceof ValidationError
            ? translateFields(req.t, err.fields)
            : { _action: req.t(messageKey, err.params) as string };
        res
          .status(err.status)
          .render('licences/show', { ...locals, actionErrors, actionValues: values, failedAction: action });
      }
    });
    r.post(`/api/v1/licences/:id/${action}`, async (req, res) => {
      res.json({
        data: presentLicence(
          await transition(ctx, Number(req.params.id), action, req.body, currentUser(req), actorOf(req)),
          currentUser(req),
        ),
      });
    });
  }
}

/** A manager acknowledges every conflict that blocks issuing, from the licence, with one note. */
function blockingRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.post('/licences/:id/conflicts/acknowledge', async (req, res) => {
    const id = Number(req.params.id);
    try {
      const done = await acknowledgeBlockingConflicts(db.sequelize, id, req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'staff.blocking.done', params: { count: done.length } });
      res.redirect(303, `/licences/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const values = { ...(req.body as Record<string, unknown>) };
      delete values._csrf;
      res.status(422).render('licences/show', {
        ...(await showLocals(districts, req, id)),
        actionErrors: translateFields(req.t, err.fields),
        actionValues: values,
        failedAction: 'acknowledgeConflicts',
      });
    }
  });
  r.post('/api/v1/licences/:id/conflicts/acknowledge', async (req, res) => {
    const done = await acknowledgeBlockingConflicts(
      db.sequelize,
      Number(req.params.id),
      req.body,
      currentUser(req),
      actorOf(req),
    );
    res.json({ data: done.map((c) => presentConflict(c)) });
  });
}

function revisionRoutes(r: Router): void {
  r.get('/licences/:id/revisions/:revision', async (req, res) => {
    const l = await getLicence(Number(req.params.id));
    const rev = await getRevision(l, Number(req.params.revision));
    res.render('licences/revision', {
      title: req.t('licences.revisionTitle', { revision: rev.revision }),
      licence: presentLicence(l, currentUser(req)),
      revision: {
        revision: rev.revision,
        reason: rev.reason,
        current: rev.current,
        createdAt: rev.createdAt.toISOString(),
        snapshot: rev.snapshot,
      },
    });
  });
  r.get('/api/v1/licences/:id/revisions', async (req, res) => {
    const l = await getLicence(Number(req.params.id));
    res.json({
      data: (await revisionsOf(l)).map((x) => ({
        revision: x.revision,
        reason: x.reason,
        current: x.current,
        createdAt: x.createdAt.toISOString(),
        snapshot: x.snapshot,
      })),
    });
  });
}

/** The JSON API's create, read, update, delete and history. */
function apiRoutes(r: Router, { db }: RouteDeps): void {
  r.post('/api/v1/licences', async (req, res) => {
    res.status(201).json({
      data: presentLicence(
        await createLicence(db.sequelize, req.body, currentUser(req), actorOf(req)),
        currentUser(req),
      ),
    });
  });
  r.get('/api/v1/licences/:id', async (req, res) =>
    res.json({ data: presentLicence(await getLicence(Number(req.params.id)), currentUser(req)) }),
  );
  r.patch('/api/v1/licences/:id', async (req, res) => {
    res.json({
      data: presentLicence(
        await updateLicence(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
        currentUser(req),
      ),
    });
  });
  r.delete('/api/v1/licences/:id', async (req, res) => {
    await deleteLicence(
      db.sequelize,
      Number(req.params.id),
      req.body?.version ?? req.query.version,
      currentUser(req),
      actorOf(req),
    );
    res.status(204).end();
  });
  r.get('/api/v1/licences/:id/history', async (req, res) => {
    const l = await getLicence(Number(req.params.id));
    res.json({ data: (await historyOf('licence', l.id)).map((e) => presentAuditEvent(e)) });
  });
}

export function licenceRoutes(deps: RouteDeps): Router {
  const { db, config, districts } = deps;
  const r = Router();
  r.use(['/licences', '/api/v1/licences'], requireLogin);
  const ctx: TransitionContext = { sequelize: db.sequelize, licencePrefix: config.licencePrefix };
  // Registration order matters: Express matches in order.
  listRoutes(r, districts);
  pageRoutes(r, deps);
  transitionRoutes(r, ctx, districts);
  blockingRoutes(r, deps);
  revisionRoutes(r);
  apiRoutes(r, deps);
  return r;
}
