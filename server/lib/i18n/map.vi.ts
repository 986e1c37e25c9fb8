import type { mapEn } from './map.en';

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };

/** Chuỗi tiếng Việt của bản đồ (cùng khóa với map.en.ts). */
export const mapVi: Leaves<typeof mapEn> = {
  map: {
    nav: 'Bản đồ', title: 'Bản đồ', region: 'Bản đồ đài, vùng phủ sóng và can nhiễu',
    intro: 'Đài, vùng phủ sóng và can nhiễu trong khung nhìn hiện tại. Bộ lọc và lớp bản đồ được giữ trong địa chỉ nên có thể chia sẻ bản đồ.',
    filters: 'Bộ lọc bản đồ', district: 'Huyện, thị xã, thành phố', anyDistrict: 'Mọi huyện', service: 'Nghiệp vụ', anyService: 'Mọi nghiệp vụ',
    licenceStatus: 'Trạng thái giấy phép', anyStatus: 'Mọi trạng thái', band: 'Băng tần', anyBand: 'Mọi băng tần',
    bands: { lf: 'LF (30–300 kHz)', mf: 'MF (0,3–3 MHz)', hf: 'HF (3–30 MHz)', vhf: 'VHF (30–300 MHz)', uhf: 'UHF (0,3–3 GHz)', shf: 'SHF (3–30 GHz)', ehf: 'EHF (30–300 GHz)' },
    licensee: 'Tổ chức, cá nhân', licenseeHint: 'Tên hoặc mã số thuế; có thể gõ không dấu.', severity: 'Mức độ can nhiễu', anySeverity: 'Mọi mức độ', filterInspectionStatus: 'Trạng thái kiểm tra', filterInspectionType: 'Loại kiểm tra', anyType: 'Mọi loại',
    layers: 'Lớp bản đồ', layer: { districts: 'Huyện (tô màu)', stations: 'Đài', footprints: 'Vùng phủ sóng', conflicts: 'Can nhiễu', inspections: 'Kiểm tra' },
    choropleth: 'Tô màu huyện theo', metrics: { stations: 'Số đài', openConflicts: 'Can nhiễu chưa xử lý', overdueInspections: 'Đài quá hạn kiểm tra' },
    apply: 'Áp dụng', noScript: 'Bản đồ cần JavaScript; danh sách đài và can nhiễu có cùng các bản ghi.',
    inView: 'Trong khung nhìn', inspectionsInView: 'Cuộc kiểm tra trong khung nhìn',
    legendInspections: 'Kiểm tra (hình vuông)', legendInspection: 'Cuộc kiểm tra', legendUnlicensed: 'Nguồn phát không phép (!)',
    inspection: 'Cuộc kiểm tra', inspectionType: 'Loại', inspectionStatus: 'Trạng thái', openFindings: 'Vi phạm chưa xử lý', worstSeverity: 'nặng nhất: {{severity}}', inspectionDate: 'Ngày',
    place: 'Địa điểm', unlicensed: 'Nguồn phát không phép', openInspection: 'Mở cuộc kiểm tra {{reference}}',
    inspectionClusterTitle: '{{count}} cuộc kiểm tra ở đây: phóng to để xem', countInspections: '{{count}} cuộc kiểm tra', countInspectionsGrouped: '{{count}} cuộc kiểm tra (đã gộp: phóng to để xem từng cuộc)',
    listInspections: 'Liệt kê các cuộc kiểm tra', conflictsInView: 'Can nhiễu trong khung nhìn', stationsInView: 'Đài trong khung nhìn',
    footprint: 'Vùng phủ sóng', station: 'Đài', frequency: 'Tần số', maxRadius: 'Bán kính lớn nhất', conflict: 'Can nhiễu', kind: 'Loại',
    stationA: 'Đài A', stationB: 'Đài B', overlap: 'Vùng chồng lấn', openConflict: 'Mở can nhiễu #{{id}}',
    legendServices: 'Đài theo nghiệp vụ', legendConflicts: 'Can nhiễu theo mức độ', loadFailed: 'Không tải được một phần bản đồ. Hãy thử lại.',
    clusterTitle: '{{count}} đài tại đây: phóng to để xem', conflictClusterTitle: '{{count}} can nhiễu tại đây: phóng to để xem',
    callsign: 'Hô hiệu', licence: 'Giấy phép', erp: 'ERP', antennaHeight: 'Độ cao ăng-ten', frequencies: 'Tần số', approximate: 'gần đúng',
    listStations: 'Danh sách đài', listConflicts: 'Danh sách can nhiễu chưa xử lý',
    countStations: '{{count}} đài', countStationsGrouped: '{{count}} đài (đã gộp: phóng to để xem từng đài)', countConflicts: '{{count}} cặp can nhiễu',
    footprintsZoomIn: 'Vùng phủ sóng: phóng to đến cấp huyện để xem', countFootprints: '{{count}} vùng phủ sóng', countFootprintsTruncated: '{{count}} vùng phủ rộng nhất trong {{total}}',
    zoomInForList: 'Phóng to để liệt kê.', noneInView: 'Không có trong khung nhìn.', andMore: 'và {{count}} đài khác', andMoreInspections: 'và {{count}} cuộc kiểm tra khác', layerOff: 'Bật lớp này để liệt kê.',
    invalid: {
      bbox: 'bbox phải là minLon,minLat,maxLon,maxLat (độ), tây trước đông, nam trước bắc.', zoom: 'zoom phải là số từ 0 đến 24.',
      district: 'Mã huyện không hợp lệ.', service: 'Nghiệp vụ không hợp lệ.', status: 'Trạng thái không hợp lệ.', band: 'band phải là lf, mf, hf, vhf, uhf, shf, ehf hoặc một khoảng MHz như 87.5-108.',
      licensee: 'licensee phải là mã số hoặc tên dài tối đa 100 ký tự.', station: 'station phải là mã số đài.', assignment: 'assignment phải là mã số ấn định tần số.',
      conflict: 'conflict phải là mã số can nhiễu.', severity: 'severity phải là high, medium hoặc low.', type: 'type phải là routine, complaint, interference, follow_up hoặc unlicensed_search.', other: 'Tham số không hợp lệ.',
    },
    figures: 'Số liệu', stationsCount: 'Số đài', assignmentsCount: 'Số ấn định tần số', licencesCount: 'Giấy phép có đài tại đây',
    licencesByService: 'Giấy phép theo nghiệp vụ', licencesByStatus: 'Giấy phép theo trạng thái', openConflicts: 'Can nhiễu chưa xử lý', count: 'Số lượng',
    topStations: 'Các đài công suất lớn nhất', allStations: 'Tất cả {{count}} đài của huyện', allConflicts: 'Tất cả can nhiễu chưa xử lý của huyện',
    noConflicts: 'Huyện này không có can nhiễu chưa xử lý.', noStations: 'Huyện này chưa có đài nào.', onMap: 'Xem trên bản đồ', pair: 'Các đài',
    smallMap: 'Bản đồ: vùng phủ sóng và các đài gây can nhiễu', smallMapConflict: 'Bản đồ: hai vùng phủ sóng và vùng chồng lấn',
    smallMapHint: 'Vùng phủ sóng viền theo màu nghiệp vụ; vùng chồng lấn và đường nối tới đài can nhiễu theo màu mức độ.',
  },
};
