/** Vietnamese strings of the register as of a past day (merged into vi.ts). */
export const historyVi = {
  history: {
    bannerTitle: 'Sổ đăng ký như tại cuối ngày {{date}}.',
    bannerText:
      'Giấy phép, đài và ấn định tần số được hiển thị với trạng thái và thông số của ngày đó; ' +
      'tổ chức, cá nhân được cấp phép và xung đột được hiển thị như hiện nay.',
    backToToday: 'Quay về hôm nay',
    pickerSummary: 'Xem sổ đăng ký tại một ngày trước đây',
    date: 'Ngày',
    show: 'Xem',
    future: 'Nhập ngày hôm nay ({{today}}) hoặc một ngày trước đó: sổ đăng ký của ngày tương lai chưa có.',
  },
};
