/**
 * /dashboard (page), /dashboard/<table>.csv (each table as CSV) and /api/v1/dashboard (the figures as JSON).
 * Managers and administrators (SPEC §1: the manager's dashboard; the admin owns the system).
 */
import { Router, type Request } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { RouteDeps } from '../../lib/route-deps';
import { NotFoundError } from '../../lib/errors';
import { formatter } from '../../lib/format';
import { requireLogin, requireRole } from '../../middleware/auth';
import { languageOf } from '../../middleware/locals';
import { LICENCE_STATUSES } from '../../models/Licence';
import { csvRecords, presentDashboard, TABLE_IDS, type Translate } from './dashboard.presenter';
import { dashboardFigures, DISTRICT_STATUS_CHOICES } from './dashboard.service';

export const DASHBOARD_ROLES = ['manager', 'admin'] as const;

function translate(req: Request): Translate {
  return (key, params) => String(req.t(key, params ?? {}));
}

export function dashboardRoutes({ db, districts }: RouteDeps): Router {
  const r = Router();
  r.use(['/dashboard', '/api/v1/dashboard'], requireLogin, requireRole(...DASHBOARD_ROLES));
  const figures = (req: Request) => dashboardFigures(db.sequelize, districts, { districtStatus: req.query.status });

  r.get('/dashboard', async (req, res) => {
    const d = await figures(req);
    const tables = presentDashboard(d, translate(req), formatter(languageOf(req)));
    res.render('dashboard/index', {
      title: req.t('dashboard.title'),
      tables,
      figures: d,
      districtStatus: d.districts.status,
      districtStatuses: DISTRICT_STATUS_CHOICES.map((s) => ({
        value: s,
        label: s === 'all' ? req.t('dashboard.district.allStatuses') : req.t(`licences.statuses.${s}`),
      })),
      statuses: LICENCE_STATUSES,
      scripts: ['/vendor/chartjs/chart.umd.min.js', '/js/dashboard.js'],
    });
  });

  r.get('/dashboard/:table.csv', async (req, res) => {
    const id = TABLE_IDS.find((x) => x === req.params.table);
    if (!id) throw new NotFoundError();
    const d = await figures(req);
    const table = presentDashboard(d, translate(req), formatter(languageOf(req))).find((x) => x.id === id);
    if (!table) throw new NotFoundError();
    res.type('text/csv; charset=utf-8');
    res.attachment(`tanso-${id}-${d.today}.csv`);
    // The BOM lets Excel read the file as UTF-8 (Vietnamese diacritics).
    res.send(stringify(csvRecords(table), { bom: true, record_delimiter: '\r\n' }));
  });

  r.get('/api/v1/dashboard', async (req, res) => {
    res.json({ data: await figures(req) });
  });
  return r;
}
