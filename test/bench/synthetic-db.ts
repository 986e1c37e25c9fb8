/**
 * Writes a synthetic register (synthetic.ts) into a migrated database for the benchmarks that need the
 * app's own queries (live check, map endpoints): one licensee per synthetic licensee id, one issued
 * licence per licensee and service, one station and one TX assignment per synthetic assignment, and the
 * stored footprint with its envelope, as the upkeep on save writes them. Bulk inserts in one
 * transaction: this is a fixture, not a path users take (they go through the services and the audit).
 */
import type { Sequelize } from 'sequelize';
import { occupiedRangeHz } from '../../geo/bandplan/check';
import { envelopeOf, footprintAt, type ServiceParams } from '../../server/modules/conflicts/conflicts.engine';
import { SERVICES, siteFacts, type SyntheticAssignment } from './synthetic';

const CHUNK = 500;

export async function loadSynthetic(
  sequelize: Sequelize,
  list: SyntheticAssignment[],
  districtOf: (lat: number, lon: number) => string,
): Promise<void> {
  const qi = sequelize.getQueryInterface();
  const now = new Date();
  const stamp = { createdAt: now, updatedAt: now, version: 0 };
  await sequelize.transaction(async (transaction) => {
    const insert = async (table: string, rows: object[]): Promise<void> => {
      for (let i = 0; i < rows.length; i += CHUNK)
        await qi.bulkInsert(table, rows.slice(i, i + CHUNK), { transaction });
    };
    const licenseeIds = [...new Set(list.map((a) => a.licenseeId))].sort((a, b) => a - b);
    await insert(
      'licensees',
      licenseeIds.map((id) => ({
        id,
        name: `Synthetic licensee ${id}`,
        kind: 'enterprise',
        address: '',
        searchText: `synthetic licensee ${id}`,
        ...stamp,
      })),
    );
    const licenceKey = (a: SyntheticAssignment) => `${a.licenseeId}:${a.service}`;
    const licences = new Map<string, number>();
    for (const a of list) if (!licences.has(licenceKey(a))) licences.set(licenceKey(a), licences.size + 1);
    await insert(
      'licences',
      [...licences].map(([k, id]) => {
        const [licenseeId, service] = k.split(':');
        return {
          id,
          number: `SYN-${id}`,
          licenseeId: Number(licenseeId),
          type: 'frequency_equipment',
          service,
          status: 'issued',
          validFrom: '2026-01-01',
          validTo: '2031-01-01',
          issuedAt: now,
          conditions: '',
          searchText: '',
          ...stamp,
        };
      }),
    );
    await insert(
      'stations',
      list.map((a) => ({
        id: a.id,
        licenceId: licences.get(licenceKey(a)),
        name: `S${a.id}`,
        service: a.service,
        stationClass: a.stationClass,
        latitude: a.latitude,
        longitude: a.longitude,
        address: '',
        districtCode: districtOf(a.latitude, a.longitude),
        antennaHeightM: a.antennaHeightM,
        antennaGainDbi: a.antennaGainDbi,
        azimuthDeg: a.azimuthDeg,
        beamwidthDeg: a.beamwidthDeg,
        txPowerW: a.txPowerW,
        feederLossDb: a.feederLossDb,
        erpW: a.erpW,
        farEndLatitude: a.farEndLatitude,
        farEndLongitude: a.farEndLongitude,
        status: 'active',
        searchText: `s${a.id}`,
        ...stamp,
      })),
    );
    await insert(
      'assignments',
      list.map((a) => {
        const occ = occupiedRangeHz(a.frequencyHz, a.bandwidthHz, null);
        return {
          id: a.id,
          stationId: a.id,
          direction: 'tx',
          frequencyHz: a.frequencyHz,
          bandwidthHz: a.bandwidthHz,
          emissionDesignator: a.emissionDesignator,
          necessaryBandwidthHz: a.bandwidthHz,
          occupiedLowHz: occ.lowHz,
          occupiedHighHz: occ.highHz,
          status: 'active',
          ...stamp,
        };
      }),
    );
    await insert(
      'assignment_footprints',
      list.map((a) => {
        const site = siteFacts(a);
        const service = SERVICES.get(a.service) as ServiceParams;
        const fp = footprintAt(site, service, service.protectedFieldDbuv);
        const env = envelopeOf(site, service, fp);
        return {
          assignmentId: a.id,
          polygon: JSON.stringify(fp.polygon),
          minLon: fp.bboxDeg[0],
          minLat: fp.bboxDeg[1],
          maxLon: fp.bboxDeg[2],
          maxLat: fp.bboxDeg[3],
          envMinLon: env[0],
          envMinLat: env[1],
          envMaxLon: env[2],
          envMaxLat: env[3],
          maxRadiusKm: fp.maxRadiusKm,
          details: JSON.stringify(fp.details),
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
  });
}
