import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { AppError, ValidationError } from '../../lib/errors';
import { exportIfAsked } from '../../lib/export';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { FINDING_CATEGORIES, FINDING_STATUSES, SANCTIONS, SEVERITIES } from '../../models/Finding';
import { User } from '../../models/User';
import { presentAuditEvent } from '../audit/audit.presenter';
import { historyOf } from '../audit/audit.service';
import { FINDING_EXPORT } from './inspections.export';
import {
  exportFindings,
  FINDING_SORTS,
  FINDING_TRANSITIONS,
  findingTransition,
  getFindingFor,
  listFindings,
  updateFinding,
} from './findings.service';
import { presentFinding } from './inspections.presenter';

type FindingAction = 'edit' | (typeof FINDING_TRANSITIONS)[number];

/** The list filters from the query string, shared by the page and the JSON API. */
const filterOf = (req: Request) => ({ ...req.query, sort: sortOrder(req.query.sort, FINDING_SORTS, 'dueDate') });

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const f = filterOf(req);
  const { rows, total } = await listFindings(f, page, currentUser(req));
  return { page, sort: f.sort, rows, total };
}

/** `?format=csv`: the whole filtered and sorted list, within the viewer's districts (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, FINDING_EXPORT, (_format, send) =>
    exportFindings(filterOf(req), currentUser(req)).then(send),
  );

async function showLocals(req: Request, id: number) {
  const f = await getFindingFor(currentUser(req), id);
  return {
    title: req.t('findings.titleOne', { id: f.id }),
    finding: presentFinding(f, currentUser(req)),
    categories: FINDING_CATEGORIES,
    severities: SEVERITIES,
    sanctions: SANCTIONS,
    history: (await historyOf('finding', f.id)).reverse().map((e) => presentAuditEvent(e)),
    values: presentFinding(f) as Record<string, unknown>,
    actionErrors: {} as Record<string, string>,
    actionValues: {} as Record<string, unknown>,
    failedAction: null as string | null,
  };
}

/** The form post of an edit or a transition: the page again with the action's errors on a 409 or 422. */
function act(db: RouteDeps['db'], action: FindingAction) {
  return async (req: Request, res: Response) => {
    const id = Number(req.params.id);
    try {
      if (action === 'edit') await updateFinding(db.sequelize, id, req.body, currentUser(req), actorOf(req));
      else await findingTransition(db.sequelize, id, action, req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: `findings.done.${action}` });
      res.redirect(303, `/findings/${id}`);
    } catch (err) {
      if (!(err instanceof AppError) || ![409, 422].includes(err.status)) throw err;
      const values = { ...(req.body as Record<string, unknown> | undefined) };
      delete values._csrf;
      const locals = await showLocals(req, id);
      const actionErrors =
        err instanceof ValidationError
          ? translateFields(req.t, err.fields)
          : { _action: req.t(err.messageKey, err.params) as string };
      res.status(err.status).render('findings/show', {
        ...locals,
        actionErrors,
        actionValues: values,
        failedAction: action,
        ...(action === 'edit'
          ? { values, errors: actionErrors, conflict: err.status === 409, currentValues: locals.values }
          : {}),
      });
    }
  };
}

/** The findings page and its JSON twin. */
function listRoutes(r: Router, districts: RouteDeps['districts']): void {
  r.get('/findings', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, sort, rows, total } = await list(req);
    const names = Object.fromEntries((await districts.current()).map((d) => [d.code, d.name]));
    const inspectors = await User.findAll({
      where: { role: 'inspector', active: true },
      attributes: ['id', 'fullName'],
      order: [['fullName', 'ASC']],
    });
    res.render('findings/index', {
      title: req.t('findings.title'),
      findings: rows.map((f) => presentFinding(f, currentUser(req))),
      page,
      total,
      sort,
      query: req.query,
      districtNames: names,
      districts: Object.entries(names).map(([code, name]) => ({ code, name })),
      statuses: FINDING_STATUSES,
      severities: SEVERITIES,
      categories: FINDING_CATEGORIES,
      inspectors: inspectors.map((x) => ({ id: x.id, fullName: x.fullName })),
    });
  });
  r.get('/api/v1/findings', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(
      pageOf(
        rows.map((f) => presentFinding(f, currentUser(req))),
        total,
        page,
      ),
    );
  });
}

/** The page, its edit post, and each transition: the form post and its JSON twin. */
function pageRoutes(r: Router, { db }: RouteDeps): void {
  r.get('/findings/:id', async (req, res) => res.render('findings/show', await showLocals(req, Number(req.params.id))));
  r.post('/findings/:id', act(db, 'edit'));
  for (const action of FINDING_TRANSITIONS) {
    r.post(`/findings/:id/${action}`, act(db, action));
    r.post(`/api/v1/findings/:id/${action}`, async (req, res) => {
      res.json({
        data: presentFinding(
          await findingTransition(
            db.sequelize,
            Number(req.params.id),
            action,
            req.body,
            currentUser(req),
            actorOf(req),
          ),
          currentUser(req),
        ),
      });
    });
  }
}

/** The JSON API's read, update and history. */
function apiRoutes(r: Router, { db }: RouteDeps): void {
  r.get('/api/v1/findings/:id', async (req, res) =>
    res.json({ data: presentFinding(await getFindingFor(currentUser(req), Number(req.params.id)), currentUser(req)) }),
  );
  r.patch('/api/v1/findings/:id', async (req, res) =>
    res.json({
      data: presentFinding(
        await updateFinding(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
        currentUser(req),
      ),
    }),
  );
  r.get('/api/v1/findings/:id/history', async (req, res) => {
    const f = await getFindingFor(currentUser(req), Number(req.params.id));
    res.json({ data: (await historyOf('finding', f.id)).map((e) => presentAuditEvent(e)) });
  });
}

export function findingRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/findings', '/api/v1/findings'], requireLogin);
  // Registration order matters: Express matches in order.
  listRoutes(r, deps.districts);
  pageRoutes(r, deps);
  apiRoutes(r, deps);
  return r;
}
