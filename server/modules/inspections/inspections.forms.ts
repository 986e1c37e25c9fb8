/** Locals of the log form (inspectors, on a phone) and the plan form (managers). */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { currentUser } from '../../lib/actor';
import { INSPECTION_TYPES, type InspectionStatus } from '../../models/Inspection';
import { Licence } from '../../models/Licence';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { UserDistrict } from '../../models/UserDistrict';
import { assignmentsOfStation } from '../assignments/assignments.service';
import { getStation } from '../stations/stations.service';
import { ForbiddenError } from '../../lib/errors';
import { canInspection } from './inspections.policy';
import { getInspection, inspectorIdsOf, refuse, type InspectionCtx } from './inspections.core';

async function stationChoices(districtCodes: string[] | null) {
  const rows = await Station.findAll({
    where: districtCodes ? { districtCode: districtCodes } : {},
    attributes: ['id', 'name', 'districtCode'],
    include: [{ model: Licence, as: 'licence', attributes: ['number', 'status'] }],
    order: [['name', 'ASC']],
    limit: 500,
  });
  return rows.map((s) => ({
    value: String(s.id),
    label: `${s.name}${s.licence?.number ? ` · ${s.licence.number}` : ''} (${s.districtCode})`,
  }));
}

/** The station the form starts from (licensed values shown beside each field), if any. */
async function licensedOf(stationId: unknown) {
  const id = Number(stationId);
  if (!Number.isInteger(id) || id < 1) return null;
  const s = await getStation(id).catch(() => null);
  if (!s) return null;
  const tx = (await assignmentsOfStation(s.id)).filter((a) => a.direction === 'tx');
  return {
    id: s.id,
    name: s.name,
    districtCode: s.districtCode,
    latitude: s.latitude,
    longitude: s.longitude,
    erpW: s.erpW,
    antennaHeightM: s.antennaHeightM,
    azimuthDeg: s.azimuthDeg,
    equipmentModel: s.equipmentModel,
    licenceId: s.licenceId,
    licenceNumber: s.licence?.number ?? null,
    licenceStatus: s.licence?.status ?? null,
    licenseeName: s.licence?.licensee?.name ?? null,
    frequenciesHz: tx.map((a) => Number(a.frequencyHz)),
    bandwidthHz: tx.length ? Math.max(...tx.map((a) => Number(a.bandwidthHz))) : null,
  };
}

export async function logFormLocals(req: Request, _ctx: InspectionCtx) {
  const u = currentUser(req);
  if (u.role !== 'inspector') throw new ForbiddenError('inspections.refused.role');
  const body = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
  const station = await licensedOf(body?.stationId);
  return {
    title: req.t('inspections.new'),
    types: INSPECTION_TYPES,
    station,
    stations: station ? [] : await stationChoices(u.role === 'inspector' ? u.districtCodes : null),
    values: {
      type: station ? 'routine' : 'unlicensed_search',
      stationId: station ? String(station.id) : '',
      clientKey: randomUUID(),
    },
  };
}

/** The choices of the plan form: districts, active inspectors with the districts they cover, stations. */
async function planChoices(ctx: InspectionCtx) {
  const districts = await ctx.districts.current();
  const inspectors = await User.findAll({
    where: { role: 'inspector', active: true },
    attributes: ['id', 'fullName'],
    order: [['fullName', 'ASC']],
  });
  const links = await UserDistrict.findAll({ where: { userId: inspectors.map((i) => i.id) } });
  const codes = (id: number) => links.filter((l) => l.userId === id).map((l) => l.districtCode);
  return {
    types: INSPECTION_TYPES,
    districts: districts.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
    inspectors: inspectors.map((i) => ({ value: String(i.id), label: `${i.fullName} — ${codes(i.id).join(', ')}` })),
    stations: await stationChoices(null),
  };
}

export async function planFormLocals(req: Request, ctx: InspectionCtx) {
  if (currentUser(req).role !== 'manager') throw new ForbiddenError('inspections.refused.role');
  const stationId = typeof req.query.stationId === 'string' ? req.query.stationId : '';
  return {
    title: req.t('inspections.plan'),
    ...(await planChoices(ctx)),
    values: {
      type: 'routine',
      stationId,
      scheduledFor: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      inspectorIds: [] as string[],
    },
  };
}

/**
 * Refuses (403) the edit form of an inspection to whoever may not record on it (not one of its
 * inspectors), before the form renders; its state (409) is left to the save, as before.
 */
export async function assertMayRecord(req: Request, i: { id: number; status: InspectionStatus; districtCode: string }) {
  const v = canInspection(currentUser(req), 'record', {
    status: i.status,
    districtCode: i.districtCode,
    inspectorIds: await inspectorIdsOf(i.id),
  });
  if (!v.ok && v.status === 403) throw new ForbiddenError(v.key, v.params);
}

/**
 * Locals of the "Edit plan" form (managers, planned inspections only: 403/409 otherwise). `values` are
 * the plan as it stands now, so after a stale save they are the other person's values.
 */
export async function replanFormLocals(req: Request, ctx: InspectionCtx, id: number) {
  const u = currentUser(req);
  if (u.role !== 'manager') throw new ForbiddenError('inspections.refused.role');
  const i = await getInspection(id);
  const inspectorIds = await inspectorIdsOf(i.id);
  refuse(canInspection(u, 'replan', { status: i.status, districtCode: i.districtCode, inspectorIds }));
  const str = (v: number | null) => (v === null ? '' : String(v));
  return {
    title: req.t('inspections.replanTitle', { reference: i.reference }),
    inspection: { id: i.id, reference: i.reference, version: i.version },
    ...(await planChoices(ctx)),
    values: {
      type: i.type,
      stationId: str(i.stationId),
      districtCode: i.districtCode,
      place: i.place,
      latitude: str(i.latitude),
      longitude: str(i.longitude),
      scheduledFor: i.scheduledFor ?? '',
      inspectorIds: inspectorIds.map(String),
    },
  };
}
