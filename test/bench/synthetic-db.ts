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
import { searchTextOf } from '../../server/lib/search';
import { foldDiacritics } from '../../server/lib/text';
import { SERVICES, siteFacts, type SyntheticAssignment } from './synthetic';

const CHUNK = 500;

/** Parts of the synthetic licensees' names (Vietnamese, with diacritics), for the name searches of the benches. */
export const NAME_PARTS = {
  forms: ['Công ty TNHH', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân', 'Hợp tác xã', 'Trung tâm', 'Chi nhánh'],
  trades: [
    'Viễn thông',
    'Phát thanh',
    'Truyền hình',
    'Vận tải',
    'Xây dựng',
    'Thương mại',
    'Dịch vụ',
    'Điện lực',
    'Cà phê',
    'Cao su',
    'Thủy điện',
    'Taxi',
    'Bảo vệ',
    'Khoáng sản',
    'Lâm nghiệp',
  ],
  brands: [
    'Hoàng Long',
    'Minh Phát',
    'Thành Công',
    'Phú Quý',
    'An Khang',
    'Tân Tiến',
    'Hưng Thịnh',
    'Đại Việt',
    'Nam Á',
    'Sao Mai',
    'Bình Minh',
    'Trường Sơn',
    'Hồng Đức',
    'Thiên Ân',
    'Việt Thắng',
    'Quang Trung',
    'Ngọc Lan',
    'Kim Cương',
    'Đông Á',
    'Tiến Đạt',
  ],
  places: [
    'Đắk Lắk',
    'Buôn Ma Thuột',
    'Krông Pắc',
    'Ea Kar',
    "Cư M'gar",
    'Lắk',
    'Krông Búk',
    "Ea H'leo",
    'Tây Nguyên',
    'Buôn Hồ',
    'Krông Năng',
    'M’Đrắk',
    'Ea Súp',
  ],
  people: ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Dũng', 'Phạm Thị Hường', 'Y Kriêng Niê', 'H’Hen Êban'],
};

/** The synthetic licensee `id`: every tenth an individual, the others companies with names from NAME_PARTS. */
export function syntheticLicensee(id: number): { name: string; kind: 'enterprise' | 'individual' } {
  const { forms, trades, brands, places, people } = NAME_PARTS;
  const at = <T>(list: T[], k: number): T => list[k % list.length] as T;
  if (id % 10 === 0) return { name: `${at(people, id)} ${id}`, kind: 'individual' };
  const brand = at(brands, id * 3 + Math.floor(id / 20));
  return { name: `${at(forms, id)} ${at(trades, id * 7)} ${brand} ${at(places, id * 11)}`, kind: 'enterprise' };
}

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
      licenseeIds.map((id) => {
        const { name, kind } = syntheticLicensee(id);
        // Bulk inserts bypass the model, which folds the name for the public search (migration 015).
        return {
          id,
          name,
          kind,
          address: '',
          searchText: searchTextOf(name),
          nameFolded: foldDiacritics(name),
          ...stamp,
        };
      }),
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
          searchText: searchTextOf(`SYN-${id}`, syntheticLicensee(Number(licenseeId)).name),
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
  // Planner statistics after the bulk load, as after any bulk seeding (the app analyses SQLite at its start too).
  await sequelize.query('ANALYZE');
}
