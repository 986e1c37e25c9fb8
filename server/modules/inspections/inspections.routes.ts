import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { exportIfAsked } from '../../lib/export';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { User } from '../../models/User';
import { todayIso } from '../../lib/dates';
import { districtCounts } from './due.service';
import { licenseesOf, listDue } from './due-list.service';
import { parseMapQuery } from '../map/map.schema';
import { inspectionsGeoJson } from './inspections.map.service';
import { canSee, visibleDistricts } from './inspections.policy';
import { dueCsv, dueListHref, presentDue, presentInspection } from './inspections.presenter';
import { INSPECTION_EXPORT } from './inspections.export';
import {
  exportInspections,
  INSPECTION_SORTS,
  listInspections,
  logInspection,
  planInspection,
  type InspectionCtx,
} from './inspections.service';
import { filesOf } from './photos';
import { logFormLocals, planFormLocals } from './inspections.forms';
import {
  recordActionRoutes,
  recordApiRoutes,
  recordPageRoutes,
  type InspectionRouteEnv,
} from './inspections.record.routes';

function position(q: Request['query']): { latitude: number; longitude: number } | null {
  const lat = Number(q.lat);
  const lon = Number(q.lon);
  return q.lat !== undefined &&
    q.lon !== undefined &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
    ? { latitude: lat, longitude: lon }
    : null;
}

/** The due list's sort menu (the column headings sort too, but a phone shows no headings). */
const DUE_SORT_CHOICES = [
  { value: 'dueOn', key: 'dueOn' },
  { value: '-dueOn', key: 'dueOnDesc' },
  { value: 'lastInspectedOn', key: 'lastInspectedOn' },
  { value: 'station', key: 'station' },
  { value: 'district', key: 'district' },
  { value: 'licence', key: 'licence' },
];

/**
 * The inspections pages and API, registered group by group in this order (Express matches in order:
 * the lists and /inspections/due, /new and /plan come before /inspections/:id).
 */
export function inspectionRoutes(deps: RouteDeps): Router {
  const { db, config, districts } = deps;
  const r = Router();
  r.use(['/inspections', '/api/v1/inspections'], requireLogin);
  const ctx: InspectionCtx = { sequelize: db.sequelize, districts, uploadDir: config.uploadDir };
  const districtNames = async () => Object.fromEntries((await districts.current()).map((d) => [d.code, d.name]));
  const env: InspectionRouteEnv = { deps, ctx, districtNames };
  listRoutes(r, env);
  dueRoutes(r, env);
  newInspectionRoutes(r, env);
  recordPageRoutes(r, env);
  recordActionRoutes(r, env);
  recordApiRoutes(r, env);
  return r;
}

function filterOf(req: Request) {
  const sort = sortOrder(req.query.sort, INSPECTION_SORTS, 'updatedAt');
  if (!req.query.sort) sort.dir = 'DESC';
  return { ...req.query, sort };
}

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const f = filterOf(req);
  const { rows, total } = await listInspections(f, page, currentUser(req));
  return { page, sort: f.sort, rows, total };
}

/** `?format=csv`: the whole filtered and sorted list, within the viewer's districts (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, INSPECTION_EXPORT, (_format, send) =>
    exportInspections(filterOf(req), currentUser(req)).then(send),
  );

/** The due cards of /inspections: the district filter of the inspections list, nearest first among equals. */
async function due(req: Request) {
  const { district, lat, lon } = req.query;
  return (await listDue({ district, lat, lon }, currentUser(req), todayIso())).items;
}

/** The inspections list (page and API) and the map's inspections layer. */
function listRoutes(r: Router, { deps: { db }, districtNames }: InspectionRouteEnv): void {
  r.get('/inspections', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, sort, rows, total } = await list(req);
    const u = currentUser(req);
    const inspectors = await User.findAll({
      where: { role: 'inspector', active: true },
      attributes: ['id', 'fullName'],
      order: [['fullName', 'ASC']],
    });
    const names = await districtNames();
    const dueAll = u.role === 'inspector' || u.role === 'manager' ? await due(req) : [];
    res.render('inspections/index', {
      title: req.t('inspections.title'),
      inspections: rows.map((i) => presentInspection(i, u)),
      page,
      total,
      sort,
      query: req.query,
      statuses: INSPECTION_STATUSES,
      types: INSPECTION_TYPES,
      districtNames: names,
      districts: Object.entries(names)
        .filter(([code]) => canSee(u, code))
        .map(([code, name]) => ({ code, name })),
      inspectors: inspectors.map((x) => ({ id: x.id, fullName: x.fullName })),
      due: dueAll.slice(0, 30),
      dueTotal: dueAll.length,
      counts: u.role === 'manager' ? await districtCounts(todayIso()) : [],
      position: position(req.query),
    });
  });
  r.get('/api/v1/inspections', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(
      pageOf(
        rows.map((i) => presentInspection(i, currentUser(req))),
        total,
        page,
      ),
    );
  });
  /** The map's inspections layer (README "Map layers"): inspectors see their districts' inspections only. */
  r.get('/api/v1/inspections.geojson', requireLogin, async (req, res) => {
    const body = await inspectionsGeoJson(
      db.sequelize,
      parseMapQuery(req.query, 'inspection'),
      visibleDistricts(currentUser(req)),
    );
    res.set('Cache-Control', 'private, no-cache').type('application/geo+json').send(JSON.stringify(body));
  });
}

/** The due list (page, CSV, API): the stations due for inspection the viewer may see, filtered and sorted. */
async function dueList(req: Request, defaultSize: number | 'all') {
  const list = await listDue(req.query, currentUser(req), todayIso());
  const page =
    defaultSize === 'all'
      ? { page: 1, pageSize: Math.max(1, list.items.length), offset: 0 }
      : pageRequest(req.query, defaultSize);
  const shown = list.items.slice(page.offset, page.offset + page.pageSize);
  const licensees = await licenseesOf(shown);
  const rows = shown.map((d) => presentDue(d, currentUser(req), licensees.get(d.licenceId) ?? null));
  return { ...list, page, rows, total: list.items.length };
}

/** The due list: API, page and CSV. */
function dueRoutes(r: Router, { districtNames }: InspectionRouteEnv): void {
  r.get('/api/v1/inspections/due', async (req, res) => {
    const { rows, total, page } = await dueList(req, 50);
    res.json(pageOf(rows, total, page));
  });

  // Before /inspections/:id. Everyone who sees the inspections list sees what is due (read-only but for
  // inspectors of the district and managers); the dashboard's overdue and due figures link here.
  r.get('/inspections/due', async (req, res) => {
    const list = await dueList(req, 25);
    const names = await districtNames();
    const u = currentUser(req);
    res.render('inspections/due', {
      title: req.t('inspections.dueList.title'),
      ...list,
      query: req.query,
      hrefs: {
        csv: dueListHref({ ...list.filter, sort: list.sort.param }, '/inspections/due.csv'),
        overdue: dueListHref({ district: list.filter.district, state: 'overdue' }),
        due: dueListHref({ district: list.filter.district, state: 'due' }),
      },
      districtNames: names,
      districts: Object.entries(names)
        .filter(([code]) => canSee(u, code))
        .map(([code, name]) => ({ code, name })),
      sortChoices: DUE_SORT_CHOICES,
    });
  });
  r.get('/inspections/due.csv', async (req, res) => {
    const list = await dueList(req, 'all');
    const names = await districtNames();
    res.type('text/csv; charset=utf-8');
    res.attachment(`tanso-due-${todayIso()}.csv`);
    // The BOM lets Excel read the file as UTF-8 (Vietnamese diacritics).
    res.send(
      stringify(
        dueCsv(list.rows, names, (k) => String(req.t(k))),
        { bom: true, record_delimiter: '\r\n' },
      ),
    );
  });
}

/** New inspections: logged in the field (inspectors, page and API) and planned (managers). */
function newInspectionRoutes(r: Router, { ctx }: InspectionRouteEnv): void {
  // Logging in the field (inspectors).
  const logForm = (req: Request) => ({ view: 'inspections/new', locals: () => logFormLocals(req, ctx) });
  r.get('/inspections/new', async (req, res) => res.render('inspections/new', await logFormLocals(req, ctx)));
  r.post('/inspections', async (req, res) => {
    await handleForm(req, res, logForm(req), async () => {
      const { inspection, created } = await logInspection(ctx, req.body, filesOf(req), currentUser(req), actorOf(req));
      flash(req, {
        type: 'success',
        key: created ? 'inspections.logged' : 'inspections.alreadyLogged',
        params: { reference: inspection.reference },
      });
      res.redirect(303, `/inspections/${inspection.id}`);
    });
  });
  r.post('/api/v1/inspections', async (req, res) => {
    if (currentUser(req).role === 'manager') {
      res.status(201).json({
        data: presentInspection(await planInspection(ctx, req.body, currentUser(req), actorOf(req)), currentUser(req)),
      });
      return;
    }
    const { inspection, created } = await logInspection(ctx, req.body, filesOf(req), currentUser(req), actorOf(req));
    res.status(created ? 201 : 200).json({ data: presentInspection(inspection, currentUser(req)) });
  });

  // Planning (managers).
  const planForm = (req: Request) => ({ view: 'inspections/plan', locals: () => planFormLocals(req, ctx) });
  r.get('/inspections/plan', async (req, res) => res.render('inspections/plan', await planFormLocals(req, ctx)));
  r.post('/inspections/plan', async (req, res) => {
    await handleForm(req, res, planForm(req), async () => {
      const i = await planInspection(ctx, req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'inspections.planned', params: { reference: i.reference } });
      res.redirect(303, `/inspections/${i.id}`);
    });
  });
}
