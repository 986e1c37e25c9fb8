import { Router, type Request, type Response } from 'express';
import { localFootprint } from '../../lib/engine-text';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import { exportIfAsked } from '../../lib/export';
import { pageOf, pageRequest } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { CONFLICT_KINDS, CONFLICT_STATUSES, SEVERITIES } from '../../models/Conflict';
import { SERVICE_CODES } from '../../models/Service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { checkUnsaved, getAssignment } from '../assignments/assignments.service';
import { presentAssignment } from '../assignments/assignments.presenter';
import { presentStation } from '../stations/stations.presenter';
import { licenseeOptions } from '../licensees/licensees.service';
import { CONFLICT_EXPORT, presentConflict } from './conflicts.presenter';
import {
  decideConflict,
  exportConflicts,
  getConflict,
  latestScanJob,
  listConflicts,
  mayScan,
  requestScan,
  twinOf,
} from './conflicts.service';
import { presentJob } from '../jobs/jobs.presenter';

async function side(req: Request, assignmentId: number) {
  const a = await getAssignment(assignmentId);
  const fp = await AssignmentFootprint.findByPk(assignmentId);
  return {
    assignment: presentAssignment(a),
    station: a.station ? presentStation(a.station) : null,
    footprint: fp ? localFootprint(req.t, { maxRadiusKm: fp.maxRadiusKm, ...fp.details }, req.language) : null,
  };
}

/** The latest full scan, for managers and admins on the conflicts page. */
async function latestScanView(req: Request) {
  const user = currentUser(req);
  if (!mayScan(user)) return null;
  const job = await latestScanJob();
  return job ? presentJob(job, user) : null;
}

type Districts = RouteDeps['districts'];

/** The list filters from the query string, shared by the page and the JSON API. */
function filterOf(req: Request) {
  const q = req.query;
  return {
    status: q.status,
    severity: q.severity,
    kind: q.kind,
    district: q.district,
    service: q.service,
    licenseeId: q.licenseeId,
    licenceId: q.licenceId,
    assignmentId: q.assignmentId,
  };
}

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const { rows, total } = await listConflicts(filterOf(req), page);
  return { page, rows, total };
}

/** `?format=csv|geojson|kml`: the whole filtered and sorted list as a file (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, CONFLICT_EXPORT, (format, send) =>
    exportConflicts(filterOf(req), { geometry: format !== 'csv' }).then(send),
  );

/** The detail page's locals, with `extra` (a failed decision's errors and values) on top. */
async function show(req: Request, extra: Record<string, unknown> = {}) {
  const c = await getConflict(Number(req.params.id));
  const twin = await twinOf(c);
  return {
    title: req.t('conflicts.detailTitle', { id: c.id }),
    // The pair's other direction, offered to be decided with the same note while it is undecided.
    twin: twin && twin.status !== 'resolved' ? { id: twin.id, status: twin.status } : null,
    conflict: presentConflict(c, true),
    victim: await side(req, c.victimAssignmentId),
    interferer: await side(req, c.interfererAssignmentId),
    // An intermodulation product's other contributors (B, then C), after the interferer (A).
    contributors: await Promise.all(
      [c.secondInterfererAssignmentId, c.thirdInterfererAssignmentId]
        .filter((id): id is number => typeof id === 'number')
        .map((id) => side(req, id)),
    ),
    history: (await historyOf('conflict', c.id)).reverse().map((e) => presentAuditEvent(e)),
    canDecide: currentUser(req).role === 'manager',
    errors: {},
    values: {},
    ...extra,
  };
}

/** The conflicts page (each row with its two stations) and its JSON twin. */
function listRoutes(r: Router, districts: Districts): void {
  r.get('/conflicts', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    const details = await Promise.all(
      rows.map(async (c) => {
        const [v, i] = await Promise.all([
          getAssignment(c.victimAssignmentId),
          getAssignment(c.interfererAssignmentId),
        ]);
        return {
          ...presentConflict(c),
          victim: { stationName: v.station?.name, frequencyHz: v.frequencyHz, districtCode: v.station?.districtCode },
          interferer: {
            stationName: i.station?.name,
            frequencyHz: i.frequencyHz,
            districtCode: i.station?.districtCode,
          },
        };
      }),
    );
    res.render('conflicts/index', {
      title: req.t('conflicts.title'),
      conflicts: details,
      page,
      total,
      query: req.query,
      statuses: CONFLICT_STATUSES,
      severities: SEVERITIES,
      kinds: CONFLICT_KINDS,
      services: SERVICE_CODES,
      districts: (await districts.current()).map((d) => ({ code: d.code, name: d.name })),
      licensees: await licenseeOptions(),
      scan: await latestScanView(req),
    });
  });
  r.get('/api/v1/conflicts', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(
      pageOf(
        rows.map((c) => presentConflict(c)),
        total,
        page,
      ),
    );
  });
}

/** The live check of unsaved input, and queuing the full scan. */
function checkAndScanRoutes(r: Router, { db }: RouteDeps): void {
  r.post('/api/v1/conflicts/check', async (req, res) => {
    try {
      res.json(await checkUnsaved(req.body));
    } catch (err) {
      // ?preview=1 (the forms, while the officer types): incomplete input is not an error, just no result yet.
      if (!(err instanceof ValidationError) || req.query.preview !== '1') throw err;
      res.json({
        conflicts: [],
        bandPlanCheck: null,
        footprint: null,
        // What the check still waits for (field names), so the form can say it.
        missing: Object.keys(err.fields),
        fields: translateFields(req.t, err.fields),
      });
    }
  });
  // The full scan is a job (SPEC §9): queued here, run by a job runner, followed on /conflicts and /jobs.
  r.post('/conflicts/scan', async (req, res) => {
    const { job } = await requestScan(db.sequelize, currentUser(req));
    res.redirect(303, `/conflicts?scan=${job.id}`);
  });
  r.post('/api/v1/conflicts/scans', async (req, res) => {
    const { job } = await requestScan(db.sequelize, currentUser(req));
    res.status(202).json({ data: presentJob(job, currentUser(req)) });
  });
}

/** The detail page, and each decision: the form post (the page again with its errors) and its JSON twin. */
function decisionRoutes(r: Router, { db }: RouteDeps): void {
  r.get('/conflicts/:id', async (req, res) => res.render('conflicts/show', await show(req)));
  for (const decision of ['acknowledge', 'resolve'] as const) {
    r.post(`/conflicts/:id/${decision}`, async (req, res) => {
      try {
        await decideConflict(db.sequelize, Number(req.params.id), decision, req.body, currentUser(req), actorOf(req));
        flash(req, { type: 'success', key: `conflicts.done.${decision}` });
        res.redirect(303, `/conflicts/${req.params.id}`);
      } catch (err) {
        if (err instanceof ValidationError)
          return res
            .status(422)
            .render(
              'conflicts/show',
              await show(req, { errors: translateFields(req.t, err.fields), values: req.body }),
            );
        if (err instanceof AppError && err.status === 409)
          return res
            .status(409)
            .render(
              'conflicts/show',
              await show(req, { errors: { _form: req.t(err.messageKey, err.params) }, values: req.body }),
            );
        throw err;
      }
    });
    r.post(`/api/v1/conflicts/:id/${decision}`, async (req, res) => {
      res.json({
        data: presentConflict(
          await decideConflict(db.sequelize, Number(req.params.id), decision, req.body, currentUser(req), actorOf(req)),
        ),
      });
    });
  }
}

/** One conflict and its history as JSON, and an assignment's coverage footprint as GeoJSON. */
function apiRoutes(r: Router): void {
  r.get('/api/v1/conflicts/:id', async (req, res) =>
    res.json({ data: presentConflict(await getConflict(Number(req.params.id)), true) }),
  );
  r.get('/api/v1/conflicts/:id/history', async (req, res) => {
    const c = await getConflict(Number(req.params.id));
    res.json({ data: (await historyOf('conflict', c.id)).map((e) => presentAuditEvent(e)) });
  });

  r.get('/api/v1/assignments/:id/footprint.geojson', requireLogin, async (req, res) => {
    const a = await getAssignment(Number(req.params.id));
    const fp = await AssignmentFootprint.findByPk(a.id);
    if (!fp) throw new NotFoundError('conflicts.noFootprint');
    res.type('application/geo+json').send(
      JSON.stringify({
        type: 'Feature',
        id: a.id,
        geometry: fp.polygon,
        properties: {
          assignmentId: a.id,
          frequencyHz: a.frequencyHz,
          maxRadiusKm: fp.maxRadiusKm,
          bboxDeg: [fp.minLon, fp.minLat, fp.maxLon, fp.maxLat],
          ...fp.details,
        },
      }),
    );
  });
}

export function conflictRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/conflicts', '/api/v1/conflicts'], requireLogin);
  // Registration order matters: Express matches in order (`/conflicts/scan` before `/conflicts/:id`).
  listRoutes(r, deps.districts);
  checkAndScanRoutes(r, deps);
  decisionRoutes(r, deps);
  apiRoutes(r);
  return r;
}
