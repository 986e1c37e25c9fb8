import type { QueryInterface } from 'sequelize';

/**
 * Indexes for the public register's search (issue 13), so that a search that misses the answer cache is
 * answered from indexes and reads whole rows only for the page shown:
 * - licences by status and number, and by status and end of validity: the count of the licences in force
 *   and the ids of a page sorted by number or by validity read only these (the licence id is in every
 *   index on SQLite; PostgreSQL reads it from the row it keeps visible);
 * - stations by district with their licence: the district filter (licences with a station in the district)
 *   reads the index alone;
 * - assignments by width class and lower edge with the upper edge and the station: the frequency filter
 *   (public.queries.ts bandMeets) reads only this, not the rows (same expression as migration 004's index).
 */
const WIDTH_CLASS_SQL =
  'CASE' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000 THEN 1' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000 THEN 2' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 256000 THEN 3' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 1000000 THEN 4' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 4000000 THEN 5' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 16000000 THEN 6' +
  ' WHEN "occupiedHighHz" - "occupiedLowHz" <= 64000000 THEN 7' +
  ' ELSE 8 END';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.addIndex('licences', ['status', 'number'], { name: 'licences_status_number' });
  await qi.addIndex('licences', ['status', 'validTo'], { name: 'licences_status_valid_to' });
  await qi.addIndex('stations', ['districtCode', 'licenceId'], { name: 'stations_district_licence' });
  await qi.sequelize.query(
    `CREATE INDEX assignments_band_cover ON assignments ((${WIDTH_CLASS_SQL}), "occupiedLowHz", "occupiedHighHz",
      "stationId")`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.sequelize.query('DROP INDEX assignments_band_cover');
  await qi.removeIndex('stations', 'stations_district_licence');
  await qi.removeIndex('licences', 'licences_status_valid_to');
  await qi.removeIndex('licences', 'licences_status_number');
}
