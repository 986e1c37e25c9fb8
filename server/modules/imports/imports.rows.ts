/**
 * One row of an import checked by the rules of the forms (SPEC §10.5): the same zod schemas (licensees,
 * licences, stations, assignments), the district from the position, ERP, the designator decoding and the
 * band-plan check of the assignment service; references resolved by externalRef or licence number. A row
 * becomes the values to write and what to compare with the record it matches, or its errors by field.
 */
import { Op, type Transaction } from 'sequelize';
import type { z } from 'zod';
import { erpW } from '../../../geo/power';
import type { FieldMessage } from '../../lib/errors';
import { optionalText, requiredText } from '../../lib/schema-helpers';
import { searchTextOf } from '../../lib/search';
import { fieldErrorsOf } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { Licence, LICENCE_STATUSES, type LicenceStatus } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Station } from '../../models/Station';
import type { ImportKind } from '../../models/import-models';
import { AssignmentInput } from '../assignments/assignments.schema';
import { bandPlanRows, deriveAssignment } from '../assignments/assignments.service';
import type { DistrictService } from '../districts/districts.service';
import { LicenceInput } from '../licences/licences.schema';
import { LicenseeInput } from '../licensees/licensees.schema';
import { StationInput } from '../stations/stations.schema';
import { headerUnit } from './imports.fields';
import { frequencyCell, powerCellW } from './imports.units';

export type Values = Record<string, string | undefined>;
export type RowErrors = Record<string, FieldMessage>;
type Existing = Licensee | Licence | Station | Assignment;

type LicenseeWrite = LicenseeInput & { searchText: string };
type LicenceWrite = LicenceInput & { number: string | null; status: LicenceStatus };
type StationWrite = StationInput & { districtCode: string; erpW: number; searchText: string };
type AssignmentWrite = {
  stationId: number;
  direction: 'tx' | 'rx';
  frequencyHz: number;
  bandwidthHz: number;
} & Awaited<ReturnType<typeof deriveAssignment>>;

/** What a valid row does: the record it matches (null: a new one), the values to compare and to write. */
export type RowPlan = { compare: Record<string, unknown> } & (
  | { kind: 'licensees'; existing: Licensee | null; write: LicenseeWrite }
  | { kind: 'licences'; existing: Licence | null; write: LicenceWrite }
  | { kind: 'stations'; existing: Station | null; write: StationWrite }
  | { kind: 'assignments'; existing: Assignment | null; write: AssignmentWrite }
);
export type RowOutcome = { errors: RowErrors } | { plan: RowPlan };

const refText = requiredText(100);
const numberText = optionalText(32);

function zodErrors<T extends z.ZodType>(schema: T, input: unknown): { ok: z.output<T> } | { errors: RowErrors } {
  const r = schema.safeParse(input);
  return r.success ? { ok: r.data } : { errors: fieldErrorsOf(r.error) };
}

function without(errors: RowErrors, field: string): RowErrors {
  const { [field]: _dropped, ...rest } = errors;
  return rest;
}

const byRef = <T extends { externalRef: string | null }>(rows: T[]) =>
  new Map(rows.map((r) => [r.externalRef ?? '', r]));
const withRef = { externalRef: { [Op.ne]: null } };

/** The rules of one record type over the register as it stands (loaded once per run). */
export interface KindRules {
  existingByRef: Map<string, Existing>;
  row(v: Values, headers: { field: (f: string) => string | null }): Promise<RowOutcome>;
  /** Fields whose errors belong to another column (zod path → import field). */
  columnOf?: Record<string, string>;
}

/** A station an assignment row may name before it is written (a `register` file): id 0 while it is new. */
export type PendingStations = Map<string, { id: number; service: string }>;

export async function loadRules(
  kind: Exclude<ImportKind, 'register'>,
  districts: DistrictService,
  transaction?: Transaction,
  pending?: PendingStations,
): Promise<KindRules> {
  if (kind === 'licensees') {
    const existingByRef = byRef(await Licensee.findAll({ where: withRef, transaction }));
    return {
      existingByRef,
      async row(v) {
        const r = zodErrors(LicenseeInput, {
          name: v.name,
          kind: v.kind,
          taxCode: v.taxCode,
          idNumber: v.idNumber,
          address: v.address,
          contactPerson: v.contactPerson,
          phone: v.phone,
          email: v.email,
        });
        if ('errors' in r) return r;
        const i = r.ok;
        const searchText = searchTextOf(i.name, i.taxCode, i.idNumber, i.address, i.contactPerson);
        const existing = existingByRef.get(v.externalRef ?? '') ?? null;
        return { plan: { kind: 'licensees', existing, compare: i, write: { ...i, searchText } } };
      },
    };
  }
  if (kind === 'licences') {
    const licensees = byRef(await Licensee.findAll({ where: withRef, attributes: ['id', 'externalRef'], transaction }));
    const all = await Licence.findAll({ where: { [Op.or]: [withRef, { number: { [Op.ne]: null } }] }, transaction });
    const existingByRef = byRef(all.filter((l) => l.externalRef));
    const byNumber = new Map(all.filter((l) => l.number).map((l) => [l.number ?? '', l]));
    const inFile = new Set<string>();
    return {
      existingByRef,
      columnOf: { licenseeId: 'licenseeExternalRef' },
      async row(v) {
        const errors: RowErrors = {};
        const licensee = v.licenseeExternalRef ? licensees.get(v.licenseeExternalRef) : undefined;
        if (!v.licenseeExternalRef) errors.licenseeExternalRef = { key: 'v.required' };
        else if (!licensee)
          errors.licenseeExternalRef = { key: 'imports.unknownRef', params: { ref: v.licenseeExternalRef } };
        const number = numberText.safeParse(v.number);
        const status = v.status ? v.status : number.success && number.data ? 'issued' : 'draft';
        if (!(LICENCE_STATUSES as readonly string[]).includes(status)) errors.status = { key: 'v.notAllowed' };
        const r = zodErrors(LicenceInput, {
          licenseeId: licensee?.id ?? 0,
          type: v.type,
          service: v.service,
          validFrom: v.validFrom,
          validTo: v.validTo,
          conditions: v.conditions,
        });
        if (!number.success) errors.number = { key: 'v.tooLong', params: { max: 32 } };
        const existing = existingByRef.get(v.externalRef ?? '') ?? null;
        const num = number.success ? number.data : null;
        if (num && ((byNumber.has(num) && byNumber.get(num) !== existing) || inFile.has(num)))
          errors.number = { key: 'imports.numberTaken', params: { number: num } };
        if (!num && !['draft', 'submitted', 'rejected'].includes(status)) errors.number = { key: 'v.required' };
        if ('errors' in r) return { errors: { ...errors, ...without(r.errors, licensee ? '' : 'licenseeId') } };
        if (Object.keys(errors).length) return { errors };
        if (num) inFile.add(num);
        const compare = { ...r.ok, number: num, status: status as LicenceStatus };
        return { plan: { kind: 'licences', existing, compare, write: compare } };
      },
    };
  }
  if (kind === 'stations') {
    const licences = await Licence.findAll({
      where: { [Op.or]: [withRef, { number: { [Op.ne]: null } }] },
      attributes: ['id', 'number', 'externalRef'],
      transaction,
    });
    const licenceByRef = byRef(licences.filter((l) => l.externalRef));
    const licenceByNumber = new Map(licences.filter((l) => l.number).map((l) => [l.number ?? '', l]));
    const existingByRef = byRef(await Station.findAll({ where: withRef, transaction }));
    return {
      existingByRef,
      columnOf: { licenceId: 'licenceExternalRef' },
      async row(v, h) {
        const errors: RowErrors = {};
        let licence: Licence | undefined;
        if (v.licenceExternalRef) {
          licence = licenceByRef.get(v.licenceExternalRef);
          if (!licence)
            errors.licenceExternalRef = { key: 'imports.unknownRef', params: { ref: v.licenceExternalRef } };
        } else if (v.licenceNumber) {
          licence = licenceByNumber.get(v.licenceNumber);
          if (!licence) errors.licenceNumber = { key: 'imports.unknownRef', params: { ref: v.licenceNumber } };
        } else errors.licenceExternalRef = { key: 'v.required' };
        const powerHeader = h.field('txPowerW');
        const r = zodErrors(StationInput, {
          licenceId: licence?.id ?? 0,
          name: v.name,
          callsign: v.callsign,
          service: v.service,
          stationClass: v.stationClass,
          latitude: v.latitude,
          longitude: v.longitude,
          groundElevationM: v.groundElevationM,
          address: v.address,
          antennaHeightM: v.antennaHeightM,
          antennaGainDbi: v.antennaGainDbi,
          azimuthDeg: v.azimuthDeg,
          beamwidthDeg: v.beamwidthDeg,
          polarization: v.polarization,
          txPowerW:
            v.txPowerW === undefined
              ? undefined
              : powerCellW(v.txPowerW, powerHeader && headerUnit(powerHeader, 'power')),
          feederLossDb: v.feederLossDb,
          equipmentModel: v.equipmentModel,
          farEndLatitude: v.farEndLatitude,
          farEndLongitude: v.farEndLongitude,
        });
        if ('errors' in r) return { errors: { ...errors, ...without(r.errors, licence ? '' : 'licenceId') } };
        if (Object.keys(errors).length) return { errors };
        const i = r.ok;
        const d = await districts.lookup(i.latitude, i.longitude);
        if (!d)
          return {
            errors: { latitude: { key: 'v.outsideJurisdiction' }, longitude: { key: 'v.outsideJurisdiction' } },
          };
        const write = {
          ...i,
          districtCode: d.code,
          erpW: Math.round(erpW(i.txPowerW, i.antennaGainDbi, i.feederLossDb) * 1000) / 1000,
          searchText: searchTextOf(i.name, i.callsign, i.address, d.name, licence?.number),
        };
        return {
          plan: { kind: 'stations', existing: existingByRef.get(v.externalRef ?? '') ?? null, compare: i, write },
        };
      },
    };
  }
  const stations = byRef(
    await Station.findAll({ where: withRef, attributes: ['id', 'service', 'externalRef'], transaction }),
  );
  const existingByRef = byRef(await Assignment.findAll({ where: withRef, transaction }));
  const bands = await bandPlanRows(transaction);
  return {
    existingByRef,
    async row(v, h) {
      const errors: RowErrors = {};
      const station = v.stationExternalRef
        ? (pending?.get(v.stationExternalRef) ?? stations.get(v.stationExternalRef))
        : undefined;
      if (!v.stationExternalRef) errors.stationExternalRef = { key: 'v.required' };
      else if (!station)
        errors.stationExternalRef = { key: 'imports.unknownRef', params: { ref: v.stationExternalRef } };
      const unitOf = (f: string) => {
        const header = h.field(f);
        return header ? headerUnit(header, 'frequency') : null;
      };
      const freq = (f: string) =>
        v[f] === undefined ? undefined : frequencyCell(v[f] ?? '', unitOf(f), v.frequencyUnit ?? null);
      const r = zodErrors(AssignmentInput, {
        direction: v.direction?.toLowerCase(),
        frequencyHz: freq('frequencyHz'),
        bandwidthHz: freq('bandwidthHz'),
        emissionDesignator: v.emissionDesignator,
      });
      if ('errors' in r) return { errors: { ...errors, ...r.errors } };
      if (Object.keys(errors).length || !station) return { errors };
      const i = r.ok;
      const derived = await deriveAssignment(station.service, i, transaction, bands);
      const compare = {
        stationId: station.id,
        direction: i.direction,
        frequencyHz: i.frequencyHz,
        bandwidthHz: i.bandwidthHz,
        emissionDesignator: derived.emissionDesignator,
      };
      return {
        plan: {
          kind: 'assignments',
          existing: existingByRef.get(v.externalRef ?? '') ?? null,
          compare,
          write: { ...compare, ...derived },
        },
      };
    },
  };
}

/** The externalRef of a row (required, text rule, ≤ 100), or its error. */
export function externalRefOf(v: Values): { ref: string } | { error: FieldMessage } {
  const r = refText.safeParse(v.externalRef);
  if (r.success) return { ref: r.data };
  const e = fieldErrorsOf(r.error)._form;
  return { error: e ?? { key: 'v.required' } };
}

/** Whether a stored value equals the one a row brings (BIGINT may come back as text, DOUBLE as a number). */
export function sameValue(stored: unknown, incoming: unknown): boolean {
  if (incoming === null || incoming === undefined) return stored === null || stored === undefined || stored === '';
  if (stored === null || stored === undefined) return incoming === '';
  if (typeof incoming === 'number')
    return Math.abs(Number(stored) - incoming) <= 1e-9 * Math.max(1, Math.abs(incoming));
  return String(stored) === String(incoming);
}
