/**
 * Districts: dated geography, import of boundary files, and the point → district lookup every other
 * module uses (an R-tree of bounding boxes, rebuilt when the current geography changes).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { Op, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { approximateCells } from '../../../geo/districts/approximate';
import { areaKm2, bboxDeg } from '../../../geo/districts/area';
import { createPointIndex, type PointIndex } from '../../../geo/districts/point-index';
import type { BoundaryFeature } from '../../../geo/districts/validate';
import type { Actor } from '../../lib/actor';
import { clock, todayIso } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { foldDiacritics, stripDiacritics } from '../../lib/text';
import { selectOne, sql } from '../../db/sql';
import { District, type DistrictType } from '../../models/District';
import { DEMO_BBOX, DEMO_DISTRICTS } from '../../db/seeds/demo-districts';
import { recordAudit } from '../audit/audit.service';

export interface DistrictRef {
  code: string;
  name: string;
  type: DistrictType;
  approximate: boolean;
}

export interface ImportOptions {
  source: string;
  validFrom: string;
  approximate?: boolean;
  /** Retire current districts whose code is not in the file. */
  replace?: boolean;
}

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  retired: string[];
}

const TYPE_WORDS: Record<string, DistrictType> = {
  city: 'city',
  'thành phố': 'city',
  town: 'town',
  'thị xã': 'town',
  district: 'district',
  huyện: 'district',
};

export function districtTypeOf(raw: string | null): DistrictType {
  if (!raw) return 'other';
  return TYPE_WORDS[raw.trim().toLowerCase()] ?? 'other';
}

const INDEX_RECHECK_MS = 5000;

/** What changes when the current districts change (`m`: a Date on PostgreSQL, text on SQLite; only compared). */
const StampRow = z.object({ n: z.coerce.number().int(), m: z.unknown(), i: z.coerce.number().int().nullable() });

export class DistrictService {
  private index: PointIndex<DistrictRef> | null = null;
  private stamp = '';
  private checkedAt = 0;

  constructor(private readonly sequelize: Sequelize) {}

  current(): Promise<District[]> {
    return District.findAll({ where: { validTo: null }, order: [['code', 'ASC']] });
  }

  async list(q?: string): Promise<District[]> {
    const rows = await this.current();
    if (!q) return rows;
    const needle = foldDiacritics(q);
    return rows.filter(
      (d) =>
        d.code === q.trim() || foldDiacritics(d.name).includes(needle) || foldDiacritics(d.nameAscii).includes(needle),
    );
  }

  async getByCode(code: string): Promise<District> {
    const d = await District.findOne({ where: { code, validTo: null } });
    if (!d) throw new NotFoundError('errors.districtNotFound', { code });
    return d;
  }

  historyOf(code: string): Promise<District[]> {
    return District.findAll({ where: { code, validTo: { [Op.ne]: null } }, order: [['validFrom', 'DESC']] });
  }

  async existingCodes(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await District.findAll({ where: { code: codes, validTo: null }, attributes: ['code'] });
    return new Set(rows.map((r) => r.code));
  }

  async featureCollection(): Promise<FeatureCollection<Polygon | MultiPolygon>> {
    const rows = await this.current();
    return {
      type: 'FeatureCollection',
      features: rows.map((d): Feature<Polygon | MultiPolygon> => ({
        type: 'Feature',
        id: d.code,
        geometry: d.geometry as Polygon | MultiPolygon,
        properties: {
          code: d.code,
          name: d.name,
          nameAscii: d.nameAscii,
          type: d.type,
          areaKm2: d.areaKm2,
          approximate: d.approximate,
          validFrom: d.validFrom,
        },
      })),
    };
  }

  /** The current district containing a point, or null. */
  async lookup(latDeg: number, lonDeg: number): Promise<DistrictRef | null> {
    const index = await this.pointIndex();
    return index.lookup(latDeg, lonDeg);
  }

  /** Forgets the cached index (after an import in this process). */
  invalidate(): void {
    this.index = null;
    this.stamp = '';
  }

  private async currentStamp(): Promise<string> {
    const row = await selectOne(
      this.sequelize,
      sql`SELECT COUNT(*) AS n, MAX("updatedAt") AS m, MAX("id") AS i FROM districts WHERE "validTo" IS NULL`,
      StampRow,
    );
    return `${row?.n}:${String(row?.m)}:${row?.i}`;
  }

  private async pointIndex(): Promise<PointIndex<DistrictRef>> {
    const now = clock.now().getTime();
    if (this.index && now - this.checkedAt < INDEX_RECHECK_MS) return this.index;
    // Another process may have imported districts: rebuild when the current set changed.
    const stamp = await this.currentStamp();
    this.checkedAt = now;
    if (this.index && stamp === this.stamp) return this.index;
    const rows = await this.current();
    this.index = createPointIndex(
      rows.map((d) => ({
        geometry: d.geometry as Polygon | MultiPolygon,
        value: { code: d.code, name: d.name, type: d.type, approximate: d.approximate },
      })),
    );
    this.stamp = stamp;
    return this.index;
  }

  /**
   * Upserts validated boundaries in one transaction. A district whose geometry, name or type changed
   * gets a new dated row and the old one is closed (validTo = validFrom of the import).
   */
  async importBoundaries(features: BoundaryFeature[], options: ImportOptions, actor: Actor): Promise<ImportSummary> {
    const summary: ImportSummary = { created: [], updated: [], unchanged: [], retired: [] };
    await this.sequelize.transaction(async (transaction) => {
      for (const f of features) {
        const attrs = {
          code: f.code,
          name: f.name,
          nameAscii: f.nameAscii ?? stripDiacritics(f.name),
          type: districtTypeOf(f.type),
          geometry: f.geometry,
          ...(() => {
            const [minLon, minLat, maxLon, maxLat] = bboxDeg(f.geometry);
            return { minLon, minLat, maxLon, maxLat };
          })(),
          areaKm2: areaKm2(f.geometry),
          approximate: options.approximate ?? false,
          source: options.source,
          validFrom: options.validFrom,
          validTo: null,
        };
        const current = await District.findOne({ where: { code: f.code, validTo: null }, transaction });
        if (
          current &&
          current.name === attrs.name &&
          current.type === attrs.type &&
          current.approximate === attrs.approximate &&
          JSON.stringify(current.geometry) === JSON.stringify(attrs.geometry)
        ) {
          summary.unchanged.push(f.code);
          continue;
        }
        const before = current
          ? {
              name: current.name,
              type: current.type,
              approximate: current.approximate,
              areaKm2: current.areaKm2,
              source: current.source,
              validFrom: current.validFrom,
            }
          : null;
        if (current && current.validFrom >= options.validFrom) {
          // Same day (or a back-dated file): replace the current row in place.
          await current.update(attrs, { transaction });
        } else {
          if (current) await current.update({ validTo: options.validFrom }, { transaction });
          await District.create(attrs, { transaction });
        }
        (current ? summary.updated : summary.created).push(f.code);
        await recordAudit(transaction, {
          actor,
          entity: 'district',
          entityId: f.code,
          action: current ? 'update' : 'create',
          before,
          after: {
            name: attrs.name,
            type: attrs.type,
            approximate: attrs.approximate,
            areaKm2: Math.round(attrs.areaKm2 * 100) / 100,
            source: attrs.source,
            validFrom: attrs.validFrom,
          },
        });
      }
      if (options.replace) {
        const codes = features.map((f) => f.code);
        const stale = await District.findAll({ where: { validTo: null, code: { [Op.notIn]: codes } }, transaction });
        for (const d of stale) {
          await d.update({ validTo: options.validFrom }, { transaction });
          summary.retired.push(d.code);
          await recordAudit(transaction, {
            actor,
            entity: 'district',
            entityId: d.code,
            action: 'retire',
            changes: { validTo: { before: null, after: options.validFrom } },
          });
        }
      }
    });
    this.invalidate();
    return summary;
  }

  /** Approximate demo cells from the centre points of SPEC §8 (only when no district exists). */
  async ensureDemoDistricts(actor: Actor): Promise<ImportSummary | null> {
    if ((await District.count()) > 0) return null;
    const cells = approximateCells(
      DEMO_DISTRICTS.map((d) => ({ code: d.code, latDeg: d.latDeg, lonDeg: d.lonDeg })),
      DEMO_BBOX,
    );
    const features: BoundaryFeature[] = DEMO_DISTRICTS.flatMap((d) => {
      const geometry = cells.get(d.code);
      return geometry ? [{ code: d.code, name: d.name, nameAscii: null, type: d.type, geometry }] : [];
    });
    return this.importBoundaries(
      features,
      {
        source: 'Approximate Voronoi cells from district centre points (demo; not official boundaries)',
        validFrom: todayIso(),
        approximate: true,
      },
      actor,
    );
  }
}
