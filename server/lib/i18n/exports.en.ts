/** English strings of the staff exports (merged into en.ts). */
export const exportsEn = {
  exports: {
    label: 'Export',
    hint: 'The whole filtered and sorted list, all pages',
    csv: 'CSV',
    geojson: 'GeoJSON',
    kml: 'KML',
    linkLabel: 'Export this list as {{format}} (all pages)',
  },
};
