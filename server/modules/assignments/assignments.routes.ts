import { Router, type Request } from 'express';
import { localFootprint } from '../../lib/engine-text';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { ValidationError } from '../../lib/errors';
import { exportIfAsked } from '../../lib/export';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest } from '../../lib/pagination';
import { parseInput } from '../../lib/validation';
import { requireLogin } from '../../middleware/auth';
import { flash, languageOf } from '../../middleware/locals';
import { formatter } from '../../lib/format';
import { Assignment } from '../../models/Assignment';
import { Station } from '../../models/Station';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { asOfOf } from '../history/history.schema';
import { readAsOf, registerDatabase } from '../history/history.service';
import { presentLicence } from '../licences/licences.presenter';
import { assertLicenceRole } from '../licences/licences.service';
import { getStation } from '../stations/stations.service';
import { presentStation } from '../stations/stations.presenter';
import { ASSIGNMENT_EXPORT, presentAssignment } from './assignments.presenter';
import { exportAssignments, listAssignments } from './assignments.list';
import { AssignmentFootprint } from '../../models/AssignmentFootprint';
import { listConflicts } from '../conflicts/conflicts.service';
import { presentConflict } from '../conflicts/conflicts.presenter';
import { AssignmentInput } from './assignments.schema';
import {
  createAssignment,
  deleteAssignment,
  deriveAssignment,
  getAssignment,
  updateAssignment,
} from './assignments.service';

/** Form values as a person types them: "160.0125 MHz", "12.5 kHz". */
function typedValues(req: Request, a: Assignment | null): Record<string, unknown> {
  const f = formatter(languageOf(req));
  if (!a) {
    // A new assignment may come filled from a link (the channel finder): frequency and width in Hz, a designator.
    const q = req.query;
    const hz = (v: unknown) => (typeof v === 'string' && /^\d{1,13}$/.test(v) ? f.frequency(Number(v)) : '');
    const designator = typeof q.emissionDesignator === 'string' ? q.emissionDesignator.slice(0, 9) : '';
    return {
      direction: 'tx',
      frequencyHz: hz(q.frequencyHz),
      bandwidthHz: hz(q.bandwidthHz),
      emissionDesignator: designator,
    };
  }
  return {
    direction: a.direction,
    frequencyHz: f.frequency(a.frequencyHz),
    bandwidthHz: f.frequency(a.bandwidthHz),
    emissionDesignator: a.emissionDesignator,
    version: a.version,
  };
}

function form(req: Request, mode: 'new' | 'edit') {
  return {
    view: `assignments/${mode}`,
    locals: async (current?: unknown) => {
      assertLicenceRole(currentUser(req), 'edit');
      const a =
        mode === 'edit'
          ? await getAssignment(current instanceof Assignment ? current.id : Number(req.params.id))
          : null;
      const s = a?.station ? await getStation(a.stationId) : await getStation(Number(req.params.stationId));
      return {
        title: a ? req.t('assignments.editTitle') : req.t('assignments.new'),
        assignment: a ? presentAssignment(a) : null,
        station: presentStation(s),
        licence: presentLicence(s.licence as NonNullable<typeof s.licence>, currentUser(req)),
        values: typedValues(req, a),
      };
    },
  };
}

/** The JSON list, filtered by station, licence, direction and band-plan warning; `?format=` exports it whole. */
function listRoute(r: Router): void {
  r.get('/api/v1/assignments', async (req, res) => {
    const { stationId, licenceId, direction, bandPlan } = req.query;
    const f = { stationId, licenceId, direction, bandPlan };
    // `asOf`: the assignments as they stood at the end of that day (history.service), in the list and its export.
    const at = asOfOf(req)?.at;
    const exported = await exportIfAsked(req, res, ASSIGNMENT_EXPORT, (format, send) =>
      readAsOf(registerDatabase(), at, async ({ transaction }) =>
        send(await exportAssignments(f, { footprints: format !== 'csv', transaction })),
      ),
    );
    if (exported) return;
    const page = pageRequest(req.query, 50);
    const { rows, total } = await readAsOf(registerDatabase(), at, ({ transaction }) =>
      listAssignments(f, page, transaction),
    );
    res.json(pageOf(rows.map(presentAssignment), total, page));
  });
}

/** New (under its station), show, edit and delete pages. */
function pageRoutes(r: Router, { db }: RouteDeps): void {
  r.get('/stations/:stationId/assignments/new', async (req, res) =>
    res.render('assignments/new', await form(req, 'new').locals()),
  );
  r.post('/stations/:stationId/assignments', async (req, res) => {
    await handleForm(req, res, form(req, 'new'), async () => {
      const a = await createAssignment(
        db.sequelize,
        Number(req.params.stationId),
        req.body,
        currentUser(req),
        actorOf(req),
      );
      flash(req, {
        type: a.bandPlanCheck?.status === 'warning' ? 'info' : 'success',
        key: a.bandPlanCheck?.status === 'warning' ? 'assignments.createdWithWarning' : 'assignments.created',
      });
      res.redirect(303, `/stations/${a.stationId}`);
    });
  });
  r.get('/assignments/:id', async (req, res) => {
    const a = await getAssignment(Number(req.params.id));
    const s = a.station as Station;
    const fp = await AssignmentFootprint.findByPk(a.id);
    const { rows } = await listConflicts({ assignmentId: a.id }, { page: 1, pageSize: 100, offset: 0 });
    res.render('assignments/show', {
      title: req.t('assignments.title'),
      assignment: presentAssignment(a),
      station: presentStation(s),
      licence: presentLicence(s.licence as NonNullable<typeof s.licence>, currentUser(req)),
      footprint: fp ? localFootprint(req.t, { maxRadiusKm: fp.maxRadiusKm, ...fp.details }, req.language) : null,
      conflicts: rows.map((c) => presentConflict(c)),
      history: (await historyOf('assignment', a.id)).reverse().map((e) => presentAuditEvent(e)),
    });
  });
  r.get('/assignments/:id/edit', async (req, res) => res.render('assignments/edit', await form(req, 'edit').locals()));
  r.post('/assignments/:id', async (req, res) => {
    await handleForm(req, res, form(req, 'edit'), async () => {
      const a = await updateAssignment(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'assignments.saved' });
      res.redirect(303, `/stations/${a.stationId}`);
    });
  });
  r.post('/assignments/:id/delete', async (req, res) => {
    const stationId = await deleteAssignment(
      db.sequelize,
      Number(req.params.id),
      req.body?.version,
      currentUser(req),
      actorOf(req),
    );
    flash(req, { type: 'success', key: 'assignments.deleted' });
    res.redirect(303, `/stations/${stationId}`);
  });
}

/** Derived values while typing: necessary bandwidth, occupied range, band-plan check. Nothing is saved. */
function previewRoute(r: Router): void {
  r.post('/api/v1/assignments/preview', async (req, res) => {
    const service = typeof req.body?.service === 'string' ? req.body.service : 'other';
    try {
      const input = parseInput(AssignmentInput, req.body ?? {});
      res.json({ ...(await deriveAssignment(service, input)), fields: {} });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      res.json({
        fields: Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, req.t(m.key, m.params ?? {})])),
      });
    }
  });
}

/** The JSON API's create (under its station), read, update, delete and history. */
function apiRoutes(r: Router, { db }: RouteDeps): void {
  r.post('/api/v1/stations/:stationId/assignments', async (req, res) => {
    res.status(201).json({
      data: presentAssignment(
        await createAssignment(db.sequelize, Number(req.params.stationId), req.body, currentUser(req), actorOf(req)),
      ),
    });
  });
  r.get('/api/v1/assignments/:id', async (req, res) =>
    res.json({ data: presentAssignment(await getAssignment(Number(req.params.id))) }),
  );
  r.patch('/api/v1/assignments/:id', async (req, res) => {
    res.json({
      data: presentAssignment(
        await updateAssignment(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
      ),
    });
  });
  r.delete('/api/v1/assignments/:id', async (req, res) => {
    await deleteAssignment(
      db.sequelize,
      Number(req.params.id),
      req.body?.version ?? req.query.version,
      currentUser(req),
      actorOf(req),
    );
    res.status(204).end();
  });
  r.get('/api/v1/assignments/:id/history', async (req, res) => {
    const a = await getAssignment(Number(req.params.id));
    res.json({ data: (await historyOf('assignment', a.id)).map((e) => presentAuditEvent(e)) });
  });
}

export function assignmentRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/assignments', '/api/v1/assignments'], requireLogin);
  r.use('/stations/:stationId/assignments', requireLogin);
  // Registration order matters: Express matches in order.
  listRoute(r);
  pageRoutes(r, deps);
  previewRoute(r);
  apiRoutes(r, deps);
  return r;
}
