import { Router } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { parseCoordinateDeg } from '../../../geo/units';
import { NotFoundError, ValidationError, type FieldErrors } from '../../lib/errors';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { presentDistrict, type DistrictView } from './districts.presenter';
import { districtSummary } from '../map/map.service';

const SORTS = ['code', 'name', 'type', 'areaKm2'] as const;

function sortViews(rows: DistrictView[], field: (typeof SORTS)[number], dir: 'ASC' | 'DESC'): DistrictView[] {
  const sign = dir === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi'));
  });
}

function readPoint(lat: unknown, lon: unknown): { lat: number; lon: number } {
  const la = typeof lat === 'string' ? parseCoordinateDeg(lat, 'lat') : null;
  const lo = typeof lon === 'string' ? parseCoordinateDeg(lon, 'lon') : null;
  const fields: FieldErrors = {};
  if (la === null) fields.lat = { key: typeof lat === 'string' && lat.trim() ? 'v.latitude' : 'v.required' };
  if (lo === null) fields.lon = { key: typeof lon === 'string' && lon.trim() ? 'v.longitude' : 'v.required' };
  if (la === null || lo === null) throw new ValidationError(fields);
  return { lat: la, lon: lo };
}

export function districtRoutes({ db, districts }: RouteDeps): Router {
  const r = Router();
  r.use(['/districts', '/api/v1/districts', '/api/v1/districts.geojson'], requireLogin);

  r.get('/districts', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const sort = sortOrder(req.query.sort, SORTS, 'code');
    const rows = sortViews((await districts.list(q)).map(presentDistrict), sort.field, sort.dir);
    let lookup: {
      lat: string;
      lon: string;
      result?: { code: string; name: string } | null;
      errors?: Record<string, string>;
    } | null = null;
    if (typeof req.query.lat === 'string' || typeof req.query.lon === 'string') {
      const lat = String(req.query.lat ?? '');
      const lon = String(req.query.lon ?? '');
      try {
        const p = readPoint(lat, lon);
        const found = await districts.lookup(p.lat, p.lon);
        lookup = { lat, lon, result: found ? { code: found.code, name: found.name } : null };
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        lookup = { lat, lon, errors: translateFields(req.t, e.fields) };
        res.status(422);
      }
    }
    const total = rows.reduce((s, d) => s + d.areaKm2, 0);
    res.render('districts/index', {
      title: req.t('districts.title'),
      districts: rows,
      q,
      sort,
      totalAreaKm2: total,
      anyApproximate: rows.some((d) => d.approximate),
      lookup,
    });
  });

  r.get('/districts/:code', async (req, res) => {
    const d = presentDistrict(await districts.getByCode(req.params.code as string));
    const earlier = (await districts.historyOf(d.code)).map(presentDistrict);
    res.render('districts/show', {
      title: d.name,
      district: d,
      earlier,
      summary: await districtSummary(db.sequelize, d.code),
    });
  });

  r.get('/api/v1/districts', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const sort = sortOrder(req.query.sort, SORTS, 'code');
    const page = pageRequest(req.query, 100);
    const rows = sortViews((await districts.list(q)).map(presentDistrict), sort.field, sort.dir);
    res.json(pageOf(rows.slice(page.offset, page.offset + page.pageSize), rows.length, page));
  });

  r.get('/api/v1/districts.geojson', async (_req, res) => {
    res.type('application/geo+json').send(JSON.stringify(await districts.featureCollection()));
  });

  r.get('/api/v1/districts/lookup', async (req, res) => {
    const p = readPoint(req.query.lat, req.query.lon);
    const found = await districts.lookup(p.lat, p.lon);
    if (!found) throw new NotFoundError('districts.lookupNone');
    res.json(found);
  });

  r.get('/api/v1/districts/:code', async (req, res) => {
    res.json({ data: presentDistrict(await districts.getByCode(req.params.code as string)) });
  });

  r.get('/api/v1/districts/:code/history', async (req, res) => {
    const code = req.params.code as string;
    await districts.getByCode(code);
    res.json({ data: (await historyOf('district', code)).map((e) => presentAuditEvent(e)) });
  });
  return r;
}
