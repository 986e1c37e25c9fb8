/**
 * The channel finder (SPEC §12): `/planning` (the page: a GET form, so a search is a shareable URL, and its
 * results as a ranked list and a chart along the band) and `POST /api/v1/planning/channels` (JSON).
 * Licensing officers and managers. From a station (`?stationId=`) the form is filled with the station's
 * site, power and antenna, and each channel links to that station's new assignment form, filled.
 */
import { Router, type Request } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { ValidationError } from '../../lib/errors';
import { formatter } from '../../lib/format';
import { intOf } from '../../lib/schema-helpers';
import { requireLogin, requireRole } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { languageOf } from '../../middleware/locals';
import { SERVICE_CODES } from '../../models/Service';
import { getStation } from '../stations/stations.service';
import { chartSpec, presentChannel, presentMeta, presentRows, type Translate } from './planning.presenter';
import { bodyFromForm, MAX_CHANNELS, STATION_FIELDS } from './planning.schema';
import { findChannels } from './planning.service';

export const PLANNING_ROLES = ['licensing_officer', 'manager'] as const;

const FORM_FIELDS = [...STATION_FIELDS, 'fromHz', 'toHz', 'bandwidthHz', 'emissionDesignator', 'stationId'] as const;

function translate(req: Request): Translate {
  return (key, params) => String(req.t(key, params ?? {}));
}

/** The form's values: the query as typed; from a station, its values where the query has none. */
async function formValues(req: Request) {
  const q = req.query as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const k of FORM_FIELDS) values[k] = typeof q[k] === 'string' ? (q[k] as string) : '';
  const stationId = intOf(values.stationId);
  const station = stationId ? await getStation(stationId) : null;
  if (station) {
    const fmt = formatter(languageOf(req));
    const filled: Record<string, unknown> = {
      service: station.service,
      latitude: station.latitude,
      longitude: station.longitude,
      antennaHeightM: station.antennaHeightM,
      antennaGainDbi: station.antennaGainDbi,
      txPowerW: station.txPowerW,
      feederLossDb: station.feederLossDb,
      azimuthDeg: station.azimuthDeg,
      beamwidthDeg: station.beamwidthDeg,
      farEndLatitude: station.farEndLatitude,
      farEndLongitude: station.farEndLongitude,
    };
    for (const k of STATION_FIELDS) if (values[k] === '' && filled[k] != null) values[k] = String(filled[k]);
    if (values.bandwidthHz === '' && station.service === 'land_mobile') values.bandwidthHz = fmt.frequency(12_500);
  }
  if (values.service === '') values.service = 'land_mobile';
  return { values, station: station ? { id: station.id, name: station.name } : null, searched: values.fromHz !== '' };
}

export function planningRoutes({ districts }: RouteDeps): Router {
  const r = Router();
  r.use(['/planning', '/api/v1/planning'], requireLogin, requireRole(...PLANNING_ROLES));

  r.post('/api/v1/planning/channels', async (req, res) => {
    const result = await findChannels(req.body, districts);
    res.json({ data: result.channels.map(presentChannel), meta: presentMeta(result) });
  });

  r.get('/planning', async (req, res) => {
    const { values, station, searched } = await formValues(req);
    const page = {
      title: req.t('planning.title'),
      values,
      station,
      services: SERVICE_CODES,
      maxChannels: MAX_CHANNELS,
      errors: {} as Record<string, string>,
      result: null as null | {
        rows: ReturnType<typeof presentRows>;
        chart: ReturnType<typeof chartSpec>;
        meta: ReturnType<typeof presentMeta>;
      },
      scripts: ['/vendor/chartjs/chart.umd.min.js', '/js/planning.js'],
    };
    if (!searched) return res.render('planning/index', page);
    try {
      const result = await findChannels(bodyFromForm(values), districts);
      const fmt = formatter(languageOf(req));
      page.result = {
        rows: presentRows(result, translate(req), fmt),
        chart: chartSpec(result, translate(req), fmt),
        meta: presentMeta(result),
      };
      res.render('planning/index', page);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // The form's fields are flat: `station.latitude` → `latitude`, `range.toHz` → `toHz`.
      const flat = Object.fromEntries(
        Object.entries(err.fields).map(([k, m]) => [k.replace(/^(station|range)\./, ''), m]),
      );
      res.status(422).render('planning/index', { ...page, errors: translateFields(req.t, flat) });
    }
  });
  return r;
}
