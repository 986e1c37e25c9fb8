import type { jobsEn } from './jobs.en';

/** Chuỗi tiếng Việt của tác vụ nền (gộp vào vi.ts). */
export const jobsVi: typeof jobsEn = {
  jobs: {
    nav: 'Tác vụ',
    title: 'Tác vụ nền',
    titleOne: 'Tác vụ #{{id}}',
    intro:
      'Công việc dài chạy ở chế độ nền: rà soát, nhập dữ liệu, tệp, nhắc việc. Lãnh đạo và quản trị viên thấy mọi tác vụ.',
    empty: 'Không có tác vụ.',
    notFound: 'Tác vụ này không tồn tại hoặc không phải của bạn.',
    kind: 'Loại',
    anyKind: 'Mọi loại',
    status: 'Trạng thái',
    anyStatus: 'Mọi trạng thái',
    who: 'Người khởi tạo',
    system: 'Lịch tự động',
    created: 'Xếp hàng lúc',
    started: 'Bắt đầu',
    finished: 'Kết thúc',
    duration: 'Thời gian',
    seconds: '{{value}} giây',
    progress: 'Tiến độ',
    progressOf: '{{done}} / {{total}}',
    attempts: 'Số lần chạy',
    attemptsOf: '{{attempts}} / {{max}}',
    result: 'Kết quả',
    error: 'Lỗi',
    cancel: 'Hủy',
    retry: 'Chạy lại',
    cancelRequested: 'Đang dừng ở điểm kiểm tra kế tiếp…',
    live: 'Trang này cập nhật tiến độ khi tác vụ đang chạy.',
    kinds: {
      'licences.expire': 'Hết hạn giấy phép',
      'conflicts.scan': 'Rà soát toàn bộ xung đột',
    },
    statuses: {
      queued: 'Đang chờ',
      running: 'Đang chạy',
      succeeded: 'Hoàn thành',
      failed: 'Thất bại',
      cancelled: 'Đã hủy',
    },
    done: {
      cancel: 'Tác vụ #{{id}}: đã yêu cầu hủy.',
      retry: 'Tác vụ #{{id}} đã được xếp hàng lại.',
    },
    refused: {
      state: 'Không thể thực hiện khi tác vụ đang ở trạng thái {{status}}.',
      duplicate: 'Tác vụ giống hệt đang chờ hoặc đang chạy.',
    },
  },
};
