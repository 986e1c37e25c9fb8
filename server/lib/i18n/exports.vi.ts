/** Chuỗi tiếng Việt của chức năng xuất danh sách (gộp vào vi.ts). */
export const exportsVi = {
  exports: {
    label: 'Xuất',
    hint: 'Toàn bộ danh sách đã lọc và sắp xếp, mọi trang',
    csv: 'CSV',
    geojson: 'GeoJSON',
    kml: 'KML',
    linkLabel: 'Xuất danh sách này dạng {{format}} (mọi trang)',
  },
};
