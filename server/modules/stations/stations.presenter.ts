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
