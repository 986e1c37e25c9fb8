/**
 * SQL pieces shared by the map queries: named replacements, the station filter (district, service,
 * licence status, band, licensee, ids), the bounding-box test and the grid cell of a position.
 * The same SQL runs on SQLite and PostgreSQL.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import { foldDiacritics } from '../../lib/text';
import type { BboxDeg, StationFilter } from './map.schema';

export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private n = 0;

  /** A named replacement for a value (arrays expand to a comma list, for IN (...)). */
  bind(value: unknown): string {
    const key = `p${this.n++}`;
    this.values[key] = value;
    return `:${key}`;
  }
}

export function select<T extends object>(sequelize: Sequelize, sql: string, params: SqlParams): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: params.values });
}

/** A number from a driver value (PostgreSQL returns some aggregates as strings). */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/**
 * Conditions on a station (alias `s`). Licence conditions are `IN (SELECT …)` subqueries rather than a
 * join, so that a filtered count over 100 000 stations stays an index scan of stations.
 */
export function stationConditions(f: StationFilter, p: SqlParams, s = 's'): string[] {
  const where: string[] = [];
  if (f.districts?.length) where.push(`${s}."districtCode" IN (${p.bind(f.districts)})`);
  if (f.services?.length) where.push(`${s}.service IN (${p.bind(f.services)})`);
  if (f.stationId !== undefined) where.push(`${s}.id = ${p.bind(f.stationId)}`);
  if (f.assignmentId !== undefined)
    where.push(`${s}.id = (SELECT "stationId" FROM assignments WHERE id = ${p.bind(f.assignmentId)})`);
  if (f.statuses?.length)
    where.push(`${s}."licenceId" IN (SELECT id FROM licences WHERE status IN (${p.bind(f.statuses)}))`);
  if (f.band) {
    where.push(
      `EXISTS (SELECT 1 FROM assignments ab WHERE ab."stationId" = ${s}.id AND ab."frequencyHz" >= ${p.bind(f.band.lowHz)} AND ab."frequencyHz" < ${p.bind(f.band.highHz)})`,
    );
  }
  if (f.licensee) {
    if ('id' in f.licensee) {
      where.push(`${s}."licenceId" IN (SELECT id FROM licences WHERE "licenseeId" = ${p.bind(f.licensee.id)})`);
    } else {
      const words = f.licensee.words.map((w) => foldDiacritics(w).replace(/[\\%_]/g, '')).filter(Boolean);
      const like = words.map((w) => `le2."searchText" LIKE ${p.bind(`%${w}%`)}`);
      if (like.length)
        where.push(
          `${s}."licenceId" IN (SELECT l2.id FROM licences l2 JOIN licensees le2 ON le2.id = l2."licenseeId" WHERE ${like.join(' AND ')})`,
        );
    }
  }
  return where;
}

/** A point (columns `lat`, `lon`) inside the box. */
export function pointInBbox(lat: string, lon: string, b: BboxDeg, p: SqlParams): string {
  return `${lon} >= ${p.bind(b[0])} AND ${lon} <= ${p.bind(b[2])} AND ${lat} >= ${p.bind(b[1])} AND ${lat} <= ${p.bind(b[3])}`;
}

/**
 * The integer index of the grid cell holding a coordinate, on a fixed world grid (cells stay put as the
 * map pans). `coord + offset` is never negative, so truncation is the floor; PostgreSQL's CAST rounds, so
 * it gets FLOOR first.
 */
export function cellIndex(
  sequelize: Sequelize,
  column: string,
  offsetDeg: 90 | 180,
  cellDeg: number,
  p: SqlParams,
): string {
  const expr = `(${column} + ${offsetDeg}) / ${p.bind(cellDeg)}`;
  return sequelize.getDialect() === 'postgres' ? `CAST(FLOOR(${expr}) AS INTEGER)` : `CAST(${expr} AS INTEGER)`;
}
