import type { planningEn, planningValidationEn } from './planning.en';

/** The English shape without the `_one` plural forms, which Vietnamese does not have. */
type Shape<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Shape<T[K]>;
};

/** Chuỗi tiếng Việt của công cụ tìm kênh (gộp vào vi.ts). */
export const planningVi: Shape<typeof planningEn> = {
  planning: {
    nav: 'Tìm kênh',
    title: 'Tìm kênh trống',
    intro:
      'Với vị trí, nghiệp vụ, công suất và ăng-ten dự kiến: mọi kênh của quy hoạch băng tần trong dải, được ' +
      'kiểm tra theo quy hoạch và sổ đăng ký như kiểm tra trực tiếp (cả hai chiều), kênh trống trước.',
    forStation: 'Cho đài {{name}}: bấm vào một kênh để mở biểu mẫu ấn định tần số mới đã điền sẵn.',
    withoutStation: 'Tìm không theo đài',
    fromStationHint:
      'Mở công cụ từ trang của một đài (“Tìm kênh trống”) để điền biểu mẫu theo đài đó và mở biểu mẫu ấn ' +
      'định tần số mới chỉ với một lần bấm.',
    noStationNote: 'Chưa chọn đài: mở công cụ từ trang của một đài để ấn định kênh chỉ với một lần bấm.',
    site: 'Vị trí dự kiến',
    channels: 'Kênh',
    from: 'Từ',
    to: 'Đến',
    rangeHint: 'Kèm đơn vị, ví dụ 150 MHz. Tối đa {{max}} kênh mỗi lần tìm.',
    find: 'Tìm kênh',
    results: 'Các kênh, tốt nhất trước',
    summary: '{{total}} kênh: {{free}} trống, {{conflicts}} có xung đột, {{notAllowed}} không được quy hoạch cho phép.',
    measured: '{{neighbours}} ấn định lân cận trong sổ, {{ms}} ms.',
    statuses: { free: 'Trống', conflicts: 'Xung đột', not_allowed: 'Không được phép' },
    conflictCount_other: '{{count}} xung đột',
    margin: 'độ dự trữ thấp nhất {{margin}} dB',
    noMargin: 'không có ấn định nào trong tầm trên hoặc cạnh kênh này',
    marginNote:
      'Độ dự trữ thấp nhất: với mọi ấn định trong sổ cùng kênh hoặc kênh lân cận, theo cả hai chiều, mức bảo vệ ' +
      'của bên bị nhiễu trừ cường độ trường mạnh nhất của bên gây nhiễu trên biên vùng phủ được bảo vệ. ' +
      'Dương: còn cách ngưỡng chừng ấy; bằng 0 hoặc âm: gây nhiễu.',
    more: '(và {{count}} mục khác)',
    use: 'Dùng {{frequency}}: mở biểu mẫu ấn định tần số mới',
    why:
      '{{kind}}, {{mechanism}}: đài dự kiến {{direction}} {{station}} ({{frequency}}); ' +
      '{{severity}}, chồng lấn {{overlap}} %',
    whyIntermod: 'Xuyên điều chế {{formula}}: đài dự kiến {{direction}} {{station}} ({{frequency}}); {{severity}}',
    chart: {
      label:
        'Các kênh dọc băng tần: số xung đột mỗi kênh; kênh trống là hình tròn ở mức 0, ' +
        'kênh không được phép là dấu chéo.',
      caption:
        'Dọc băng tần: số xung đột của mỗi kênh. Trống: hình tròn; xung đột: tam giác; không được quy hoạch ' +
        'cho phép: dấu chéo. Danh sách bên dưới có cùng các kênh.',
      x: 'Tần số (MHz)',
      y: 'Xung đột',
    },
  },
};

export const planningValidationVi: typeof planningValidationEn = {
  planningRangeOrder: 'Tần số cuối của dải phải lớn hơn tần số đầu.',
  planningTooManyChannels: 'Dải này có hơn {{max}} kênh: hãy thu hẹp lại.',
  planningNoChannels: 'Quy hoạch băng tần không có kênh nào với độ rộng này trong dải.',
};
