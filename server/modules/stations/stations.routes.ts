import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { erpDbw, erpW } from '../../../geo/power';
import { parseCoordinateDeg } from '../../../geo/units';
import { actorOf, currentUser } from '../../lib/actor';
import { exportIfAsked } from '../../lib/export';
import { handleForm } from '../../lib/forms';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { SERVICE_CODES } from '../../models/Service';
import { POLARIZATIONS, Station, STATION_CLASSES } from '../../models/Station';
import { historyOf } from '../audit/audit.service';
import { asOfOf } from '../history/history.schema';
import { presentAuditEvent } from '../audit/audit.presenter';
import { assignmentsOfStation } from '../assignments/assignments.service';
import { presentAssignment } from '../assignments/assignments.presenter';
import { assertLicenceRole, getLicence } from '../licences/licences.service';
import { presentLicence } from '../licences/licences.presenter';
import { presentStation, STATION_EXPORT } from './stations.presenter';
import {
  createStation,
  deleteStation,
  exportStations,
  getStation,
  listStations,
  STATION_SORTS,
  stationPlain,
  updateStation,
} from './stations.service';

type Districts = RouteDeps['districts'];

/** The list filters from the query string, shared by the page and the JSON API. */
function filterOf(req: Request) {
  return {
    q: req.query.q,
    service: req.query.service,
    district: req.query.district,
    licenceId: req.query.licenceId,
    licenseeId: req.query.licenseeId,
    asOf: asOfOf(req)?.at ?? null,
    sort: sortOrder(req.query.sort, STATION_SORTS, 'name'),
  };
}

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const f = filterOf(req);
  const { rows, total } = await listStations(f, page);
  return { page, sort: f.sort, rows, total };
}

/** `?format=csv|geojson|kml`: the whole filtered and sorted list as a file (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, STATION_EXPORT, (_format, send) => exportStations(filterOf(req), send));

const options = { services: SERVICE_CODES, classes: STATION_CLASSES, polarizations: POLARIZATIONS };

function form(req: Request, mode: 'new' | 'edit') {
  return {
    view: `stations/${mode}`,
    locals: async (current?: unknown) => {
      assertLicenceRole(currentUser(req), 'edit');
      const s =
        mode === 'edit'
          ? current instanceof Station
            ? await getStation(current.id)
            : await getStation(Number(req.params.id))
          : null;
      const licence = s?.licence ?? (await getLicence(Number(req.params.licenceId)));
      return {
        title: s ? s.name : req.t('stations.new'),
        station: s ? presentStation(s) : null,
        licence: presentLicence(licence, currentUser(req)),
        ...options,
        // The station's TX assignments, checked for conflicts at the position and power being typed.
        txAssignments: s
          ? (await assignmentsOfStation(s.id))
              .filter((a) => a.direction === 'tx')
              .map((a) => ({
                id: a.id,
                frequencyHz: a.frequencyHz,
                bandwidthHz: a.bandwidthHz,
                emissionDesignator: a.emissionDesignator,
              }))
          : [],
        values: s ? stationPlain(s) : { service: licence.service, stationClass: 'FB', feederLossDb: '0' },
      };
    },
  };
}

/** The stations page and its JSON twin. */
function listRoutes(r: Router, districts: Districts): void {
  r.get('/stations', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, sort, rows, total } = await list(req);
    const names = new Map((await districts.current()).map((d) => [d.code, d.name]));
    res.render('stations/index', {
      title: req.t('stations.title'),
      stations: rows.map(presentStation),
      districtNames: Object.fromEntries(names),
      districts: [...names].map(([code, name]) => ({ code, name })),
      services: SERVICE_CODES,
      page,
      total,
      sort,
      query: req.query,
    });
  });
  r.get('/api/v1/stations', async (req, res) => {
    if (await exported(req, res)) return;
    const { page, rows, total } = await list(req);
    res.json(pageOf(rows.map(presentStation), total, page));
  });
}

/** New (under its licence), show, edit and delete pages. */
function pageRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.get('/licences/:licenceId/stations/new', async (req, res) =>
    res.render('stations/new', await form(req, 'new').locals()),
  );
  r.post('/licences/:licenceId/stations', async (req, res) => {
    await handleForm(req, res, form(req, 'new'), async () => {
      const s = await createStation(
        db.sequelize,
        districts,
        { ...req.body, licenceId: req.params.licenceId },
        currentUser(req),
        actorOf(req),
      );
      flash(req, { type: 'success', key: 'stations.created', params: { name: s.name } });
      res.redirect(303, `/stations/${s.id}`);
    });
  });
  r.get('/stations/:id', async (req, res) => {
    const s = await getStation(Number(req.params.id));
    const d = (await districts.current()).find((x) => x.code === s.districtCode);
    res.render('stations/show', {
      title: s.name,
      station: presentStation(s),
      licence: presentLicence(s.licence as NonNullable<typeof s.licence>, currentUser(req)),
      districtName: d?.name ?? s.districtCode,
      assignments: (await assignmentsOfStation(s.id)).map(presentAssignment),
      history: (await historyOf('station', s.id)).reverse().map((e) => presentAuditEvent(e)),
    });
  });
  r.get('/stations/:id/edit', async (req, res) => res.render('stations/edit', await form(req, 'edit').locals()));
  r.post('/stations/:id', async (req, res) => {
    await handleForm(req, res, form(req, 'edit'), async () => {
      const s = await updateStation(
        db.sequelize,
        districts,
        Number(req.params.id),
        req.body,
        currentUser(req),
        actorOf(req),
      );
      flash(req, { type: 'success', key: 'stations.saved', params: { name: s.name } });
      res.redirect(303, `/stations/${s.id}`);
    });
  });
  r.post('/stations/:id/delete', async (req, res) => {
    const licenceId = await deleteStation(
      db.sequelize,
      Number(req.params.id),
      req.body?.version,
      currentUser(req),
      actorOf(req),
    );
    flash(req, { type: 'success', key: 'stations.deleted' });
    res.redirect(303, `/licences/${licenceId}`);
  });
}

/**
 * Derived values while the officer types: district from the position, ERP. Nothing is saved; each is
 * worked out on its own.
 */
async function preview(districts: Districts, req: Request): Promise<Record<string, unknown>> {
  const b = (req.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const out: Record<string, unknown> = { district: null, erpW: null, erpDbw: null, fields };
  const lat =
    typeof b.latitude === 'string' || typeof b.latitude === 'number'
      ? parseCoordinateDeg(String(b.latitude), 'lat')
      : null;
  const lon =
    typeof b.longitude === 'string' || typeof b.longitude === 'number'
      ? parseCoordinateDeg(String(b.longitude), 'lon')
      : null;
  if (lat === null && b.latitude) fields.latitude = req.t('v.latitude');
  if (lon === null && b.longitude) fields.longitude = req.t('v.longitude');
  if (lat !== null && lon !== null) {
    const d = await districts.lookup(lat, lon);
    out.district = d ? { code: d.code, name: d.name, approximate: d.approximate } : null;
    if (!d) fields.latitude = req.t('v.outsideJurisdiction');
  }
  const num = (v: unknown, fallback: number | null) =>
    v === undefined || v === null || v === '' ? fallback : Number(String(v).replace(',', '.'));
  const p = num(b.txPowerW, null);
  const g = num(b.antennaGainDbi, 0);
  const l = num(b.feederLossDb, 0);
  if (
    p !== null &&
    g !== null &&
    l !== null &&
    Number.isFinite(p) &&
    p > 0 &&
    Number.isFinite(g) &&
    Number.isFinite(l)
  ) {
    out.erpW = Math.round(erpW(p, g, l) * 1000) / 1000;
    out.erpDbw = Math.round(erpDbw(p, g, l) * 100) / 100;
  } else if (p !== null) {
    fields.txPowerW = req.t('v.positive');
  }
  return out;
}

/** The JSON API: the live preview, then create, read, update, delete and history. */
function apiRoutes(r: Router, { db, districts }: RouteDeps): void {
  r.post('/api/v1/stations/preview', async (req, res) => {
    res.json(await preview(districts, req));
  });

  r.post('/api/v1/stations', async (req, res) => {
    res.status(201).json({
      data: presentStation(await createStation(db.sequelize, districts, req.body, currentUser(req), actorOf(req))),
    });
  });
  r.get('/api/v1/stations/:id', async (req, res) =>
    res.json({ data: presentStation(await getStation(Number(req.params.id))) }),
  );
  r.patch('/api/v1/stations/:id', async (req, res) => {
    res.json({
      data: presentStation(
        await updateStation(db.sequelize, districts, Number(req.params.id), req.body, currentUser(req), actorOf(req)),
      ),
    });
  });
  r.delete('/api/v1/stations/:id', async (req, res) => {
    await deleteStation(
      db.sequelize,
      Number(req.params.id),
      req.body?.version ?? req.query.version,
      currentUser(req),
      actorOf(req),
    );
    res.status(204).end();
  });
  r.get('/api/v1/stations/:id/history', async (req, res) => {
    const s = await getStation(Number(req.params.id));
    res.json({ data: (await historyOf('station', s.id)).map((e) => presentAuditEvent(e)) });
  });
}

export function stationRoutes(deps: RouteDeps): Router {
  const r = Router();
  r.use(['/stations', '/api/v1/stations', '/api/v1/stations.geojson'], requireLogin);
  r.use('/licences/:licenceId/stations', requireLogin);
  // Registration order matters: Express matches in order.
  listRoutes(r, deps.districts);
  pageRoutes(r, deps);
  apiRoutes(r, deps);
  return r;
}
