/** Staff exports (SPEC §10.3): a list's whole filtered and sorted result as CSV, GeoJSON or KML, streamed. */
export { EXPORT_BATCH, externalRefOf, inListOrder, mapBatches, orderedIds } from './batches';
export type { ExportSource, ListQuery } from './batches';
export {
  exportFileName,
  exportFormatOf,
  exportIfAsked,
  featureJson,
  formatsOf,
  sendExport,
  EXPORT_FORMATS,
} from './send';
export type { CsvSpec, ExportFormat, FeatureSpec, ListExport } from './send';
