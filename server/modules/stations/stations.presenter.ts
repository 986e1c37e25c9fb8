import { externalRefOf, type ListExport } from '../../lib/export';
import { kmlStyles, styleKey } from '../../lib/export/kml';
import type { Station } from '../../models/Station';

export function presentStation(s: Station) {
  return {
    id: s.id,
    licenceId: s.licenceId,
    licenceNumber: s.licence?.number ?? null,
    licenceStatus: s.licence?.status ?? null,
    licenseeName: s.licence?.licensee?.name ?? null,
    name: s.name,
    callsign: s.callsign,
    service: s.service,
    stationClass: s.stationClass,
    latitude: s.latitude,
    longitude: s.longitude,
    groundElevationM: s.groundElevationM,
    address: s.address,
    districtCode: s.districtCode,
    antennaHeightM: s.antennaHeightM,
    antennaGainDbi: s.antennaGainDbi,
    azimuthDeg: s.azimuthDeg,
    beamwidthDeg: s.beamwidthDeg,
    polarization: s.polarization,
    txPowerW: s.txPowerW,
    feederLossDb: s.feederLossDb,
    erpW: s.erpW,
    equipmentModel: s.equipmentModel,
    farEndLatitude: s.farEndLatitude,
    farEndLongitude: s.farEndLongitude,
    status: s.status,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type StationView = ReturnType<typeof presentStation>;

const STATION_COLUMNS = [
  'id',
  'externalRef',
  'licenceId',
  'licenceNumber',
  'licenceExternalRef',
  'licenseeName',
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
  'createdAt',
  'updatedAt',
] as const;

/** A station as an export row: the JSON fields, with the keys an import matches on (SPEC §10.5). */
function stationRow(s: Station) {
  const { licenceStatus: _status, version: _version, ...rest } = presentStation(s);
  return { ...rest, externalRef: externalRefOf(s), licenceExternalRef: externalRefOf(s.licence) };
}

/** The stations export (SPEC §10.3): CSV, and points as GeoJSON and KML (styled by service). */
export const STATION_EXPORT: ListExport<Station> = {
  name: 'stations',
  csv: {
    columns: STATION_COLUMNS,
    text: [
      'externalRef',
      'licenceNumber',
      'licenceExternalRef',
      'licenseeName',
      'name',
      'callsign',
      'address',
      'equipmentModel',
    ],
    row: stationRow,
  },
  features: {
    feature: (s) => ({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [s.longitude, s.latitude] },
      properties: stationRow(s),
    }),
    kml: { title: 'Tanso stations', styles: kmlStyles(), styleOf: (s) => `station-${styleKey(s.service)}` },
  },
};
