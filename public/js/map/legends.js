// The legends under the /map page's map: service colours, conflict severities, inspection squares.
import { INSPECTION_COLOURS, SERVICE_COLOURS, SEVERITY_COLOURS, legendBox } from '../tanso-map.js';

/** The legend boxes, each colour beside its word (`t`: the page's translator). */
export function mapLegends(t) {
  return [
    legendBox(
      t('map.legendServices'),
      Object.entries(SERVICE_COLOURS).map(([k, c]) => [c, t(`svc.${k}`)]),
    ),
    legendBox(
      t('map.legendConflicts'),
      Object.entries(SEVERITY_COLOURS).map(([k, c]) => [c, t(`sev.${k}`), 'line']),
    ),
    legendBox(t('map.legendInspections'), [
      [INSPECTION_COLOURS.inspection, t('map.legendInspection')],
      [INSPECTION_COLOURS.unlicensed, t('map.legendUnlicensed')],
    ]),
  ];
}
