/**
 * The routes of one inspection (/inspections/:id and /api/v1/inspections/:id): its page and forms, the
 * writes from its page, and the JSON API. inspectionRoutes registers them after the lists and forms.
 */
import type { Request, Response, Router } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { AppError, ValidationError } from '../../lib/errors';
import { handleForm } from '../../lib/forms';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { INSPECTION_TYPES } from '../../models/Inspection';
import { UserDistrict } from '../../models/UserDistrict';
import { presentAuditEvent } from '../audit/audit.presenter';
import { historyOf } from '../audit/audit.service';
import { todayIso } from '../../lib/dates';
import { proposalsFor } from './due.service';
import { presentFinding, presentInspection, presentMeasurement, presentPhoto } from './inspections.presenter';
import {
  addCorrection,
  addMeasurement,
  addPhotos,
  correctionsOf,
  deleteMeasurement,
  getInspectionFor,
  getPhoto,
  inspectionTransition,
  patchInspection,
  replanInspection,
  updateInspection,
  type InspectionCtx,
} from './inspections.service';
import { createFinding } from './findings.service';
import { filesOf, photoPath } from './photos';
import { assertMayRecord, replanFormLocals } from './inspections.forms';

/** What the route groups of inspectionRoutes share. */
export interface InspectionRouteEnv {
  deps: RouteDeps;
  ctx: InspectionCtx;
  districtNames: () => Promise<Record<string, string>>;
}

const STATUS_ACTIONS = ['complete', 'cancel', 'close'] as const;

async function showLocals({ districtNames }: InspectionRouteEnv, req: Request, id: number) {
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
}

/**
 * A write from the inspection page: on 422/409/413 the page comes back with the form's message and
 * what was typed.
 */
async function fromShow(
  env: InspectionRouteEnv,
  req: Request,
  res: Response,
  id: number,
  action: string,
  work: () => Promise<void>,
) {
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
      ...(await showLocals(env, req, id)),
      actionErrors,
      actionValues: values,
      failedAction: action,
    });
  }
}

function back(req: Request, res: Response, key: string, anchor = '') {
  flash(req, { type: 'success', key });
  res.redirect(303, `/inspections/${req.params.id}${anchor}`);
}

/** The inspection page, its plan form (managers) and its edit form (its inspectors). */
export function recordPageRoutes(r: Router, env: InspectionRouteEnv): void {
  const { ctx } = env;
  r.get('/inspections/:id', async (req, res) =>
    res.render('inspections/show', await showLocals(env, req, Number(req.params.id))),
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
      await assertMayRecord(req, i);
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
}

/** The writes from the inspection page (measurements, photos, status, corrections, findings) and its photos. */
export function recordActionRoutes(r: Router, env: InspectionRouteEnv): void {
  const {
    ctx,
    deps: { db, config },
  } = env;
  r.post('/inspections/:id/measurements', async (req, res) =>
    fromShow(env, req, res, Number(req.params.id), 'measurement', async () => {
      await addMeasurement(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      back(req, res, 'inspections.measurementAdded', '#measurements');
    }),
  );
  r.post('/inspections/:id/measurements/:mid/delete', async (req, res) => {
    await deleteMeasurement(ctx, Number(req.params.id), Number(req.params.mid), currentUser(req), actorOf(req));
    back(req, res, 'inspections.measurementDeleted', '#measurements');
  });
  r.post('/inspections/:id/photos', async (req, res) =>
    fromShow(env, req, res, Number(req.params.id), 'photos', async () => {
      await addPhotos(ctx, Number(req.params.id), filesOf(req), currentUser(req), actorOf(req));
      back(req, res, 'inspections.photosAdded', '#photos');
    }),
  );
  r.get('/inspections/:id/photos/:pid', async (req, res) => {
    const p = await getPhoto(currentUser(req), Number(req.params.id), Number(req.params.pid));
    res.set({
      'Content-Type': p.mimeType,
      'Cache-Control': 'no-store',
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
    });
    res.sendFile(photoPath(config.uploadDir, p.fileName));
  });
  for (const action of STATUS_ACTIONS) {
    r.post(`/inspections/:id/${action}`, async (req, res) =>
      fromShow(env, req, res, Number(req.params.id), action, async () => {
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
    fromShow(env, req, res, Number(req.params.id), 'correction', async () => {
      await addCorrection(ctx, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      back(req, res, 'inspections.corrected', '#corrections');
    }),
  );
  r.post('/inspections/:id/findings', async (req, res) =>
    fromShow(env, req, res, Number(req.params.id), 'finding', async () => {
      const f = await createFinding(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'findings.created' });
      res.redirect(303, `/findings/${f.id}`);
    }),
  );
}

/** The JSON API of one inspection: the same services and presenters. */
export function recordApiRoutes(r: Router, { ctx, deps: { db } }: InspectionRouteEnv): void {
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
}
