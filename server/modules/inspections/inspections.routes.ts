import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { AppError, ValidationError } from '../../lib/errors';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { presentAuditEvent } from '../audit/audit.presenter';
import { historyOf } from '../audit/audit.service';
import { todayIso } from '../../lib/dates';
import { districtCounts, proposalsFor } from './due.service';
import { licenseesOf, listDue } from './due-list.service';
import { parseMapQuery } from '../map/map.schema';
import { inspectionsGeoJson } from './inspections.map.service';
import { canSee, visibleDistricts } from './inspections.policy';
import {
  dueCsv,
  dueListHref,
  presentDue,
  presentInspection,
  presentMeasurement,
  presentPhoto,
} from './inspections.presenter';
import {
  addCorrection,
  addMeasurement,
  addPhotos,
  correctionsOf,
  deleteMeasurement,
  getInspectionFor,
  getPhoto,
  INSPECTION_SORTS,
  inspectionTransition,
  listInspections,
  logInspection,
  patchInspection,
  planInspection,
  replanInspection,
  updateInspection,
  type InspectionCtx,
} from './inspections.service';
import { createFinding } from './findings.service';
import { presentFinding } from './inspections.presenter';
import { filesOf, photoPath } from './photos';
import { logFormLocals, planFormLocals, replanFormLocals } from './inspections.forms';

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

const STATUS_ACTIONS = ['complete', 'cancel', 'close'] as const;
/** The due list's sort menu (the column headings sort too, but a phone shows no headings). */
const DUE_SORT_CHOICES = [
  { value: 'dueOn', key: 'dueOn' },
  { value: '-dueOn', key: 'dueOnDesc' },
  { value: 'lastInspectedOn', key: 'lastInspectedOn' },
  { value: 'station', key: 'station' },
  { value: 'district', key: 'district' },
  { value: 'licence', key: 'licence' },
];

export function inspectionRoutes({ db, config, districts }: RouteDeps): Router {
  const r = Router();
  r.use(['/inspections', '/api/v1/inspections'], requireLogin);
  const ctx: InspectionCtx = { sequelize: db.sequelize, districts, uploadDir: config.uploadDir };
  const districtNames = async () => Object.fromEntries((await districts.current()).map((d) => [d.code, d.name]));

  const list = async (req: Request) => {
    const page = pageRequest(req.query, 25);
    const sort = sortOrder(req.query.sort, INSPECTION_SORTS, 'updatedAt');
    if (!req.query.sort) sort.dir = 'DESC';
    const { rows, total } = await listInspections({ ...req.query, sort }, page, currentUser(req));
    return { page, sort, rows, total };
  };
  /** The due cards of /inspections: the district filter of the inspections list, nearest first among equals. */
  const due = async (req: Request) => {
    const { district, lat, lon } = req.query;
    return (await listDue({ district, lat, lon }, currentUser(req), todayIso())).items;
  };
  /** The due list (page, CSV, API): the stations due for inspection the viewer may see, filtered and sorted. */
  const dueList = async (req: Request, defaultSize: number | 'all') => {
    const list = await listDue(req.query, currentUser(req), todayIso());
    const page =
      defaultSize === 'all'
        ? { page: 1, pageSize: Math.max(1, list.items.length), offset: 0 }
        : pageRequest(req.query, defaultSize);
    const shown = list.items.slice(page.offset, page.offset + page.pageSize);
    const licensees = await licenseesOf(shown);
    const rows = shown.map((d) => presentDue(d, currentUser(req), licensees.get(d.licenceId) ?? null));
    return { ...list, page, rows, total: list.items.length };
  };

  r.get('/inspections', async (req, res) => {
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

  const showLocals = async (req: Request, id: number) => {
    const i = await getInspectionFor(currentUser(req), id);
    const view = presentInspection(i, currentUser(req));
    const covering = await UserDistrict.findAll({ where: { districtCode: i.districtCode } });
    return {
      title: i.reference,
      inspection: view,
      districtName: (await districtNames())[i.districtCode] ?? i.districtCode,
      proposals: i.status === 'cancelled' ? [] : await proposalsFor(i, todayIso()),
      corrections: (await correctionsOf(i.id)).map((c) => ({
        id: c.id,
        text: c.text,
        authorId: c.authorId,
        createdAt: c.createdAt.toISOString(),
      })),
      coveringCount: covering.length,
      history: (await historyOf('inspection', i.id)).reverse().map((e) => presentAuditEvent(e)),
      actionErrors: {} as Record<string, string>,
      actionValues: {} as Record<string, unknown>,
      failedAction: null as string | null,
    };
  };
  /**
   * A write from the inspection page: on 422/409/413 the page comes back with the form's message and
   * what was typed.
   */
  const fromShow = async (req: Request, res: Response, id: number, action: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof AppError) || ![409, 413, 422].includes(err.status)) throw err;
      const values = { ...(req.body as Record<string, unknown> | undefined) };
      delete values._csrf;
      const actionErrors =
        err instanceof ValidationError
          ? translateFields(req.t, err.fields)
          : { _action: req.t(err.messageKey, err.params) as string };
      res.status(err.status).render('inspections/show', {
        ...(await showLocals(req, id)),
        actionErrors,
        actionValues: values,
        failedAction: action,
      });
    }
  };
  r.get('/inspections/:id', async (req, res) =>
    res.render('inspections/show', await showLocals(req, Number(req.params.id))),
  );
  // Changing the plan of an inspection not yet started (managers): the same rules as planning.
  const replanForm = (req: Request) => ({
    view: 'inspections/replan',
    locals: () => replanFormLocals(req, ctx, Number(req.params.id)),
  });
  r.get('/inspections/:id/plan', async (req, res) => res.render('inspections/replan', await replanForm(req).locals()));
  r.post('/inspections/:id/plan', async (req, res) => {
    await handleForm(req, res, replanForm(req), async () => {
      const i = await replanInspection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'inspections.replanned', params: { reference: i.reference } });
      res.redirect(303, `/inspections/${i.id}`);
    });
  });
  const editForm = (req: Request) => ({
    view: 'inspections/edit',
    locals: async () => {
      const i = await getInspectionFor(currentUser(req), Number(req.params.id));
      return {
        title: req.t('inspections.editTitle', { reference: i.reference }),
        inspection: presentInspection(i, currentUser(req)),
        types: INSPECTION_TYPES,
        values: { ...presentInspection(i) },
      };
    },
  });
  r.get('/inspections/:id/edit', async (req, res) => res.render('inspections/edit', await editForm(req).locals()));
  r.post('/inspections/:id', async (req, res) => {
    await handleForm(req, res, editForm(req), async () => {
      const i = await updateInspection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'inspections.saved' });
      res.redirect(303, `/inspections/${i.id}`);
    });
  });
  const back = (req: Request, res: Response, key: string, anchor = '') => {
    flash(req, { type: 'success', key });
    res.redirect(303, `/inspections/${req.params.id}${anchor}`);
  };
  r.post('/inspections/:id/measurements', async (req, res) =>
    fromShow(req, res, Number(req.params.id), 'measurement', async () => {
      await addMeasurement(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      back(req, res, 'inspections.measurementAdded', '#measurements');
    }),
  );
  r.post('/inspections/:id/measurements/:mid/delete', async (req, res) => {
    await deleteMeasurement(ctx, Number(req.params.id), Number(req.params.mid), currentUser(req), actorOf(req));
    back(req, res, 'inspections.measurementDeleted', '#measurements');
  });
  r.post('/inspections/:id/photos', async (req, res) =>
    fromShow(req, res, Number(req.params.id), 'photos', async () => {
      await addPhotos(ctx, Number(req.params.id), filesOf(req), currentUser(req), actorOf(req));
      back(req, res, 'inspections.photosAdded', '#photos');
    }),
  );
  r.get('/inspections/:id/photos/:pid', async (req, res) => {
    const p = await getPhoto(currentUser(req), Number(req.params.id), Number(req.params.pid));
    res.set({
      'Content-Type': p.mimeType,
      'Cache-Control': 'private, max-age=3600',
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
    });
    res.sendFile(photoPath(config.uploadDir, p.fileName));
  });
  for (const action of STATUS_ACTIONS) {
    r.post(`/inspections/:id/${action}`, async (req, res) =>
      fromShow(req, res, Number(req.params.id), action, async () => {
        await inspectionTransition(ctx, Number(req.params.id), action, req.body, currentUser(req), actorOf(req));
        back(req, res, `inspections.done.${action}`);
      }),
    );
    r.post(`/api/v1/inspections/:id/${action}`, async (req, res) => {
      res.json({
        data: presentInspection(
          await inspectionTransition(ctx, Number(req.params.id), action, req.body, currentUser(req), actorOf(req)),
          currentUser(req),
        ),
      });
    });
  }
  r.post('/inspections/:id/corrections', async (req, res) =>
    fromShow(req, res, Number(req.params.id), 'correction', async () => {
      await addCorrection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      back(req, res, 'inspections.corrected', '#corrections');
    }),
  );
  r.post('/inspections/:id/findings', async (req, res) =>
    fromShow(req, res, Number(req.params.id), 'finding', async () => {
      const f = await createFinding(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'findings.created' });
      res.redirect(303, `/findings/${f.id}`);
    }),
  );

  // The JSON API: the same services and presenters.
  r.get('/api/v1/inspections/:id', async (req, res) =>
    res.json({
      data: presentInspection(await getInspectionFor(currentUser(req), Number(req.params.id)), currentUser(req)),
    }),
  );
  r.patch('/api/v1/inspections/:id', async (req, res) => {
    res.json({
      data: presentInspection(
        await patchInspection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
        currentUser(req),
      ),
    });
  });
  r.get('/api/v1/inspections/:id/history', async (req, res) => {
    const i = await getInspectionFor(currentUser(req), Number(req.params.id));
    res.json({ data: (await historyOf('inspection', i.id)).map((e) => presentAuditEvent(e)) });
  });
  r.get('/api/v1/inspections/:id/proposals', async (req, res) =>
    res.json({ data: await proposalsFor(await getInspectionFor(currentUser(req), Number(req.params.id)), todayIso()) }),
  );
  r.post('/api/v1/inspections/:id/measurements', async (req, res) => {
    res.status(201).json({
      data: presentMeasurement(
        await addMeasurement(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
      ),
    });
  });
  r.post('/api/v1/inspections/:id/photos', async (req, res) => {
    res.status(201).json({
      data: (await addPhotos(ctx, Number(req.params.id), filesOf(req), currentUser(req), actorOf(req))).map(
        presentPhoto,
      ),
    });
  });
  r.post('/api/v1/inspections/:id/corrections', async (req, res) => {
    const c = await addCorrection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
    res.status(201).json({
      data: {
        id: c.id,
        inspectionId: c.inspectionId,
        text: c.text,
        authorId: c.authorId,
        createdAt: c.createdAt.toISOString(),
      },
    });
  });
  r.post('/api/v1/inspections/:id/findings', async (req, res) => {
    res.status(201).json({
      data: presentFinding(
        await createFinding(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
        currentUser(req),
      ),
    });
  });
  return r;
}
