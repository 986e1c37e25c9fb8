import type { licensingEn } from './licensing.en';

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };

/** Chuỗi tiếng Việt của sổ cấp phép (cùng khóa với licensing.en.ts). */
export const licensingVi: Leaves<typeof licensingEn> = {
  licensees: {
    title: 'Tổ chức, cá nhân được cấp phép', new: 'Thêm tổ chức, cá nhân', edit: 'Sửa tổ chức, cá nhân', name: 'Tên', kind: 'Loại', taxCode: 'Mã số thuế', taxCodeHint: '10 chữ số, hoặc 10-3 cho chi nhánh.',
    idNumber: 'Số CCCD', idNumberHint: '9 hoặc 12 chữ số; bắt buộc với cá nhân.', address: 'Địa chỉ', contactPerson: 'Người liên hệ', phone: 'Điện thoại', email: 'Thư điện tử',
    created: 'Đã đăng ký {{name}}.', saved: 'Đã lưu {{name}}.', deleted: 'Đã xóa.', hasLicences: 'Đối tượng này có {{count}} giấy phép nên không thể xóa.',
    empty: 'Không có kết quả — hãy đăng ký đối tượng đầu tiên.', licences: 'Giấy phép', noLicences: 'Chưa có giấy phép — hãy lập giấy phép đầu tiên.', confirmDelete: 'Xóa đối tượng này?',
    kinds: { enterprise: 'Doanh nghiệp', state_agency: 'Cơ quan nhà nước', broadcaster: 'Đài phát thanh, truyền hình', public_security_defence: 'Công an, quốc phòng', individual: 'Cá nhân', other: 'Khác' },
    searchHint: 'Tên, mã số thuế hoặc địa chỉ; có dấu hoặc không dấu.', allKinds: 'Mọi loại',
  },
  licences: {
    title: 'Giấy phép', new: 'Lập giấy phép', editTitle: 'Sửa giấy phép {{name}}', draftTitle: 'Giấy phép #{{id}} (chưa cấp)', revisionTitle: 'Lần sửa đổi {{revision}}',
    number: 'Số giấy phép', revision: 'Lần sửa đổi', licensee: 'Tổ chức, cá nhân', type: 'Loại giấy phép', service: 'Nghiệp vụ', status: 'Trạng thái', validFrom: 'Có hiệu lực từ', validTo: 'Có hiệu lực đến',
    issuedAt: 'Ngày cấp', conditions: 'Điều kiện', stations: 'Đài vô tuyến điện', noStations: 'Chưa có đài — hãy thêm đài đầu tiên.', addStation: 'Thêm đài',
    created: 'Đã lập giấy phép dự thảo.', saved: 'Đã lưu giấy phép.', deleted: 'Đã xóa giấy phép dự thảo.', unnumbered: 'chưa cấp', history: 'Lịch sử', revisions: 'Các lần sửa đổi trước',
    reason: 'Lý do', note: 'Ghi chú', returnReason: 'Trả lại để sửa', rejectionReason: 'Từ chối', statusReason: 'Lý do của trạng thái hiện tại',
    warnings: 'Giấy phép có {{count}} cảnh báo quy hoạch băng tần: lãnh đạo phải xác nhận kèm ghi chú trước khi cấp.',
    acknowledged: 'Lãnh đạo đã xác nhận cảnh báo quy hoạch: {{note}}', acknowledge: 'Tôi đã xem xét các cảnh báo quy hoạch băng tần và chấp nhận', expiring: 'Hết hạn trong (ngày)',
    freqFrom: 'Tần số từ', freqTo: 'Tần số đến', freqHint: 'ví dụ 150 MHz', district: 'Huyện', anyStatus: 'Mọi trạng thái', anyService: 'Mọi nghiệp vụ', anyDistrict: 'Mọi huyện',
    empty: 'Không có giấy phép phù hợp — hãy lập giấy phép mới.', actions: 'Thao tác', snapshotOf: 'Nội dung khi bị thay thế ({{reason}}) ngày {{date}}', current: 'Phiên bản hiện hành',
    types: { frequency_equipment: 'Sử dụng tần số và thiết bị', frequency_band: 'Sử dụng băng tần' },
    statuses: { draft: 'Dự thảo', submitted: 'Chờ duyệt', issued: 'Đã cấp', rejected: 'Từ chối', suspended: 'Tạm đình chỉ', revoked: 'Thu hồi', expired: 'Hết hạn' },
    action: { edit: 'Sửa', delete: 'Xóa dự thảo', submit: 'Trình duyệt', return: 'Trả lại để sửa', reject: 'Từ chối', issue: 'Cấp giấy phép', suspend: 'Tạm đình chỉ', reinstate: 'Cho hoạt động lại', revoke: 'Thu hồi', renew: 'Gia hạn', amend: 'Sửa đổi, bổ sung' },
    done: { submit: 'Đã trình duyệt giấy phép.', return: 'Đã trả lại giấy phép cho cán bộ.', reject: 'Đã từ chối giấy phép.', issue: 'Đã cấp giấy phép.', suspend: 'Đã tạm đình chỉ giấy phép.', reinstate: 'Giấy phép hoạt động lại.', revoke: 'Đã thu hồi giấy phép.', renew: 'Đã lập hồ sơ gia hạn (lần sửa đổi mới).', amend: 'Đã lập hồ sơ sửa đổi, bổ sung (lần sửa đổi mới).' },
    refused: {
    conflicts: 'Giấy phép có {{count}} can nhiễu mức cao chưa xử lý ({{ids}}): lãnh đạo phải xác nhận hoặc giải quyết trước khi cấp.',
      role: 'Vai trò của bạn không được {{action}} giấy phép.', state: 'Giấy phép ở trạng thái {{status}} không thể {{action}}: bước này không được phép từ trạng thái hiện tại.',
      fourEyes: 'Bạn là người lập lần sửa đổi này: lãnh đạo khác phải cấp (nguyên tắc bốn mắt).', deleteIssued: 'Giấy phép đã từng được cấp không thể xóa; hãy thu hồi.',
      noStations: 'Hãy thêm ít nhất một đài trước khi trình duyệt.', notEditable: 'Giấy phép đang {{status}}: chỉ sửa đài và ấn định tần số khi là dự thảo (hãy lập sửa đổi trước).',
      warnings: 'Giấy phép có {{count}} cảnh báo quy hoạch: hãy xác nhận kèm ghi chú để cấp.',
    },
    newValidTo: 'Ngày hết hạn mới', termHint: 'Tối đa 10 năm với sử dụng tần số và thiết bị, 15 năm với băng tần.', confirm: 'Xác nhận',
  },
  stations: {
    title: 'Đài vô tuyến điện', new: 'Thêm đài', edit: 'Sửa đài', name: 'Tên đài', callsign: 'Hô hiệu', service: 'Nghiệp vụ', stationClass: 'Loại đài',
    latitude: 'Vĩ độ', longitude: 'Kinh độ', coordinateHint: '12,6667 hoặc 12°40\'00"N', groundElevation: 'Độ cao mặt đất', address: 'Địa chỉ', district: 'Huyện',
    districtComputed: 'Huyện (tính từ vị trí)', antennaHeight: 'Độ cao anten so với mặt đất', antennaGain: 'Tăng ích anten', azimuth: 'Góc phương vị', azimuthHint: 'Để trống với anten vô hướng.',
    beamwidth: 'Độ rộng búp sóng', polarization: 'Phân cực', txPower: 'Công suất máy phát', feederLoss: 'Suy hao phi đơ', erp: 'ERP', erpComputed: 'ERP (tự tính: P + G − 2,15 − L)', conflictsAsTyped: 'Xung đột của các tần số phát ({{count}}) với các giá trị này',
    equipment: 'Kiểu thiết bị', farEndLatitude: 'Vĩ độ đầu xa', farEndLongitude: 'Kinh độ đầu xa', farEnd: 'Đầu xa (chỉ với tuyến vi ba)', farEndHint: 'Chỉ với tuyến vi ba.', assignments: 'Ấn định tần số',
    noAssignments: 'Chưa có ấn định — hãy thêm tần số đầu tiên.', addAssignment: 'Thêm tần số', created: 'Đã thêm đài {{name}}.', saved: 'Đã lưu đài {{name}}.', deleted: 'Đã xóa đài.',
    empty: 'Không có đài phù hợp.', confirmDelete: 'Xóa đài này và các ấn định tần số?', licence: 'Giấy phép', position: 'Vị trí', antenna: 'Anten', radio: 'Máy phát', anyService: 'Mọi nghiệp vụ', anyDistrict: 'Mọi huyện',
    outside: 'Ngoài địa bàn quản lý', omni: 'vô hướng', searchHint: 'Tên, hô hiệu hoặc địa chỉ; có dấu hoặc không dấu.',
  },
  assignments: {
    title: 'Ấn định tần số', new: 'Thêm ấn định tần số', editTitle: 'Sửa ấn định tần số', direction: 'Chiều', frequency: 'Tần số trung tâm', frequencyHint: 'Kèm đơn vị: 160,0125 MHz',
    bandwidth: 'Độ rộng kênh', bandwidthHint: 'ví dụ 12,5 kHz', emission: 'Ký hiệu phát xạ', emissionHint: 'Theo ITU, ví dụ 11K0F3E', necessary: 'Độ rộng băng cần thiết (từ ký hiệu phát xạ)',
    occupied: 'Dải chiếm dụng', bandPlan: 'Quy hoạch băng tần', created: 'Đã thêm ấn định tần số.', createdWithWarning: 'Đã thêm ấn định tần số, có cảnh báo quy hoạch.', saved: 'Đã lưu ấn định tần số.', deleted: 'Đã xóa ấn định tần số.',
    confirmDelete: 'Xóa ấn định này?', directions: { tx: 'Phát', rx: 'Thu' },
  },
  conflicts: {
    noneFound: 'không có', wouldSuffer: 'sẽ bị nhiễu bởi', wouldCause: 'sẽ gây nhiễu cho', onThis: 'Can nhiễu của ấn định này', footprint: 'Vùng phủ', radials: 'Bán kính theo từng hướng (bước 5°)', limitedBy: 'Giới hạn bởi', threshold: 'ngưỡng', inputs: 'Số liệu đầu vào',
    title: 'Can nhiễu', detailTitle: 'Can nhiễu #{{id}}', scan: 'Quét toàn bộ', victim: 'Bị can nhiễu', interferer: 'Gây can nhiễu', kind: 'Loại', severity: 'Mức độ', status: 'Trạng thái',
    overlap: 'Vùng chồng lấn', offset: 'Độ lệch tần số', ofSmaller: 'của vùng nhỏ hơn', sameLicensee: 'cùng chủ giấy phép', note: 'Ghi chú', decide: 'Quyết định', acknowledge: 'Xác nhận', resolve: 'Đánh dấu đã giải quyết',
    model: 'Mô hình', maxRadius: 'bán kính lớn nhất', horizon: 'tầm nhìn vô tuyến', warnings: 'Cảnh báo phạm vi áp dụng', empty: 'Không có can nhiễu phù hợp.', noFootprint: 'Ấn định này không có vùng phủ (chỉ thu hoặc không hoạt động).',
    kinds: { co_channel: 'Cùng kênh', adjacent_channel: 'Kênh lân cận' }, mechanisms: { coverage_overlap: 'chồng lấn vùng phủ', interference_contour: 'đường bao can nhiễu' },
    severities: { high: 'Cao', medium: 'Trung bình', low: 'Thấp' }, statuses: { open: 'Chưa xử lý', acknowledged: 'Đã xác nhận', resolved: 'Đã giải quyết' },
    explain: {
      coverage_overlap: 'Hai vùng phủ được bảo vệ chồng lấn nhau: trong vùng chồng lấn, mỗi đài thu được đài kia ở mức bằng hoặc cao hơn cường độ trường được bảo vệ của mình.',
      interference_contour: 'Đường bao của đài gây nhiễu tại mức trường được bảo vệ của đài bị nhiễu trừ tỷ số bảo vệ đi vào vùng phủ được bảo vệ của đài bị nhiễu.',
    },
    done: { acknowledge: 'Đã xác nhận can nhiễu.', resolve: 'Đã đánh dấu can nhiễu là đã giải quyết.' },
    refused: { role: 'Chỉ lãnh đạo quyết định về can nhiễu.', state: 'Can nhiễu ở trạng thái {{status}} không thể nhận quyết định này.' },
    scanStatus: { running: 'Đang quét toàn bộ: đã kiểm tra {{done}}/{{total}} ấn định.', finished: 'Lần quét toàn bộ gần nhất đã xong', failed: 'Lần quét gần nhất bị lỗi; xem nhật ký máy chủ.' },
    scanResult: '{{assignments}} ấn định, {{findings}} can nhiễu ({{opened}} mới, {{resolved}} đã hết) trong {{seconds}} giây.',
  },
  bandPlanCheck: {
    ok: 'Nằm trong {{band}}, đúng bước kênh', warning: 'Cảnh báo quy hoạch băng tần', noBand: 'ngoài mọi mục quy hoạch', rx: 'Chỉ thu: không kiểm tra quy hoạch',
    reasons: {
      outside_plan: 'Tần số nằm ngoài mọi mục quy hoạch băng tần.', straddles_band_edge: 'Dải chiếm dụng vượt qua biên của băng tần.',
      service_not_allowed: 'Băng tần này không dành cho nghiệp vụ của đài.', off_raster: 'Tần số trung tâm không đúng bước kênh của băng tần.',
      wider_than_channel: 'Phát xạ rộng hơn độ rộng kênh.',
    },
  },
};
