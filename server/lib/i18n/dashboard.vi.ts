import type { Messages } from './en';

/** Chuỗi tiếng Việt của bảng điều khiển (gộp vào vi.ts); cùng khóa với dashboard.en.ts. */
export const dashboardVi: Pick<Messages, 'dashboard'> = {
  dashboard: {
    nav: 'Bảng điều khiển',
    title: 'Bảng điều khiển',
    intro:
      'Tình hình cơ sở dữ liệu cấp phép ngày {{date}}. Mỗi con số mở danh sách tương ứng; mỗi bảng có thể xuất ra tệp CSV.',
    total: 'Tổng',
    licences: 'Giấy phép',
    chartAlt: 'Biểu đồ: {{title}}. Các số liệu giống hệt có trong bảng bên cạnh.',
    exportCsv: 'Xuất CSV ({{title}})',
    homeCard: 'Bảng điều khiển',
    homeCardHint:
      'Giấy phép theo trạng thái, nghiệp vụ và huyện, giấy phép sắp hết hạn, can nhiễu chưa xử lý và mức chiếm dụng băng tần.',
    cards: {
      total: 'giấy phép trong cơ sở dữ liệu',
      inForce: 'giấy phép đang có hiệu lực',
      expiring: 'hết hạn trong 90 ngày tới',
      openConflicts: 'can nhiễu chưa xử lý',
      highConflicts: 'mức độ cao',
    },
    sections: {
      licences: 'Giấy phép',
      expiring: 'Giấy phép sắp hết hạn',
      conflicts: 'Can nhiễu chưa xử lý',
      occupancy: 'Mức chiếm dụng băng tần',
      inspections: 'Kiểm tra và vi phạm',
    },
    status: {
      title: 'Giấy phép theo trạng thái',
      caption: 'Mọi giấy phép trong cơ sở dữ liệu theo trạng thái hiện tại.',
    },
    service: { title: 'Giấy phép theo nghiệp vụ và trạng thái', caption: 'Hàng: nghiệp vụ vô tuyến; cột: trạng thái.' },
    district: {
      title: 'Giấy phép theo huyện và nghiệp vụ',
      caption:
        'Giấy phép có trạng thái {{status}}: một giấy phép được tính ở mọi huyện có đài của nó, nên tổng của một huyện có thể gồm giấy phép cũng được tính ở huyện khác.',
      none: 'Chưa có đài',
      allStatuses: 'mọi trạng thái',
      allDistricts: 'Tất cả các huyện',
      statusLabel: 'Trạng thái giấy phép',
      show: 'Xem',
    },
    expiring: {
      title: 'Giấy phép sắp hết hạn',
      caption: 'Giấy phép đã cấp hoặc đang tạm đình chỉ có thời hạn kết thúc từ {{date}} đến hết khoảng thời gian.',
      window: 'Khoảng thời gian',
      within_other: 'Trong {{count, number}} ngày',
    },
    conflicts: {
      title: 'Can nhiễu chưa xử lý theo mức độ và loại',
      caption: 'Can nhiễu lãnh đạo chưa xác nhận hoặc giải quyết.',
    },
    bands: {
      title: 'Số ấn định theo mục quy hoạch băng tần',
      caption:
        'Ấn định tần số của giấy phép có trạng thái {{status}} có dải chiếm dụng chồng lên băng tần; một ấn định rộng có thể được tính ở hai mục chồng nhau.',
      band: 'Băng tần',
      services: 'Nghiệp vụ được phép',
      assignments: 'Ấn định tần số',
    },
    channels: {
      title: 'Ấn định theo tần số',
      caption:
        'Ấn định tần số của giấy phép có trạng thái {{status}}, theo tần số trung tâm. Mỗi con số mở danh sách giấy phép có dải chiếm dụng chứa tần số đó.',
      frequency: 'Tần số',
      axisMhz: 'Tần số (MHz, thang logarit)',
      show: 'Xem bảng tần số',
    },
    findings: {
      title: 'Vi phạm chưa khắc phục và quá hạn',
      caption:
        'Vi phạm theo mức độ: chưa xử lý, yêu cầu khắc phục, và quá hạn (chưa xử lý hoặc yêu cầu khắc phục, đã quá hạn khắc phục vào ngày {{date}}). Vi phạm quá hạn cũng được tính ở cột trạng thái của nó.',
      severity: 'Mức độ',
      columns: { open: 'Chưa xử lý', action_required: 'Yêu cầu khắc phục', overdue: 'Quá hạn' },
      severities: { minor: 'Nhẹ', major: 'Nghiêm trọng', critical: 'Rất nghiêm trọng' },
    },
    visits: {
      title: 'Kiểm tra đến hạn và đã thực hiện theo huyện',
      caption:
        'Đài của giấy phép đang có hiệu lực đã quá hạn hoặc sắp đến hạn kiểm tra, và các cuộc kiểm tra đã hoàn thành hoặc đã đóng trong năm nay. Số đến hạn mở danh sách đến hạn của huyện; số đã thực hiện mở các cuộc kiểm tra đã hoàn thành.',
      columns: { overdue: 'Quá hạn', due: 'Sắp đến hạn', done: 'Đã thực hiện trong năm' },
    },
  },
};
