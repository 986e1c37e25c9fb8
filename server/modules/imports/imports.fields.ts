/**
 * The columns of an import per record type (SPEC §10.5): the §2 JSON field names, the reference columns
 * (`licenseeExternalRef`, `licenceNumber`, `licenceExternalRef`, `stationExternalRef`), and the header names
 * people write in Vietnamese and English, from which the mapping is guessed (case, diacritics, spaces and
 * punctuation ignored; a unit in the header, "Tần số (MHz)" or `frequencyMhz`, is the column's unit).
 */
import { foldDiacritics } from '../../lib/text';
import type { ImportKind, ImportMappingValue } from '../../models/import-models';

export type UnitKind = 'frequency' | 'power';

export interface FieldSpec {
  field: string;
  /** Folded header names (letters and digits only) that mean this field. */
  aliases: string[];
  unit?: UnitKind;
}

const f = (field: string, aliases: string[], unit?: UnitKind): FieldSpec => ({ field, aliases, unit });
const ref = f('externalRef', ['externalref', 'ref', 'reference', 'mathamchieu', 'madinhdanh', 'ma']);
const service = f('service', ['service', 'nghiepvu', 'dichvu']);
const address = f('address', ['address', 'diachi']);

const STATION_FIELDS: FieldSpec[] = [
  f('licenceNumber', ['licencenumber', 'licensenumber', 'sogiayphep', 'sogp']),
  f('licenceExternalRef', ['licenceexternalref', 'licenseexternalref', 'magiayphep']),
  f('name', ['name', 'ten', 'tentram']),
  f('callsign', ['callsign', 'hohieu']),
  service,
  f('stationClass', ['stationclass', 'loaitram', 'lopdai']),
  f('latitude', ['latitude', 'lat', 'vido']),
  f('longitude', ['longitude', 'lon', 'lng', 'kinhdo']),
  f('groundElevationM', ['groundelevationm', 'groundelevation', 'docaomatdat', 'docaodiahinh']),
  address,
  f('antennaHeightM', ['antennaheightm', 'antennaheight', 'docaoanten', 'chieucaoanten']),
  f('antennaGainDbi', ['antennagaindbi', 'antennagain', 'gain', 'tangichanten', 'doloianten']),
  f('azimuthDeg', ['azimuthdeg', 'azimuth', 'phuongvi', 'gocphuongvi']),
  f('beamwidthDeg', ['beamwidthdeg', 'beamwidth', 'dorongbupsong', 'gocmo']),
  f('polarization', ['polarization', 'polarisation', 'phancuc']),
  f('txPowerW', ['txpower', 'power', 'congsuat', 'congsuatphat'], 'power'),
  f('feederLossDb', ['feederlossdb', 'feederloss', 'suyhaofeeder', 'suyhao']),
  f('equipmentModel', ['equipmentmodel', 'model', 'thietbi', 'kieuthietbi']),
  f('farEndLatitude', ['farendlatitude', 'vidodauxa']),
  f('farEndLongitude', ['farendlongitude', 'kinhdodauxa']),
];
const stationRef = f('stationExternalRef', ['stationexternalref', 'matram']);
const ASSIGNMENT_FIELDS: FieldSpec[] = [
  f('direction', ['direction', 'huong', 'chieu']),
  f('frequencyHz', ['frequency', 'freq', 'tanso', 'tansotrungtam'], 'frequency'),
  f('bandwidthHz', ['bandwidth', 'dorongbang', 'bangthong', 'dorongkenh', 'channelwidth'], 'frequency'),
  f('emissionDesignator', ['emissiondesignator', 'designator', 'emission', 'kyhieuphatxa', 'loaiphatxa']),
  f('frequencyUnit', ['frequencyunit', 'unit', 'donvi', 'donvitanso']),
];

export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = {
  licensees: [
    ref,
    f('name', ['name', 'ten', 'tentochuc', 'tenchuthe', 'hoten', 'tendonvi']),
    f('kind', ['kind', 'loai', 'loaichuthe']),
    f('taxCode', ['taxcode', 'masothue', 'mst']),
    f('idNumber', ['idnumber', 'socccd', 'cccd', 'cmnd', 'sogiayto']),
    address,
    f('contactPerson', ['contactperson', 'nguoilienhe']),
    f('phone', ['phone', 'dienthoai', 'sodienthoai', 'sdt']),
    f('email', ['email', 'thudientu']),
  ],
  licences: [
    ref,
    f('number', ['number', 'sogiayphep', 'sogp', 'licencenumber', 'licensenumber']),
    f('licenseeExternalRef', ['licenseeexternalref', 'machuthe', 'matochuc']),
    f('type', ['type', 'loaigiayphep', 'loai']),
    service,
    f('status', ['status', 'trangthai']),
    f('validFrom', ['validfrom', 'tungay', 'hieuluctu', 'ngaybatdau']),
    f('validTo', ['validto', 'denngay', 'hieulucden', 'ngayhethan']),
    f('conditions', ['conditions', 'dieukien']),
  ],
  stations: [ref, ...STATION_FIELDS],
  assignments: [ref, stationRef, ...ASSIGNMENT_FIELDS],
  // The station's columns first (its key: stationExternalRef), then the assignment's (its key: externalRef).
  register: [stationRef, ...STATION_FIELDS, ref, ...ASSIGNMENT_FIELDS],
};

/** Fields a row cannot do without (beyond what the forms' schemas require). */
export const REFERENCE_FIELDS: Partial<Record<ImportKind, string[][]>> = {
  licences: [['licenseeExternalRef']],
  stations: [['licenceNumber', 'licenceExternalRef']],
  assignments: [['stationExternalRef']],
  register: [['stationExternalRef'], ['licenceNumber', 'licenceExternalRef']],
};

/** The assignment's own columns in a `register` file (a row leaving them all empty is its station's alone). */
export const REGISTER_ASSIGNMENT_FIELDS = ['externalRef', ...ASSIGNMENT_FIELDS.map((s) => s.field)];
/** The station's columns in a `register` file (repeated on each of its rows, or left empty after the first). */
export const REGISTER_STATION_FIELDS = STATION_FIELDS.map((s) => s.field);

const UNITS: Record<UnitKind, Record<string, string>> = {
  frequency: { ghz: 'GHz', mhz: 'MHz', khz: 'kHz', hz: 'Hz' },
  power: { dbw: 'dBW', kw: 'kW', w: 'W' },
};

/** "Tần số (MHz)" → "tansomhz": folded, letters and digits only. */
export function foldHeader(h: string): string {
  return foldDiacritics(h.normalize('NFC')).replace(/[^a-z0-9]/g, '');
}

/** The unit a header names, in its parentheses or as the suffix of a field name (`frequencyMhz`). */
export function headerUnit(header: string, unit: UnitKind): string | null {
  const folded = foldHeader(header);
  const paren = /[([]\s*([^)\]]+)\s*[)\]]/.exec(header);
  const table = UNITS[unit];
  if (paren) {
    const u = table[foldHeader(paren[1] as string)];
    if (u) return u;
  }
  for (const [suffix, u] of Object.entries(table)) if (folded.endsWith(suffix)) return u;
  return null;
}

function matches(spec: FieldSpec, folded: string): boolean {
  if (spec.aliases.includes(folded) || folded === spec.field.toLowerCase()) return true;
  if (!spec.unit) return false;
  for (const suffix of Object.keys(UNITS[spec.unit]))
    if (folded.endsWith(suffix) && spec.aliases.includes(folded.slice(0, -suffix.length))) return true;
  return false;
}

/** field → header, guessed from the file's headers; a header is used for one field at most. */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ImportMappingValue {
  const out: ImportMappingValue = {};
  const used = new Set<string>();
  for (const spec of IMPORT_FIELDS[kind]) {
    const header = headers.find((h) => !used.has(h) && matches(spec, foldHeader(h)));
    if (header === undefined) continue;
    out[spec.field] = header;
    used.add(header);
  }
  return out;
}

/** The template of a record type: its header line (the §2 field names). */
export function templateHeaders(kind: ImportKind): string[] {
  return IMPORT_FIELDS[kind].map((s) => s.field).filter((x) => x !== 'frequencyUnit');
}
