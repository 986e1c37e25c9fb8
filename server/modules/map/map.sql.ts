/**
 * SQL pieces shared by the map queries, as fragments of the one SQL helper (server/db/sql.ts): the station
 * filter (district, service, licence status, band, licensee, ids), the bounding-box test and the grid cell
 * of a position. The same SQL runs on SQLite and PostgreSQL.
 */
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { sql, type Sql } from '../../db/sql';
import { foldDiacritics } from '../../lib/text';
import type { BboxDeg, StationFilter } from './map.schema';

/** A number from a driver value (PostgreSQL returns some aggregates and BIGINTs as strings). */
export const Num = z.coerce.number();

/** `WHERE a AND b …`, or nothing without conditions. */
export function whereAll(conditions: readonly Sql[]): Sql {
  const all = sql.join(conditions, ' AND ');
  return all.isEmpty ? sql.raw('') : sql`WHERE ${all}`;
}

/**
 * Conditions on a station (alias `s`). Licence conditions are `IN (SELECT …)` subqueries rather than a
 * join, so that a filtered count over 100 000 stations stays an index scan of stations.
 */
export function stationConditions(f: StationFilter, alias = 's'): Sql[] {
  const s = sql.raw(alias);
  const where: Sql[] = [];
  if (f.districts?.length) where.push(sql`${s}."districtCode" IN (${f.districts})`);
  if (f.services?.length) where.push(sql`${s}.service IN (${f.services})`);
  if (f.stationId !== undefined) where.push(sql`${s}.id = ${f.stationId}`);
  if (f.assignmentId !== undefined)
    where.push(sql`${s}.id = (SELECT "stationId" FROM assignments WHERE id = ${f.assignmentId})`);
  if (f.statuses?.length)
    where.push(sql`${s}."licenceId" IN (SELECT id FROM licences WHERE status IN (${f.statuses}))`);
  if (f.band) {
    where.push(
      sql`EXISTS (SELECT 1 FROM assignments ab WHERE ab."stationId" = ${s}.id
        AND ab."frequencyHz" >= ${f.band.lowHz} AND ab."frequencyHz" < ${f.band.highHz})`,
    );
  }
  if (f.licensee) {
    if ('id' in f.licensee) {
      where.push(sql`${s}."licenceId" IN (SELECT id FROM licences WHERE "licenseeId" = ${f.licensee.id})`);
    } else {
      const words = f.licensee.words.map((w) => foldDiacritics(w).replace(/[\\%_]/g, '')).filter(Boolean);
      const like = words.map((w) => sql`le2."searchText" LIKE ${`%${w}%`}`);
      if (like.length)
        where.push(
          sql`${s}."licenceId" IN (SELECT l2.id FROM licences l2 JOIN licensees le2 ON le2.id = l2."licenseeId"
            WHERE ${sql.join(like, ' AND ')})`,
        );
    }
  }
  return where;
}

/** A point (expressions `lat`, `lon`) inside the box. */
export function pointInBbox(lat: Sql, lon: Sql, b: BboxDeg): Sql {
  return sql`${lon} >= ${b[0]} AND ${lon} <= ${b[2]} AND ${lat} >= ${b[1]} AND ${lat} <= ${b[3]}`;
}

/**
 * The integer index of the grid cell holding a coordinate, on a fixed world grid (cells stay put as the
 * map pans). `coord + offset` is never negative, so truncation is the floor; PostgreSQL's CAST rounds, so
 * it gets FLOOR first.
 */
export function cellIndex(sequelize: Sequelize, column: Sql, offsetDeg: 90 | 180, cellDeg: number): Sql {
  const expr = sql`(${column} + ${sql.raw(String(offsetDeg))}) / ${cellDeg}`;
  return sequelize.getDialect() === 'postgres' ? sql`CAST(FLOOR(${expr}) AS INTEGER)` : sql`CAST(${expr} AS INTEGER)`;
}
