/**
 * The public register's one privacy filter (SPEC §10.1). Every public page, the public API and the open-data
 * files build what they show from these functions, and nothing else reaches them: rows go in as read from
 * the database, and only the fields listed here come out.
 * - A licensee's contact details (address, contact person, phone, e-mail, ID number, tax code) never leave.
 * - For a licensee of kind `individual` the name is replaced by "Cá nhân / Individual", station positions
 *   are rounded to 0.01° (and the station's address, a far end and any footprint follow the rounded position).
 * - Only licences in a public status exist; the others are not found (404), whoever asks.
 */
import { createHash } from 'node:crypto';
import type { Polygon } from 'geojson';

/** Listed and searchable (SPEC §10.1). */
export const LISTED_STATUSES = ['issued', 'suspended'] as const;
/** Found by number (a QR code on an old certificate never leads to a dead page). */
export const PUBLIC_STATUSES = ['issued', 'suspended', 'expired', 'revoked'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function isPublicStatus(s: string): s is PublicStatus {
  return (PUBLIC_STATUSES as readonly string[]).includes(s);
}

/** How an individual is named in public, in both languages at once (the files are not per language). */
export const INDIVIDUAL_NAME = 'Cá nhân / Individual';
/** Decimal places kept of an individual's station position. */
export const INDIVIDUAL_DECIMALS = 2;

/** What the queries read about a licence and its licensee (the licensee's contact columns are never read). */
export interface LicenceRow {
  id: number;
  number: string | null;
  revision: number;
  type: string;
  service: string;
  status: string;
  validFrom: string;
  validTo: string;
  licenseeName: string;
  licenseeKind: string;
  districtCodes?: string | null;
}

export interface StationRow {
  id: number;
  licenceId: number;
  name: string;
  callsign: string | null;
  service: string;
  stationClass: string;
  districtCode: string;
  latitude: number;
  longitude: number;
  antennaHeightM: number;
  azimuthDeg: number | null;
  erpW: number;
}

export interface AssignmentRow {
  id: number;
  stationId: number;
  direction: string;
  frequencyHz: number;
  bandwidthHz: number;
  emissionDesignator: string;
}

export interface PublicLicence {
  number: string;
  revision: number;
  type: string;
  service: string;
  status: PublicStatus;
  validFrom: string;
  validTo: string;
  licensee: { name: string; kind: string };
  districtCodes: string[];
}

export interface PublicStation {
  id: number;
  licenceNumber: string;
  name: string;
  callsign: string | null;
  service: string;
  stationClass: string;
  districtCode: string;
  latitude: number;
  longitude: number;
  /** True when the position is rounded (an individual's station). */
  positionRounded: boolean;
  antennaHeightM: number;
  azimuthDeg: number | null;
  erpW: number;
}

export interface PublicAssignment {
  id: number;
  stationId: number;
  direction: string;
  frequencyHz: number;
  bandwidthHz: number;
  emissionDesignator: string;
}

const isIndividual = (kind: string) => kind === 'individual';

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** A licence as the public may see it; null when it is not public (draft, submitted, rejected, no number). */
export function presentPublicLicence(r: LicenceRow): PublicLicence | null {
  if (!r.number || !isPublicStatus(r.status)) return null;
  const individual = isIndividual(r.licenseeKind);
  return {
    number: r.number,
    revision: r.revision,
    type: r.type,
    service: r.service,
    status: r.status,
    validFrom: r.validFrom,
    validTo: r.validTo,
    licensee: { name: individual ? INDIVIDUAL_NAME : r.licenseeName.normalize('NFC'), kind: r.licenseeKind },
    districtCodes: (r.districtCodes ?? '').split(',').filter(Boolean).sort(),
  };
}

/** A station as the public may see it: an individual's position is rounded to 0.01°. */
export function presentPublicStation(s: StationRow, licence: { number: string; licenseeKind: string }): PublicStation {
  const rounded = isIndividual(licence.licenseeKind);
  return {
    id: s.id,
    licenceNumber: licence.number,
    name: s.name,
    callsign: s.callsign,
    service: s.service,
    stationClass: s.stationClass,
    districtCode: s.districtCode,
    latitude: rounded ? roundTo(s.latitude, INDIVIDUAL_DECIMALS) : s.latitude,
    longitude: rounded ? roundTo(s.longitude, INDIVIDUAL_DECIMALS) : s.longitude,
    positionRounded: rounded,
    antennaHeightM: s.antennaHeightM,
    azimuthDeg: s.azimuthDeg,
    erpW: s.erpW,
  };
}

export function presentPublicAssignment(a: AssignmentRow): PublicAssignment {
  return {
    id: a.id,
    stationId: a.stationId,
    direction: a.direction,
    frequencyHz: a.frequencyHz,
    bandwidthHz: a.bandwidthHz,
    emissionDesignator: a.emissionDesignator,
  };
}

/**
 * A stored footprint as the public may see it: for a rounded station the polygon is moved by the same offset
 * as its position, so that its centre gives away no more than the rounded position does; coordinates are
 * kept to 5 decimals (about a metre).
 */
export function presentPublicFootprint(polygon: Polygon, exact: StationRow, shown: PublicStation): Polygon {
  const dLon = shown.longitude - exact.longitude;
  const dLat = shown.latitude - exact.latitude;
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) =>
      ring.map(([lon, lat]) => [roundTo((lon ?? 0) + dLon, 5), roundTo((lat ?? 0) + dLat, 5)]),
    ),
  };
}

/** The public page of a licence, relative to the public address. */
export function publicLicencePath(number: string): string {
  return `/register/licences/${encodeURIComponent(number)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short verification code of a licence revision, printed on its certificate and shown on its public page
 * (e.g. `7KQ2-M9XD`): the first 40 bits of SHA-256 over what the certificate states about the licence, in
 * Crockford's base 32. A certificate whose code differs from the page's is not the licence in force.
 */
export function verificationCode(l: { number: string; revision: number; validFrom: string; validTo: string }): string {
  const digest = createHash('sha256')
    .update(`${l.number}|${l.revision}|${l.validFrom.slice(0, 10)}|${l.validTo.slice(0, 10)}`)
    .digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i] ?? 0);
  let out = '';
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
