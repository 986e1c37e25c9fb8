import type { inspectionsEn, inspectionValidationEn } from './inspections.en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Vietnamese strings of field inspections and findings (merged into vi.ts). */
export const inspectionsVi: Shape<typeof inspectionsEn> = {
  inspections: {
    nav: 'Kiểm tra', title: 'Kiểm tra', new: 'Ghi biên bản kiểm tra', plan: 'Lập kế hoạch kiểm tra', editTitle: 'Sửa lần kiểm tra {{reference}}', all: 'Tất cả các lần kiểm tra',
    notFound: 'Không có lần kiểm tra này.', measurementNotFound: 'Không có kết quả đo này.', photoNotFound: 'Không có ảnh này.',
    reference: 'Số hiệu', type: 'Loại', subject: 'Đài hoặc địa điểm', district: 'Huyện', inspector: 'Kiểm soát viên', inspectors: 'Kiểm soát viên',
    inspectorsHint: 'Chỉ chọn được kiểm soát viên phụ trách huyện này.', scheduledFor: 'Dự kiến ngày', performedAt: 'Thực hiện lúc', outcome: 'Kết luận', notes: 'Ghi chú',
    station: 'Đài', stationHint: 'Chọn một đài đã cấp phép, hoặc để trống nếu là địa điểm không có giấy phép.', noStation: '— không: địa điểm không có giấy phép —',
    planStationHint: 'Một đài (lấy huyện của đài), hoặc để trống và chọn huyện hoặc nhập vị trí.', planDistrictHint: 'Chỉ cần khi không có đài hoặc vị trí.',
    place: 'Địa điểm', placeHint: 'Địa chỉ hoặc mốc, ví dụ "sân thượng số 12 Lê Duẩn".', position: 'Vị trí', positionHint: 'Nơi bạn đứng: bấm nút GPS hoặc nhập toạ độ.',
    latitude: 'Vĩ độ', longitude: 'Kinh độ', accuracy: 'Độ chính xác GPS', useGps: 'Dùng vị trí GPS của tôi', licence: 'Giấy phép', licensed: 'Thông số được cấp phép',
    openStation: 'mở trang đài', licensedValue: 'Cấp phép: {{value}}', frequencyHint: 'Tính bằng MHz nếu không ghi đơn vị (ví dụ 455 kHz).',
    measurement: 'Kết quả đo', measurements: 'Kết quả đo', addMeasurement: 'Thêm kết quả đo', noMeasurements: 'Chưa có kết quả đo.',
    m: {
      frequency: 'Tần số đo được', frequencyError: 'Sai số tần số', bandwidth: 'Độ rộng băng tần đo được', fieldStrength: 'Cường độ trường', distance: 'Khoảng cách tới ăng-ten',
      erp: 'ERP quan sát', antennaHeight: 'Độ cao ăng-ten', azimuth: 'Góc phương vị', equipment: 'Thiết bị thấy tại chỗ', note: 'Ghi chú', other: 'Số liệu khác',
    },
    photos: {
      title: 'Ảnh', label: 'Ảnh', hint: 'JPG, PNG hoặc WebP; mỗi ảnh tối đa 5 MB, tối đa 20 ảnh mỗi lần kiểm tra.', upload: 'Tải ảnh lên', none: 'Chưa có ảnh.',
      alt: 'Ảnh {{n}} của lần kiểm tra {{reference}}', tooLarge: 'Có ảnh lớn hơn {{mb}} MB. Hãy giảm kích thước (độ phân giải) rồi thử lại.',
      tooMany: 'Mỗi lần kiểm tra có tối đa {{max}} ảnh.',
    },
    submit: 'Lưu lần kiểm tra', logged: 'Đã lưu lần kiểm tra {{reference}}.', alreadyLogged: 'Lần kiểm tra {{reference}} đã đến trước đó; không có gì bị thêm hai lần.',
    replan: 'Sửa kế hoạch', replanTitle: 'Sửa kế hoạch kiểm tra {{reference}}', replanSave: 'Lưu kế hoạch', replanned: 'Đã lưu kế hoạch kiểm tra {{reference}}.',
    replanHint: 'Đổi ngày, loại, đài hoặc địa điểm và kiểm soát viên khi lần kiểm tra chưa bắt đầu. Kiểm soát viên bị bỏ ra sẽ không còn thấy lần kiểm tra này là của mình.',
    planned: 'Đã lập kế hoạch kiểm tra {{reference}}.', saved: 'Đã lưu lần kiểm tra.', measurementAdded: 'Đã thêm kết quả đo.', measurementDeleted: 'Đã xoá kết quả đo.',
    photosAdded: 'Đã thêm ảnh.', corrected: 'Đã ghi nhận đính chính.',
    done: { complete: 'Đã hoàn thành lần kiểm tra.', cancel: 'Đã huỷ lần kiểm tra.', close: 'Đã đóng lần kiểm tra.' },
    complete: 'Hoàn thành kiểm tra', cancel: 'Huỷ lần kiểm tra', close: 'Đóng lần kiểm tra', cancelReason: 'Lý do huỷ',
    readOnly: 'Lần kiểm tra này đã hoàn thành và không sửa được nữa. Nếu có sai sót, hãy thêm đính chính bên dưới.',
    corrections: 'Đính chính', correctionText: 'Nội dung đính chính', addCorrection: 'Thêm đính chính',
    counts: 'Các huyện: đến hạn, quá hạn và đã làm', dueSoon: 'Đến hạn trong 30 ngày', overdueCount: 'Quá hạn', doneThisYear: 'Đã làm trong năm',
    dueShown: '{{shown}} đài quá hạn nhiều nhất trong {{total}}: chọn huyện ở bộ lọc để xem các đài khác.', dueTitle: 'Đến hạn kiểm tra', nearMe: 'Sắp xếp theo khoảng cách tới tôi', sortedNear: 'Sắp theo mức quá hạn, rồi theo khoảng cách tới {{lat}}, {{lon}}.',
    overdueBy: 'Quá hạn {{days}} ngày', dueIn: 'Còn {{days}} ngày', dueOn: 'hạn {{date}}', lastOn: 'kiểm tra lần cuối {{date}}', inspect: 'Kiểm tra',
    alreadyPlanned: 'Đã có kế hoạch', nothingDue: 'Không có đài nào đến hạn trong các huyện của bạn trong 30 ngày tới.', overdue: 'Quá hạn', onlyOverdue: 'Chỉ quá hạn',
    anyDistrict: 'Mọi huyện', anyStatus: 'Mọi trạng thái', anyType: 'Mọi loại', anyInspector: 'Mọi kiểm soát viên', unlicensedPlace: 'Địa điểm không có giấy phép',
    empty: 'Không có lần kiểm tra nào phù hợp — hãy ghi lần kiểm tra đầu tiên từ danh sách đến hạn.', noneForRecord: 'Chưa có lần kiểm tra nào.',
    proposedTitle: 'Vi phạm được đề xuất', proposedHint: 'Tính bằng cách so kết quả đo với giấy phép. Xác nhận những vi phạm đúng; có thể sửa sau.',
    proposedCount: 'Có {{count}} vi phạm được đề xuất từ kết quả đo.', confirmFinding: 'Xác nhận vi phạm này',
    proposed: {
      noLicence: 'Không có giấy phép nào cho nguồn phát này.', expired: 'Giấy phép đã hết hạn ngày {{validTo}}.', suspended: 'Giấy phép đang bị đình chỉ nhưng đài vẫn phát.',
      notIssued: 'Giấy phép không có hiệu lực (trạng thái: {{status}}).', frequency: 'Sai số tần số {{errorHz}} Hz, vượt dung sai {{toleranceHz}} Hz.',
      erp: 'ERP {{measuredW}} W cao hơn mức cấp phép {{licensedW}} W là {{excessDb}} dB.', bandwidth: 'Độ rộng băng tần đo được {{measuredHz}} Hz lớn hơn mức cấp phép {{licensedHz}} Hz.',
      site: 'Vị trí đài cách vị trí cấp phép {{metres}} m.',
    },
    queue: {
      saved: 'Bản nháp được giữ trên điện thoại này.', waiting: 'Đang chờ gửi: {{count}} lần kiểm tra sẽ được gửi khi có mạng trở lại.', sending: 'Đang gửi…',
      sent: 'Đã gửi: {{reference}}.', failed: 'Không gửi được: {{message}}', restored: 'Đã khôi phục bản nháp chưa gửi của bạn.',
    },
    gps: { locating: 'Đang tìm vị trí…', found: 'Đã có vị trí (± {{accuracy}} m).', failed: 'Không có vị trí GPS: hãy nhập toạ độ.', unsupported: 'Trình duyệt không có GPS: hãy nhập toạ độ.' },
    sources: { gps: 'GPS', manual: 'nhập tay' },
    types: { routine: 'Định kỳ', complaint: 'Theo phản ánh', interference: 'Can nhiễu', follow_up: 'Kiểm tra lại', unlicensed_search: 'Tìm nguồn phát không phép' },
    statuses: { planned: 'Đã lên kế hoạch', in_progress: 'Đang thực hiện', completed: 'Đã hoàn thành', closed: 'Đã đóng', cancelled: 'Đã huỷ' },
    outcomes: { compliant: 'Chấp hành đúng', non_compliant: 'Có vi phạm' },
    refused: {
      role: 'Vai trò của bạn không làm được việc này với lần kiểm tra.', district: 'Bạn không phụ trách huyện {{district}}: kiểm soát viên chỉ làm việc ở huyện của mình.',
      notInspector: 'Chỉ kiểm soát viên của lần kiểm tra này mới ghi được kết quả.', readOnly: 'Lần kiểm tra đang ở trạng thái {{status}}: chỉ xem; hãy thêm đính chính.',
      replanState: 'Chỉ sửa được kế hoạch của lần kiểm tra chưa bắt đầu: lần này đã ở trạng thái $t(inspections.statuses.{{status}}).',
      state: 'Không làm được khi lần kiểm tra đang ở trạng thái {{status}}.', clientKey: 'Mã gửi này thuộc lần kiểm tra của người khác.',
    },
  },
  findings: {
    nav: 'Vi phạm', title: 'Vi phạm', titleOne: 'Vi phạm #{{id}}', notFound: 'Không có vi phạm này.', add: 'Thêm vi phạm', edit: 'Sửa vi phạm', noneYet: 'Không có vi phạm.',
    empty: 'Không có vi phạm nào phù hợp.', created: 'Đã ghi nhận vi phạm.', category: 'Loại vi phạm', severity: 'Mức độ', legalBasis: 'Căn cứ pháp lý', legalBasisHint: 'ví dụ Nghị định 15/2020/NĐ-CP, Điều 58',
    description: 'Mô tả', requiredAction: 'Biện pháp khắc phục', dueDate: 'Thời hạn', resolution: 'Kết quả xử lý', resolutionHint: 'Căn cứ đóng: lần kiểm tra lại hoặc bằng chứng.',
    followUp: 'lần kiểm tra lại', followUpId: 'Mã lần kiểm tra lại (ID)', sanction: 'Hình thức xử phạt', fineVnd: 'Tiền phạt', fineHint: 'Tính bằng đồng, số nguyên.',
    overdue: 'Quá hạn', onlyOverdue: 'Chỉ quá hạn', anySeverity: 'Mọi mức độ', anyCategory: 'Mọi loại',
    suspensionRequested: 'Có đề nghị đình chỉ từ kiểm tra', suspendHint: 'Một vi phạm đề nghị đình chỉ giấy phép này. Dùng nút "Đình chỉ" trong phần thao tác, kèm lý do.',
    done: { edit: 'Đã lưu vi phạm.', require_action: 'Đã yêu cầu tổ chức, cá nhân khắc phục.', resolve: 'Đã xử lý xong vi phạm.', escalate: 'Đã chuyển cấp trên.', sanction: 'Đã ghi nhận xử phạt.' },
    actions: { require_action: 'Yêu cầu khắc phục', resolve: 'Đã xử lý xong', escalate: 'Chuyển cấp trên', sanction: 'Ghi nhận xử phạt' },
    categories: {
      unlicensed_operation: 'Hoạt động không phép', expired_licence: 'Giấy phép hết hạn', frequency_deviation: 'Sai lệch tần số', excess_power: 'Vượt công suất',
      bandwidth_exceeded: 'Vượt độ rộng băng tần', location_mismatch: 'Sai vị trí', antenna_mismatch: 'Sai ăng-ten', equipment_not_approved: 'Thiết bị chưa hợp quy',
      harmful_interference: 'Gây nhiễu có hại', other: 'Khác',
    },
    severities: { minor: 'Nhẹ', major: 'Nặng', critical: 'Rất nghiêm trọng' },
    statuses: { open: 'Mới', action_required: 'Phải khắc phục', resolved: 'Đã xử lý', escalated: 'Đã chuyển cấp trên' },
    sanctions: { none: 'Không', warning: 'Cảnh cáo', fine: 'Phạt tiền', suspension_requested: 'Đề nghị đình chỉ' },
    refused: { state: 'Không làm được khi vi phạm đang ở trạng thái {{status}}.' },
  },
};

export const inspectionValidationVi: Shape<typeof inspectionValidationEn> = {
  placeNeedsPosition: 'Địa điểm không có đài phải có vị trí.', chooseInspector: 'Chọn ít nhất một kiểm soát viên.', stationUnknown: 'Không có đài này.',
  inspectorNotInDistrict: 'Mỗi kiểm soát viên phải đang hoạt động và phụ trách huyện này.', measurementEmpty: 'Nhập ít nhất một số đo.',
  photoType: '"{{name}}" không phải ảnh JPG, PNG hoặc WebP (kiểm tra theo nội dung, không theo tên tệp).', photoRequired: 'Chọn ít nhất một ảnh.',
  followUpUnknown: 'Không có lần kiểm tra lại này.', fineRequired: 'Nhập số tiền phạt.', fineOnlyForFine: 'Chỉ ghi số tiền khi phạt tiền.',
};
