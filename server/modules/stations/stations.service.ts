/**
 * Stations under a licence: the district comes from the position (point in polygon; a site outside the
 * jurisdiction is refused), ERP from power, gain and loss (SPEC §4.1). Edits only while the licence is
 * a draft in a licensing officer's hands.
 */
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { erpW } from '../../../geo/power';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { searchTextOf, searchWhere } from '../../lib/search';
import { parseInput } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { SERVICE_CODES } from '../../models/Service';
import { Station } from '../../models/Station';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { readAsOf, registerDatabase } from '../history/history.service';
import { assertLicenceRole, canDo } from '../licences/licences.service';
import { refreshConflictsFor, resolveConflictsOf } from '../conflicts/conflicts.service';
import type { DistrictService } from '../districts/districts.service';
import { StationInput, StationUpdate } from './stations.schema';

export const STATION_SORTS = ['name', 'districtCode', 'service', 'erpW', 'updatedAt', 'createdAt'] as const;

const FIELDS = [
  'name',
  'callsign',
  'service',
  'stationClass',
  'latitude',
  'longitude',
  'groundElevationM',
  'address',
  'districtCode',
  'antennaHeightM',
  'antennaGainDbi',
  'azimuthDeg',
  'beamwidthDeg',
  'polarization',
  'txPowerW',
  'feederLossDb',
  'erpW',
  'equipmentModel',
  'farEndLatitude',
  'farEndLongitude',
  'status',
] as const;

export function stationPlain(s: Station): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, s[f]]));
}

export async function getStation(id: number, transaction?: Transaction): Promise<Station> {
  const s = Number.isInteger(id)
    ? await Station.findByPk(id, {
        include: [{ model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] }],
        transaction,
      })
    : null;
  if (!s) throw new NotFoundError('errors.stationNotFound');
  return s;
}

/** Officers edit stations of a draft licence only. */
export function checkLicenceEditable(user: CurrentUser, licence: Licence): void {
  const v = canDo(user, 'edit', licence);
  if (v.ok) return;
  if (v.status === 403) throw new ForbiddenError(v.key, v.params);
  throw new ConflictError('licences.refused.notEditable', { status: licence.status });
}

async function derive(
  districts: DistrictService,
  input: { latitude: number; longitude: number; txPowerW: number; antennaGainDbi: number; feederLossDb: number },
) {
  const d = await districts.lookup(input.latitude, input.longitude);
  if (!d)
    throw new ValidationError({
      latitude: { key: 'v.outsideJurisdiction' },
      longitude: { key: 'v.outsideJurisdiction' },
    });
  return {
    districtCode: d.code,
    districtName: d.name,
    erpW: Math.round(erpW(input.txPowerW, input.antennaGainDbi, input.feederLossDb) * 1000) / 1000,
  };
}

export interface StationFilter {
  q?: unknown;
  service?: unknown;
  district?: unknown;
  licenceId?: unknown;
  licenseeId?: unknown;
  /** The end of a past day: the register as it stood then (history.service); absent: as it is. */
  asOf?: Date | null;
  sort: { field: (typeof STATION_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

/** The list's filter and order, shared by the page, the JSON list and the export. */
function stationListQuery(f: StationFilter): ListQuery {
  const and: WhereOptions[] = [];
  const s = searchWhere(f.q);
  if (s) and.push(s);
  if (typeof f.service === 'string' && (SERVICE_CODES as readonly string[]).includes(f.service))
    and.push({ service: f.service });
  if (typeof f.district === 'string' && f.district) and.push({ districtCode: f.district });
  if (f.licenceId !== undefined && f.licenceId !== '' && Number.isInteger(Number(f.licenceId)))
    and.push({ licenceId: Number(f.licenceId) });
  const licenceWhere =
    f.licenseeId !== undefined && f.licenseeId !== '' && Number.isInteger(Number(f.licenseeId))
      ? { licenseeId: Number(f.licenseeId) }
      : undefined;
  return {
    where: { [Op.and]: and },
    include: [{ model: Licence, as: 'licence', where: licenceWhere, include: [{ model: Licensee, as: 'licensee' }] }],
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'ASC'],
    ],
    distinct: true,
  };
}

export async function listStations(f: StationFilter, page: PageRequest): Promise<{ rows: Station[]; total: number }> {
  const { rows, count } = await readAsOf(registerDatabase(), f.asOf, ({ transaction }) =>
    Station.findAndCountAll({
      ...stationListQuery(f),
      limit: page.pageSize,
      offset: page.offset,
      transaction,
    }),
  );
  return { rows, total: count };
}

/**
 * The whole filtered and sorted list, batch by batch (SPEC §10.3), handed to `send`; as of `f.asOf` when
 * given, every batch read in the one as-of transaction, which stays open until `send` has written the last.
 */
export function exportStations(
  f: StationFilter,
  send: (source: ExportSource<Station>) => Promise<void>,
): Promise<void> {
  return readAsOf(registerDatabase(), f.asOf, async ({ transaction }) =>
    send(await inListOrder(Station, stationListQuery(f), { transaction })),
  );
}

export async function createStation(
  sequelize: Sequelize,
  districts: DistrictService,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Station> {
  assertLicenceRole(user, 'edit');
  const input = parseInput(StationInput, body);
  const derived = await derive(districts, input);
  const id = await sequelize.transaction(async (transaction) => {
    const licence = await Licence.findByPk(input.licenceId, { transaction });
    if (!licence) throw new ValidationError({ licenceId: { key: 'v.licenceUnknown' } });
    checkLicenceEditable(user, licence);
    const s = await Station.create(
      {
        ...input,
        districtCode: derived.districtCode,
        erpW: derived.erpW,
        status: 'active',
        searchText: searchTextOf(input.name, input.callsign, input.address, derived.districtName, licence.number),
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'station',
      entityId: s.id,
      action: 'create',
      after: { licenceId: s.licenceId, ...stationPlain(s) },
    });
    return s.id;
  });
  return getStation(id);
}

export async function updateStation(
  sequelize: Sequelize,
  districts: DistrictService,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Station> {
  await sequelize.transaction(async (transaction) => {
    // District and ERP follow the position and power (a site outside every district is 422).
    let derived!: Awaited<ReturnType<typeof derive>>;
    const s = await updateAudited({
      transaction,
      actor,
      entity: 'station',
      load: (tx) => getStation(id, tx),
      check: (st) => checkLicenceEditable(user, st.licence as Licence),
      values: stationPlain,
      body,
      schema: StationUpdate,
      validate: async (input) => {
        derived = await derive(districts, input);
      },
      apply: async (st, change) => {
        const { districtCode, districtName } = derived;
        const searchText = searchTextOf(change.name, change.callsign, change.address, districtName, st.licence?.number);
        await st.update({ ...change, districtCode, erpW: derived.erpW, searchText }, { transaction });
      },
    });
    const ids = (await Assignment.findAll({ where: { stationId: s.id }, attributes: ['id'], transaction })).map(
      (a) => a.id,
    );
    await refreshConflictsFor(ids, transaction, actor);
  });
  return getStation(id);
}

export async function deleteStation(
  sequelize: Sequelize,
  id: number,
  version: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    const s = await getStation(id, transaction);
    checkLicenceEditable(user, s.licence as Licence);
    assertFresh(version, s);
    const assignments = await Assignment.findAll({ where: { stationId: s.id }, transaction });
    await resolveConflictsOf(
      assignments.map((a) => a.id),
      transaction,
      actor,
    );
    for (const a of assignments) {
      await a.destroy({ transaction });
      await recordAudit(transaction, {
        actor,
        entity: 'assignment',
        entityId: a.id,
        action: 'delete',
        changes: { frequencyHz: { before: a.frequencyHz, after: null } },
      });
    }
    await recordAudit(transaction, {
      actor,
      entity: 'station',
      entityId: s.id,
      action: 'delete',
      before: { licenceId: s.licenceId, ...stationPlain(s) },
      after: null,
    });
    await s.destroy({ transaction });
    return s.licenceId;
  });
}
