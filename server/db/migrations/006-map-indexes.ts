import type { QueryInterface } from 'sequelize';

/**
 * Indexes for the map's GeoJSON layers (issue 5):
 * - stations by position with the columns the map filters on (service, district, licence): the bbox
 *   filter, the filtered count and the per-cell GROUP BY of the clustered stations layer read this
 *   covering index alone, without visiting the rows;
 * - assignments by station and frequency: the band filter (EXISTS … frequencyHz in [low, high)) and the
 *   frequencies shown in station popups;
 * - footprints by box with their radius: the footprints layer picks the widest footprints in view from
 *   this index alone (rows carry kilobytes of polygon each).
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addIndex('stations', ['latitude', 'longitude', 'service', 'districtCode', 'licenceId'], {
    name: 'stations_map_cover',
  });
  await qi.addIndex('assignments', ['stationId', 'frequencyHz'], { name: 'assignments_station_frequency' });
  await qi.addIndex('assignment_footprints', ['minLon', 'maxLon', 'minLat', 'maxLat', 'maxRadiusKm'], {
    name: 'assignment_footprints_map_cover',
  });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeIndex('assignment_footprints', 'assignment_footprints_map_cover');
  await qi.removeIndex('assignments', 'assignments_station_frequency');
  await qi.removeIndex('stations', 'stations_map_cover');
}
