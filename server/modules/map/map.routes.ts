import { Router, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { CONFLICT_STATUSES, SEVERITIES } from '../../models/Conflict';
import { LICENCE_STATUSES } from '../../models/Licence';
import { SERVICE_CODES } from '../../models/Service';
import { DISTRICT_METRICS, districtFigures } from './map.districts';
import { INSPECTION_STATUSES, INSPECTION_TYPES } from '../../models/Inspection';
import { ITU_BANDS, parseMapQuery } from './map.schema';
import { conflictsGeoJson, footprintsGeoJson, stationsGeoJson } from './map.service';
import { asOfOf } from '../history/history.schema';
import { readAsOf } from '../history/history.service';

function sendGeoJson(res: Response, body: unknown): void {
  res.set('Cache-Control', 'private, no-cache').type('application/geo+json').send(JSON.stringify(body));
}

export function mapRoutes({ db, districts }: RouteDeps): Router {
  const r = Router();
  const paths = [
    '/map',
    '/api/v1/stations.geojson',
    '/api/v1/footprints.geojson',
    '/api/v1/conflicts.geojson',
    '/api/v1/map',
  ];
  r.use(paths, requireLogin);

  r.get('/map', async (req, res) => {
    // A past day (asOfLocals set res.locals.asOf): what has no history is off, and the banner says so.
    const pastDay = asOfOf(req) !== null;
    res.render('map/index', {
      asOfNote: pastDay ? req.t('map.asOfNote') : null,
      asOfMetrics: DISTRICT_METRICS.filter((m) => m.asOf).map((m) => m.key),
      title: req.t('map.title'),
      districts: (await districts.current()).map((d) => ({ code: d.code, name: d.name })),
      // The choropleth offers every registered metric (the inspections module adds overdueInspections).
      metrics: DISTRICT_METRICS.map((m) => m.key),
      services: SERVICE_CODES,
      statuses: LICENCE_STATUSES,
      bands: Object.keys(ITU_BANDS),
      severities: SEVERITIES,
      conflictStatuses: CONFLICT_STATUSES,
      inspectionStatuses: INSPECTION_STATUSES,
      inspectionTypes: INSPECTION_TYPES,
    });
  });

  // `asOf`: the stations and footprints as they stood at the end of that day (history.service).
  r.get('/api/v1/stations.geojson', async (req, res) => {
    const q = parseMapQuery(req.query);
    sendGeoJson(res, await readAsOf(db.sequelize, asOfOf(req)?.at, (s) => stationsGeoJson(s.sequelize, q)));
  });
  r.get('/api/v1/footprints.geojson', async (req, res) => {
    const q = parseMapQuery(req.query);
    sendGeoJson(res, await readAsOf(db.sequelize, asOfOf(req)?.at, (s) => footprintsGeoJson(s.sequelize, q)));
  });
  // Conflicts keep no versions: on a past day the layer is empty, marked so (`asOfHidden`), not today's.
  r.get('/api/v1/conflicts.geojson', async (req, res) => {
    const q = parseMapQuery(req.query, 'conflict');
    if (asOfOf(req)) return sendGeoJson(res, { type: 'FeatureCollection', features: [], asOfHidden: true });
    sendGeoJson(res, await conflictsGeoJson(db.sequelize, q));
  });

  /** Choropleth figures per current district, under the same station filters as the stations layer. */
  r.get('/api/v1/map/districts', async (req, res) => {
    const q = parseMapQuery(req.query);
    const codes = (await districts.current()).map((d) => d.code);
    // `metric` names a costly metric to compute as well (the one the map is shaded by).
    const wanted = typeof req.query.metric === 'string' ? req.query.metric.split(',') : [];
    // `asOf`: the stations as they stood then (history.service); only the metrics that have a history.
    const asOf = asOfOf(req);
    const filter = { ...q, districts: undefined };
    res.json(
      await readAsOf(db.sequelize, asOf?.at, (s) => districtFigures(s.sequelize, codes, filter, wanted, asOf !== null)),
    );
  });
  return r;
}
