/**
 * Intermodulation conflicts from the register (SPEC §12, issue 16): the active assignments as the pure search
 * sees them (geo/conflicts/intermod.ts: the products, the neighbourhood, the product's width and the severity
 * rule are documented there), for the three callers of the conflict pipeline:
 * - one assignment (the upkeep on save, the live check): the register within 2 × the largest service distance
 *   of its station — every product it takes part in, as contributor or victim, has all its sites there (the
 *   contributors are pairwise within one distance, the victim within one distance of a contributor) — and
 *   the findings involving it;
 * - the whole register (the full scan's own phase): every finding, streamed victim by victim in ascending id
 *   (intermodBatches: the search holds one victim's findings at a time, the scan settles a batch at a time).
 * Each site carries its service's `intermodWindowPercent` (migration 017): as a victim, only contributors within
 * that window of its frequency mix (geo/README.md).
 * A finding becomes a conflict of kind `intermodulation`: mechanism `two_tone` or `three_tone`, the
 * interferer its first contributor (A), the others beside it, the product's figures in `intermod`, no area.
 */
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import {
  indexedIntermod,
  intermodByVictim,
  intermodFormula,
  intermodIndex,
  INTERMOD_EARTH_RADIUS_KM,
  type IntermodFinding,
  type IntermodSite,
} from '../../../geo/conflicts/intermod';
import { selectOne, selectRows, sql, type Sql } from '../../db/sql';
import { Assignment } from '../../models/Assignment';
import type { IntermodDetails } from '../../models/Conflict';
import { ACTIVE_LICENCE_STATUSES } from './conflicts.engine';

/** An intermodulation finding as the reconciliation stores it (beside the pair findings of the geo engine). */
export interface IntermodConflict {
  victimId: number;
  interfererId: number;
  secondInterfererId: number;
  thirdInterfererId: number | null;
  kind: 'intermodulation';
  mechanism: IntermodFinding['type'];
  severity: IntermodFinding['severity'];
  /** Product centre − victim centre, Hz. */
  frequencyOffsetHz: number;
  overlapKm2: 0;
  /** Share of the victim's occupied width the product covers. */
  overlapFraction: number;
  sameLicensee: boolean;
  geometry: null;
  intermod: IntermodDetails;
}

/** A register site with what the live check shows of it. */
export interface IntermodRegisterSite extends IntermodSite {
  stationName: string;
  licenceId: number | null;
}

const SiteRow = z.object({
  id: z.coerce.number().int(),
  direction: z.enum(['tx', 'rx']),
  frequencyHz: z.coerce.number(),
  occupiedLowHz: z.coerce.number(),
  occupiedHighHz: z.coerce.number(),
  latDeg: z.coerce.number(),
  lonDeg: z.coerce.number(),
  distanceKm: z.coerce.number(),
  windowPercent: z.coerce.number(),
  licenseeId: z.coerce.number().int().nullable(),
  stationName: z.string(),
  licenceId: z.coerce.number().int().nullable(),
});

function sequelizeOf(): Sequelize {
  if (!Assignment.sequelize) throw new Error('the models are not initialised');
  return Assignment.sequelize;
}

/** Active assignments (both directions) meeting `cond` (on a, s, l), with their service's distance. */
async function sitesWhere(cond: Sql, transaction?: Transaction): Promise<IntermodRegisterSite[]> {
  const rows = await selectRows(
    sequelizeOf(),
    sql`SELECT a.id AS id, a.direction AS direction, a."frequencyHz" AS "frequencyHz",
          a."occupiedLowHz" AS "occupiedLowHz", a."occupiedHighHz" AS "occupiedHighHz",
          s.latitude AS "latDeg", s.longitude AS "lonDeg", sv."intermodDistanceKm" AS "distanceKm",
          sv."intermodWindowPercent" AS "windowPercent",
          l."licenseeId" AS "licenseeId", s.name AS "stationName", s."licenceId" AS "licenceId"
        FROM assignments a JOIN stations s ON s.id = a."stationId" JOIN licences l ON l.id = s."licenceId"
          JOIN services sv ON sv.code = s.service
        WHERE l.status IN (${[...ACTIVE_LICENCE_STATUSES]}) AND ${cond}
        ORDER BY a.id`,
    SiteRow,
    { transaction },
  );
  return rows;
}

const MaxRow = z.object({ d: z.coerce.number().nullable() });

/** The largest `intermodDistanceKm` of any service. */
async function largestDistanceKm(transaction?: Transaction): Promise<number> {
  const row = await selectOne(sequelizeOf(), sql`SELECT MAX("intermodDistanceKm") AS d FROM services`, MaxRow, {
    transaction,
  });
  return row?.d ?? 0;
}

const SettingsRow = z.object({ distanceKm: z.coerce.number(), windowPercent: z.coerce.number() });

/** A service's intermodulation settings (none for an unknown service: distance 0, no window). */
export async function serviceSettings(code: string): Promise<{ distanceKm: number; windowPercent: number }> {
  const row = await selectOne(
    sequelizeOf(),
    sql`SELECT "intermodDistanceKm" AS "distanceKm", "intermodWindowPercent" AS "windowPercent"
        FROM services WHERE code = ${code}`,
    SettingsRow,
  );
  return row ?? { distanceKm: 0, windowPercent: 0 };
}

/** The active sites within `radiusKm` of a point (a box a little larger; the search measures exactly). */
function sitesAround(latDeg: number, lonDeg: number, radiusKm: number, transaction?: Transaction) {
  const dLat = (1.01 * radiusKm) / ((INTERMOD_EARTH_RADIUS_KM * Math.PI) / 180) + 1e-9;
  const dLon = dLat / Math.cos((Math.min(89.9, Math.abs(latDeg) + dLat) * Math.PI) / 180);
  return sitesWhere(
    sql`s.latitude BETWEEN ${latDeg - dLat} AND ${latDeg + dLat}
      AND s.longitude BETWEEN ${lonDeg - dLon} AND ${lonDeg + dLon}`,
    transaction,
  );
}

/** The conflict of one finding; `byId` holds its sites. */
export function intermodConflict(f: IntermodFinding, byId: Map<number, IntermodSite>): IntermodConflict {
  const [a, b, c] = f.contributorIds as [number, number, number | undefined];
  return {
    victimId: f.victimId,
    interfererId: a,
    secondInterfererId: b,
    thirdInterfererId: c ?? null,
    kind: 'intermodulation',
    mechanism: f.type,
    severity: f.severity,
    frequencyOffsetHz: f.frequencyOffsetHz,
    overlapKm2: 0,
    overlapFraction: f.overlapFraction,
    sameLicensee: f.sameLicensee,
    geometry: null,
    intermod: {
      type: f.type,
      contributors: f.contributorIds.map((id) => ({ assignmentId: id, frequencyHz: byId.get(id)?.frequencyHz ?? 0 })),
      productHz: f.productHz,
      productLowHz: f.productLowHz,
      productHighHz: f.productHighHz,
      overlapHz: f.overlapHz,
    },
  };
}

/** The ids a conflict involves: victim and contributors. */
export function intermodParties(c: IntermodConflict): number[] {
  return [
    c.victimId,
    c.interfererId,
    c.secondInterfererId,
    ...(c.thirdInterfererId === null ? [] : [c.thirdInterfererId]),
  ];
}

/** The findings involving `candidate` among `sites` (which hold everything within 2 × the largest distance of it). */
function around(candidate: IntermodSite, sites: IntermodSite[]): IntermodConflict[] {
  const byId = new Map(sites.map((s) => [s.id, s]));
  return indexedIntermod(sites, { focusId: candidate.id }).map((f) => intermodConflict(f, byId));
}

/**
 * The intermodulation conflicts of saved assignments, by id (none for one that is not active): what the
 * upkeep on save reconciles with each assignment's pair conflicts.
 */
export async function intermodOfSaved(
  ids: number[],
  transaction: Transaction,
): Promise<Map<number, IntermodConflict[]>> {
  const out = new Map<number, IntermodConflict[]>();
  if (ids.length === 0) return out;
  const own = await sitesWhere(sql`a.id IN (${ids})`, transaction);
  const reach = 2 * (await largestDistanceKm(transaction));
  for (const site of own) {
    const sites = await sitesAround(site.latDeg, site.lonDeg, reach, transaction);
    out.set(site.id, around(site, sites));
  }
  return out;
}

/**
 * The intermodulation conflicts of an unsaved candidate (the live check; its id is the caller's UNSAVED_ID and
 * `excludeId` the saved assignment it edits), with the register sites they name.
 */
export async function intermodOfUnsaved(
  candidate: Omit<IntermodSite, 'distanceKm' | 'windowPercent'> & { service: string },
  excludeId: number,
): Promise<{ conflicts: IntermodConflict[]; sites: Map<number, IntermodRegisterSite> }> {
  const settings = await serviceSettings(candidate.service);
  const site: IntermodSite = {
    id: candidate.id,
    direction: candidate.direction,
    latDeg: candidate.latDeg,
    lonDeg: candidate.lonDeg,
    frequencyHz: candidate.frequencyHz,
    occupiedLowHz: candidate.occupiedLowHz,
    occupiedHighHz: candidate.occupiedHighHz,
    distanceKm: settings.distanceKm,
    windowPercent: settings.windowPercent,
    licenseeId: candidate.licenseeId,
  };
  const reach = 2 * Math.max(site.distanceKm, await largestDistanceKm());
  const register = (await sitesAround(site.latDeg, site.lonDeg, reach)).filter((s) => s.id !== excludeId);
  return { conflicts: around(site, [...register, site]), sites: new Map(register.map((s) => [s.id, s])) };
}

/** One batch of the full scan's intermodulation phase: whole victims, ascending, with their conflicts. */
export interface IntermodBatch {
  victims: number[];
  intermod: IntermodConflict[];
}

/** A batch closes at `victims` victims, or earlier once it holds this many conflicts (a crowded cluster). */
export const INTERMOD_BATCH_CONFLICTS = 5000;

/**
 * The full scan's intermodulation phase, streamed: every active site after `afterId` searched as a victim in
 * ascending id (geo intermodByVictim over an index of the register), together with the victims of stored
 * unresolved intermodulation conflicts (settled even when nothing hits them now), in batches of at most
 * `victims` victims (fewer once they hold `maxConflicts` conflicts). Memory: the register's sites
 * and near lists, and one batch; the next batch is computed only when the caller asks for it.
 */
export async function* intermodBatches(
  afterId: number,
  victims: number,
  maxConflicts = INTERMOD_BATCH_CONFLICTS,
): AsyncGenerator<IntermodBatch> {
  const sites = await sitesWhere(sql`1 = 1`);
  const byId = new Map<number, IntermodSite>(sites.map((s) => [s.id, s]));
  const stored = (await intermodVictims()).filter((id) => id > afterId).sort((a, b) => a - b);
  let part: number[] = [];
  let found: IntermodConflict[] = [];
  let next = 0;
  const full = () => part.length >= victims || found.length >= maxConflicts;
  const take = (): IntermodBatch => {
    const batch = { victims: part, intermod: found };
    part = [];
    found = [];
    return batch;
  };
  for (const [victimId, list] of intermodByVictim(intermodIndex(sites), afterId)) {
    // The stored victims before this one (none hit now), then this one: ascending, each once.
    for (; next < stored.length && (stored[next] as number) <= victimId; next++) {
      if (stored[next] === victimId) continue;
      part.push(stored[next] as number);
      if (full()) yield take();
    }
    part.push(victimId);
    for (const f of list) found.push(intermodConflict(f, byId));
    if (full()) yield take();
  }
  for (; next < stored.length; next++) {
    part.push(stored[next] as number);
    if (full()) yield take();
  }
  if (part.length > 0) yield take();
}

/** Every intermodulation conflict of the register, by victim (all at once: for small registers and tests). */
export async function intermodOfRegister(): Promise<Map<number, IntermodConflict[]>> {
  const out = new Map<number, IntermodConflict[]>();
  for await (const batch of intermodBatches(0, Number.MAX_SAFE_INTEGER))
    for (const c of batch.intermod) {
      const list = out.get(c.victimId);
      if (list) list.push(c);
      else out.set(c.victimId, [c]);
    }
  return out;
}

const IdRow = z.object({ id: z.coerce.number().int() });

/** Victims of unresolved intermodulation conflicts (the scan settles them even when nothing hits them now). */
export async function intermodVictims(): Promise<number[]> {
  const rows = await selectRows(
    sequelizeOf(),
    sql`SELECT DISTINCT "victimAssignmentId" AS id FROM conflicts
        WHERE kind = 'intermodulation' AND status <> 'resolved'`,
    IdRow,
  );
  return rows.map((r) => r.id);
}

/** "450.1125 MHz": at least 4 decimals, at most 6 (1 Hz). */
export function mhzText(hz: number): string {
  const text = (hz / 1e6).toFixed(6).replace(/0{1,2}$/, '');
  return `${text} MHz`;
}

/** "2·f(A) − f(B) = 450.1125 MHz" or "f(A) + f(B) − f(C) = …". */
export function formulaText(d: Pick<IntermodDetails, 'type' | 'productHz'>): string {
  return `${intermodFormula(d.type)} = ${mhzText(d.productHz)}`;
}
