/**
 * Inspections: logging in the field (idempotent by clientKey), planning, recording, completion,
 * corrections. Every change runs in one transaction with its audit row; inspectors act only in their
 * districts, and only the inspectors of an inspection record its results until it is completed.
 */
// The module's public face: the use cases live in the files below (one per concern), re-exported here for
// the routes, the other files of the module, seeds and tests.
export {
  factsOf,
  getInspection,
  getInspectionFor,
  inspectionPlain,
  inspectorIdsOf,
  refuse,
  type InspectionCtx,
} from './inspections.core';
export { logInspection, planInspection, type Logged } from './inspections.create';
export {
  addCorrection,
  correctionsOf,
  inspectionTransition,
  patchInspection,
  planOf,
  replanInspection,
  updateInspection,
} from './inspections.records';
export { addMeasurement, deleteMeasurement } from './inspections.measurements';
export { addPhotos, getPhoto } from './inspections.photos';
export { exportInspections, INSPECTION_SORTS, listInspections, type InspectionFilter } from './inspections.list';
