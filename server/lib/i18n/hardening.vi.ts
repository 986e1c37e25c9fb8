import type { hardeningEn } from './hardening.en';

/** Chuỗi tiếng Việt về kiểm tra dữ liệu vào và tình trạng dịch vụ (gộp vào vi.ts). */
export const hardeningVi: typeof hardeningEn = {
  input: {
    badCharacter: 'Nội dung có ký tự không thể lưu (byte NUL hoặc văn bản lỗi).',
    badRequest: 'Yêu cầu có ký tự không đọc được (byte NUL hoặc văn bản lỗi) trong {{where}}.',
    badUpload: 'Tệp tải lên bị ngắt giữa chừng hoặc không đọc được. Hãy gửi lại biểu mẫu.',
    control: 'Hãy xóa các ký tự điều khiển hoặc ký tự đổi chiều văn bản không nhìn thấy.',
    visible: 'Hãy nhập ít nhất một ký tự nhìn thấy được.',
    surrogate: 'Nội dung có văn bản lỗi (nửa cặp surrogate). Hãy nhập lại.',
  },
  issuedRevision: {
    inForce: 'Đang có hiệu lực: cấp ngày {{date}}',
    inForceShort: 'đang có hiệu lực, cấp ngày {{date}}',
  },
};
