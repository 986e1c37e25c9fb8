/**
 * A believable demo register for Đắk Lắk (licensees, licences in every state, stations in all 15
 * districts, assignments that follow the seeded band plan, a few deliberately off it), built through the
 * same services the app uses, so every row has its audit trail. Deterministic: one seeded PRNG, no
 * Math.random; only the dates move with `today`. Officers draft and submit, managers decide, and the
 * person who drafted a licence never issues it.
 *
 * Only for demos: runs when there are no licensees at all, and needs the demo users.
 */
import type { Sequelize } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { Licensee, type LicenseeKind } from '../../models/Licensee';
import type { LicenceStatus, LicenceType } from '../../models/Licence';
import type { ServiceCode } from '../../models/Service';
import { User } from '../../models/User';
import { createAssignment } from '../../modules/assignments/assignments.service';
import { blockingConflicts, decideConflict } from '../../modules/conflicts/conflicts.service';
import { loadActiveUser, presentCurrentUser } from '../../modules/auth/auth.service';
import { type DistrictRef, type DistrictService } from '../../modules/districts/districts.service';
import { todayIso } from '../../lib/dates';
import { createLicensee } from '../../modules/licensees/licensees.service';
import { createLicence, expireDueLicences, transition } from '../../modules/licences/licences.service';
import { addDays, addYears } from '../../lib/dates';
import { createStation } from '../../modules/stations/stations.service';
import { DEMO_DISTRICTS } from './demo-districts';
import { mulberry32 } from '../../lib/prng';

export interface DemoRegisterCounts {
  licensees: number;
  licences: number;
  stations: number;
  assignments: number;
}

const SEED = 0x0da1a4;
const MHZ = 1_000_000;
const KHZ = 1_000;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const round = (x: number, decimals: number): number => Math.round(x * 10 ** decimals) / 10 ** decimals;

// ---------------------------------------------------------------------------------------------------
// Places and people
// ---------------------------------------------------------------------------------------------------

/** Communes and wards per district (as of 2019), used to name sites and addresses. */
const PLACES: Record<string, string[]> = {
  '643': [
    'phường Tân Lợi',
    'phường Tân An',
    'phường Thành Công',
    'phường Ea Tam',
    'phường Khánh Xuân',
    'xã Hòa Thắng',
    'xã Ea Kao',
    'xã Cư Êbur',
    'xã Hòa Phú',
    'xã Ea Tu',
  ],
  '644': ['phường An Lạc', 'phường Thiện An', 'phường Đạt Hiếu', 'xã Ea Drông', 'xã Cư Bao', 'xã Ea Blang'],
  '645': ['thị trấn Ea Drăng', 'xã Ea Sol', 'xã Ea Khal', 'xã Dliê Yang', 'xã Ea Hiao', 'xã Ea Ral'],
  '646': ['thị trấn Ea Súp', 'xã Ea Rốk', 'xã Ia Lốp', 'xã Ya Tờ Mốt', "xã Cư M'lan", 'xã Ea Bung'],
  '647': ['xã Krông Na', 'xã Ea Wer', 'xã Tân Hòa', 'xã Ea Huar', 'xã Ea Nuôl', 'xã Cuôr Knia'],
  '648': ['thị trấn Quảng Phú', 'thị trấn Ea Pốk', 'xã Quảng Tiến', 'xã Ea Kpam', 'xã Cư Suê', "xã Ea M'nang"],
  '649': ['xã Pơng Drang', 'xã Cư Né', 'xã Chư Kbô', 'xã Ea Ngai', 'xã Tân Lập', 'xã Cư Pơng'],
  '650': ['thị trấn Krông Năng', 'xã Ea Tân', 'xã Phú Lộc', 'xã Ea Hồ', 'xã Tam Giang', 'xã Ea Tóh'],
  '651': ['thị trấn Ea Kar', 'thị trấn Ea Knốp', 'xã Cư Huê', 'xã Ea Đar', 'xã Cư Ni', 'xã Ea Sô'],
  '652': ["thị trấn M'Đrắk", 'xã Krông Jing', 'xã Cư Prao', 'xã Ea Trang', 'xã Ea Lai', 'xã Cư San'],
  '653': ['thị trấn Krông Kmar', 'xã Yang Mao', 'xã Cư Drăm', 'xã Hòa Sơn', 'xã Dang Kang', 'xã Cư Pui'],
  '654': ['thị trấn Phước An', 'xã Ea Yông', 'xã Ea Kly', 'xã Hòa An', 'xã Ea Phê', 'xã Krông Búk'],
  '655': ['thị trấn Buôn Trấp', 'xã Dray Sáp', 'xã Ea Na', 'xã Bình Hòa', 'xã Quảng Điền', 'xã Băng Adrênh'],
  '656': ['thị trấn Liên Sơn', 'xã Buôn Triết', 'xã Đắk Liêng', 'xã Yang Tao', 'xã Bông Krang', 'xã Krông Nô'],
  '657': ['xã Ea Bhốk', 'xã Ea Tiêu', 'xã Dray Bhăng', 'xã Hòa Hiệp', 'xã Ea Ktur', 'xã Cư Ê Wi'],
};

/**
 * Typical ground elevation (m) around each district centre: the plateau, the Ea Súp lowlands, the Chư Yang Sin massif.
 */
const ELEVATION: Record<string, [number, number]> = {
  '643': [480, 540],
  '644': [600, 720],
  '645': [520, 700],
  '646': [170, 260],
  '647': [180, 300],
  '648': [500, 620],
  '649': [560, 680],
  '650': [480, 640],
  '651': [300, 480],
  '652': [420, 650],
  '653': [480, 1100],
  '654': [460, 540],
  '655': [420, 480],
  '656': [420, 600],
  '657': [450, 530],
};

function districtLabel(d: Pick<DistrictRef, 'name' | 'type'>): string {
  return d.type === 'city' ? `TP. ${d.name}` : d.type === 'town' ? `TX. ${d.name}` : `huyện ${d.name}`;
}

const STREETS = [
  'Lê Duẩn',
  'Nguyễn Tất Thành',
  'Phan Bội Châu',
  'Lý Thường Kiệt',
  'Hùng Vương',
  'Y Jút',
  'Phan Chu Trinh',
  'Trần Hưng Đạo',
  'Ngô Quyền',
  'Hai Bà Trưng',
  'Nguyễn Chí Thanh',
  'Giải Phóng',
  'Quang Trung',
  'Lê Thánh Tông',
  'Y Wang',
];
const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Công', 'Thanh'];
const FEMALE_MIDDLE = ['Thị', 'Thị Thu', 'Thị Hồng', 'Ngọc', 'Thị Kim'];
const MALE_GIVEN = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Thắng',
  'Hải',
  'Long',
  'Phong',
  'Sơn',
  'Trung',
  'Khánh',
  'Bình',
  'Tâm',
  'Quân',
  'Nam',
];
const FEMALE_GIVEN = ['Hương', 'Lan', 'Hạnh', 'Trang', 'Thảo', 'Nga', 'Hà', 'Linh', 'Phương', 'Yến'];
const EDE_MALE = ['Y Bi', 'Y Khoa', 'Y Ngông', 'Y Thuyên', 'Y Jut', 'Y Phôn'];
const EDE_FEMALE = ['H’Hen', 'H’Ngơn', 'H’Zuin', 'H’Lim'];
const EDE_CLANS = ['Niê', 'Êban', 'Mlô', 'Ayun', 'Byă', 'Kbuôr', 'Adrơng', 'Buôn Yă'];

function personName(rng: Rng): { name: string; female: boolean } {
  const female = rng.chance(0.35);
  if (rng.chance(0.15)) return { name: `${rng.pick(female ? EDE_FEMALE : EDE_MALE)} ${rng.pick(EDE_CLANS)}`, female };
  return {
    name:
      `${rng.pick(SURNAMES)} ${rng.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)} ` +
      `${rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`,
    female,
  };
}

/** A 10-digit tax code with a valid check digit (N10 = 10 − Σ Nᵢ·wᵢ mod 11, weights 31 29 23 19 17 13 7 5 3). */
function taxCode(rng: Rng, prefix = '60'): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const body = prefix + rng.digits(9 - prefix.length);
    const sum = body.split('').reduce((s, c, i) => s + Number(c) * (weights[i] as number), 0);
    const check = 10 - (sum % 11);
    if (check >= 0 && check <= 9) return body + String(check);
  }
}

/** A 12-digit citizen ID: 066 (Đắk Lắk), a century/sex digit, two birth-year digits, six random digits. */
function citizenId(rng: Rng, female: boolean): string {
  const year = rng.int(1965, 2000);
  return `066${female ? 1 : 0}${String(year % 100).padStart(2, '0')}${rng.digits(6)}`;
}

function landline(rng: Rng): string {
  return `0262 3${rng.digits(2)} ${rng.digits(3)}`;
}

function mobile(rng: Rng): string {
  return `${rng.pick(['090', '091', '098', '097', '086', '094', '035', '038'])}${rng.digits(7)}`;
}

// ---------------------------------------------------------------------------------------------------
// What the licensees operate
// ---------------------------------------------------------------------------------------------------

type Profile =
  | 'provincial_broadcaster'
  | 'district_broadcaster'
  | 'telco'
  | 'plantation'
  | 'commune'
  | 'police'
  | 'military'
  | 'border_guard'
  | 'hospital'
  | 'hydro'
  | 'utility'
  | 'transport'
  | 'agency'
  | 'amateur';

interface LicenseeSpec {
  name: string;
  kind: LicenseeKind;
  profile: Profile;
  home: string;
  /** Taxpayer number prefix: 60 for Đắk Lắk, 01 for Hà Nội-registered groups. */
  taxPrefix?: string;
  street?: string;
  email?: string;
}

const LICENSEES: LicenseeSpec[] = [
  {
    name: 'Đài Phát thanh và Truyền hình Đắk Lắk',
    kind: 'broadcaster',
    profile: 'provincial_broadcaster',
    home: '643',
    email: 'ptth@daklak.gov.vn',
  },
  {
    name: 'Trung tâm Văn hóa, Thông tin và Thể thao huyện Krông Pắc',
    kind: 'broadcaster',
    profile: 'district_broadcaster',
    home: '654',
  },
  {
    name: 'Trung tâm Văn hóa, Thông tin và Thể thao huyện Ea Kar',
    kind: 'broadcaster',
    profile: 'district_broadcaster',
    home: '651',
  },
  {
    name: 'Trung tâm Văn hóa, Thông tin và Thể thao thị xã Buôn Hồ',
    kind: 'broadcaster',
    profile: 'district_broadcaster',
    home: '644',
  },
  {
    name: 'Viễn thông Đắk Lắk – Chi nhánh Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)',
    kind: 'enterprise',
    profile: 'telco',
    home: '643',
    taxPrefix: '01',
  },
  {
    name: 'Viettel Đắk Lắk – Chi nhánh Tập đoàn Công nghiệp – Viễn thông Quân đội',
    kind: 'enterprise',
    profile: 'telco',
    home: '643',
    taxPrefix: '01',
  },
  {
    name: 'Chi nhánh Tổng công ty Viễn thông MobiFone tại Đắk Lắk',
    kind: 'enterprise',
    profile: 'telco',
    home: '643',
    taxPrefix: '01',
  },
  { name: 'Công ty TNHH MTV Cà phê Buôn Ma Thuột', kind: 'enterprise', profile: 'plantation', home: '643' },
  { name: 'Công ty TNHH MTV Cao su Đắk Lắk', kind: 'enterprise', profile: 'plantation', home: '648' },
  { name: 'Công ty TNHH MTV Cà phê Phước An', kind: 'enterprise', profile: 'plantation', home: '654' },
  { name: 'Công ty TNHH MTV Cao su Krông Búk', kind: 'enterprise', profile: 'plantation', home: '649' },
  { name: 'Công ty Cổ phần Xuất nhập khẩu 2-9 Đắk Lắk', kind: 'enterprise', profile: 'plantation', home: '643' },
  { name: 'Công ty TNHH MTV Lâm nghiệp Ea Kar', kind: 'enterprise', profile: 'plantation', home: '651' },
  { name: 'Ủy ban nhân dân xã Ea Tu', kind: 'state_agency', profile: 'commune', home: '643' },
  { name: 'Ủy ban nhân dân xã Ea Sol', kind: 'state_agency', profile: 'commune', home: '645' },
  { name: 'Ủy ban nhân dân xã Ea Rốk', kind: 'state_agency', profile: 'commune', home: '646' },
  { name: 'Ủy ban nhân dân xã Krông Na', kind: 'state_agency', profile: 'commune', home: '647' },
  { name: 'Ủy ban nhân dân xã Quảng Tiến', kind: 'state_agency', profile: 'commune', home: '648' },
  { name: 'Ủy ban nhân dân xã Pơng Drang', kind: 'state_agency', profile: 'commune', home: '649' },
  { name: 'Ủy ban nhân dân xã Ea Tân', kind: 'state_agency', profile: 'commune', home: '650' },
  { name: 'Ủy ban nhân dân xã Krông Jing', kind: 'state_agency', profile: 'commune', home: '652' },
  { name: 'Ủy ban nhân dân xã Yang Mao', kind: 'state_agency', profile: 'commune', home: '653' },
  { name: 'Ủy ban nhân dân xã Dray Sáp', kind: 'state_agency', profile: 'commune', home: '655' },
  { name: 'Ủy ban nhân dân xã Buôn Triết', kind: 'state_agency', profile: 'commune', home: '656' },
  { name: 'Ủy ban nhân dân xã Ea Bhốk', kind: 'state_agency', profile: 'commune', home: '657' },
  { name: 'Công an tỉnh Đắk Lắk', kind: 'public_security_defence', profile: 'police', home: '643' },
  { name: 'Bộ Chỉ huy Quân sự tỉnh Đắk Lắk', kind: 'public_security_defence', profile: 'military', home: '643' },
  {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk',
    kind: 'public_security_defence',
    profile: 'border_guard',
    home: '646',
  },
  { name: 'Bệnh viện Đa khoa vùng Tây Nguyên', kind: 'state_agency', profile: 'hospital', home: '643' },
  { name: 'Trung tâm Cấp cứu 115 tỉnh Đắk Lắk', kind: 'state_agency', profile: 'hospital', home: '643' },
  { name: 'Công ty Thủy điện Buôn Kuốp', kind: 'enterprise', profile: 'hydro', home: '655' },
  { name: 'Công ty Cổ phần Thủy điện Srêpốk 4', kind: 'enterprise', profile: 'hydro', home: '647' },
  { name: 'Công ty Điện lực Đắk Lắk', kind: 'enterprise', profile: 'utility', home: '643', taxPrefix: '04' },
  { name: 'Công ty Cổ phần Vận tải Ô tô Đắk Lắk', kind: 'enterprise', profile: 'transport', home: '643' },
  { name: 'Công ty TNHH Taxi Mai Linh Đắk Lắk', kind: 'enterprise', profile: 'transport', home: '643' },
  { name: 'Công ty Cổ phần Taxi Sao Mai Tây Nguyên', kind: 'enterprise', profile: 'transport', home: '643' },
  { name: 'Vườn quốc gia Yok Đôn', kind: 'state_agency', profile: 'agency', home: '647' },
  { name: 'Nguyễn Hoàng Phúc', kind: 'individual', profile: 'amateur', home: '643' },
  { name: 'Y Thuyên Niê', kind: 'individual', profile: 'amateur', home: '644' },
  { name: 'Trần Thị Bích Ngọc', kind: 'individual', profile: 'amateur', home: '643' },
  { name: 'Lê Quang Vinh', kind: 'individual', profile: 'amateur', home: '654' },
];

const ALL_CODES = DEMO_DISTRICTS.map((d) => d.code);

// ---------------------------------------------------------------------------------------------------
// The plan: built first (pure apart from district look-ups), then written through the services
// ---------------------------------------------------------------------------------------------------

interface AssignmentPlan {
  direction: 'tx' | 'rx';
  frequencyHz: number;
  bandwidthHz: number;
  emissionDesignator: string;
}

interface StationPlan {
  body: Record<string, unknown>;
  assignments: AssignmentPlan[];
}

interface LicencePlan {
  type: LicenceType;
  service: ServiceCode;
  termYears: number;
  stations: StationPlan[];
  status: LicenceStatus;
  validFrom: string;
  validTo: string;
  conditions: string;
}

interface LicenseePlan {
  body: Record<string, unknown>;
  officer: 'officer' | 'officer2';
  licences: LicencePlan[];
}

type Lookup = (lat: number, lon: number) => Promise<DistrictRef | null>;

/** Frequency pools: a distinct channel while any is left, so that neighbours do not share one. */
class Channels {
  private readonly used = new Set<number>();
  constructor(private readonly rng: Rng) {}
  take(candidates: () => number): number {
    for (let i = 0; i < 40; i++) {
      const f = candidates();
      if (!this.used.has(f)) {
        this.used.add(f);
        return f;
      }
    }
    return candidates();
  }
  /** A 12.5 kHz channel in VHF 148–174 MHz, away from the 156 and 162.05 MHz band-plan edges. */
  vhf(): number {
    return this.take(() => {
      for (;;) {
        const f = 148 * MHZ + this.rng.int(1, 2079) * 12_500;
        if (Math.abs(f - 156 * MHZ) > 12_500 && Math.abs(f - 162_050_000) > 12_500) return f;
      }
    });
  }
  /** A 12.5 kHz channel in UHF 403–470 MHz. */
  uhf(): number {
    return this.take(() => 403 * MHZ + this.rng.int(1, 5359) * 12_500);
  }
  /** An FM channel on the 100 kHz raster, 87.6–107.9 MHz (the 200 kHz channel stays inside Band II). */
  fm(): number {
    return this.take(() => 87_500_000 + this.rng.int(1, 204) * 100_000);
  }
  /** A UHF TV channel 21–48: centre 474 + 8k MHz. */
  tv(): number {
    return this.take(() => (474 + 8 * this.rng.int(0, 27)) * MHZ);
  }
  /** A 25 kHz loudspeaker channel in 54–68 MHz. */
  loudspeaker(): number {
    return this.take(() => 54 * MHZ + this.rng.int(1, 559) * 25_000);
  }
  /** A 7 GHz go channel on the 7 MHz raster whose return channel (+161 MHz) is still in the band. */
  link7(): number {
    return this.take(() => 7_125 * MHZ + this.rng.int(2, 170) * 7 * MHZ);
  }
  /** A 13 GHz go channel (28 MHz slots from 12.75 GHz) whose return channel (+266 MHz) is in the band. */
  link13(): number {
    return this.take(() => (12_764 + 28 * this.rng.int(0, 7)) * MHZ);
  }
  /** 2 m amateur, 25 kHz steps, 144.025–147.975 MHz. */
  amateur2m(): number {
    return this.take(() => 144 * MHZ + this.rng.int(1, 159) * 25_000);
  }
  /** 70 cm amateur, 25 kHz steps, 430.025–439.975 MHz. */
  amateur70cm(): number {
    return this.take(() => 430 * MHZ + this.rng.int(1, 399) * 25_000);
  }
}

const EQUIPMENT = {
  fm: ['Nautel GV5', 'RVR TEX3000LCD', 'Elenos ETG5000', 'DB Elettronica Mozart 5000', 'Rohde & Schwarz THR9'],
  tv: ['Rohde & Schwarz TMV9 Evolution', 'Harris Maxiva UAXTE', 'Egatel TUWH4', 'Screen Service SDT 1000UP'],
  lm: [
    'Motorola DR3000',
    'Motorola SLR 5500',
    'Kenwood NXR-710',
    'Hytera RD985',
    'ICOM IC-FR5000',
    'Motorola XPR 8380',
  ],
  loud: ['Đài FM không dây TTK-100', 'Máy phát FM truyền thanh CT-50', 'Máy phát truyền thanh không dây VTS-100'],
  link: ['Ericsson MINI-LINK 6352', 'NEC iPASOLINK 400', 'Huawei OptiX RTN 950', 'Nokia Wavence UBT-SA'],
  ham: ['ICOM IC-9700', 'Yaesu FT-991A', 'Kenwood TM-V71', 'Yaesu FTM-400XDR'],
} as const;

const CONDITIONS_COMMON =
  'Chỉ được sử dụng đúng tần số, công suất, vị trí đặt đài và thiết bị ghi trong giấy phép. ' +
  'Không được gây nhiễu có hại cho các đài vô tuyến điện đã được cấp phép; ' +
  'khi có nhiễu phải ngừng phát và phối hợp xử lý. ' +
  'Chấp hành việc kiểm tra, kiểm soát tần số của cơ quan quản lý.';
const CONDITIONS: Record<string, string> = {
  fm_broadcast:
    'Phát đúng chương trình theo giấy phép hoạt động báo chí; ' +
    'bảo đảm mức phát xạ giả và phát xạ ngoài băng theo quy chuẩn kỹ thuật quốc gia hiện hành.',
  tv_broadcast:
    'Phát sóng truyền hình số mặt đất theo tiêu chuẩn DVB-T2 đúng kênh được ấn định; ' +
    'không phát trên kênh khác khi chưa được phép.',
  land_mobile:
    'Chỉ sử dụng để liên lạc nội bộ của đơn vị; không đấu nối vào mạng viễn thông công cộng; ' +
    'máy cầm tay, máy xe dùng chung tần số với trạm gốc.',
  loudspeaker:
    'Chỉ phát vào các khung giờ do Ủy ban nhân dân xã quy định; nội dung phát do Ủy ban nhân dân xã chịu trách nhiệm.',
  fixed_link:
    'Anten phải định hướng đúng phương vị và đặt đúng độ cao ghi trong giấy phép; sử dụng đúng phân cực được ấn định.',
  amateur:
    'Chỉ sử dụng cho mục đích nghiệp dư, không vì mục đích kinh doanh; phải dùng đúng hô hiệu được cấp khi phát.',
};

const REJECT_REASONS = [
  'Hồ sơ thiếu giấy chứng nhận hợp quy của thiết bị phát.',
  'Tần số đề nghị trùng kênh với đài đã được cấp phép trong khu vực; đề nghị đơn vị chọn tần số khác.',
  'Vị trí đặt anten chưa có văn bản chấp thuận độ cao công trình của cơ quan có thẩm quyền.',
];
const PLAN_REJECT_REASON =
  'Tần số đề nghị không phù hợp quy hoạch băng tần; đề nghị đơn vị chuyển về kênh đúng quy hoạch.';
const RETURN_REASONS = [
  'Đề nghị bổ sung sơ đồ vị trí đặt anten và tọa độ đo bằng GPS.',
  'Đề nghị kiểm tra lại độ cao anten và công suất máy phát khai trong hồ sơ.',
];
const SUSPEND_REASONS = [
  'Tạm đình chỉ do phát vượt công suất cho phép, phát hiện qua kiểm tra kiểm soát tần số.',
  'Tạm đình chỉ do chưa nộp phí sử dụng tần số vô tuyến điện đúng hạn.',
];
const REVOKE_REASONS = [
  'Thu hồi giấy phép theo đề nghị của đơn vị do ngừng khai thác hệ thống.',
  'Thu hồi do tiếp tục vi phạm sau thời gian tạm đình chỉ.',
];
/** The manager's note when issuing despite band-plan warnings: off the raster only, or outside the plan. */
const WARNING_NOTES = {
  offRaster:
    'Tần số lệch kênh so với quy hoạch do thiết bị cũ; chấp thuận tạm thời, ' +
    'đơn vị cam kết chuyển về kênh chuẩn trong 12 tháng.',
  outside:
    'Tần số không phù hợp quy hoạch băng tần; đã phối hợp, đo kiểm không gây nhiễu cho các đài lân cận — ' +
    'chấp thuận có thời hạn, đơn vị phải chuyển tần số khi gia hạn.',
};

interface Site {
  lat: number;
  lon: number;
  district: DistrictRef;
  place: string;
  elevationM: number;
}

class Planner {
  readonly rng = new Rng(SEED);
  readonly ch = new Channels(this.rng);
  constructor(private readonly lookup: Lookup) {}

  /** A point within 0.05° of the district centre that the district service places inside the province. */
  async site(code: string, spread = 0.05): Promise<Site> {
    const centre =
      DEMO_DISTRICTS.find((d) => d.code === code) ?? (DEMO_DISTRICTS[0] as (typeof DEMO_DISTRICTS)[number]);
    for (let attempt = 0; attempt < 30; attempt++) {
      const s = attempt < 29 ? spread : 0;
      const lat = round(centre.latDeg + this.rng.float(-s, s), 5);
      const lon = round(centre.lonDeg + this.rng.float(-s, s), 5);
      const district = await this.lookup(lat, lon);
      if (!district) continue;
      const [lo, hi] = ELEVATION[district.code] ?? [400, 600];
      return {
        lat,
        lon,
        district,
        place: this.rng.pick(PLACES[district.code] ?? ['trung tâm']),
        elevationM: this.rng.int(lo, hi),
      };
    }
    throw new Error(`demo register: no point near district ${code} is inside the configured districts`);
  }

  /** "Thôn 4, xã Ea Kao, TP. Buôn Ma Thuột, tỉnh Đắk Lắk" (a residential group in wards and towns). */
  address(site: Site, what = ''): string {
    const hamlet = site.place.startsWith('xã') ? `Thôn ${this.rng.int(1, 12)}` : `Tổ dân phố ${this.rng.int(1, 9)}`;
    return `${what}${hamlet}, ${site.place}, ${districtLabel(site.district)}, tỉnh Đắk Lắk`;
  }

  /** Home district most of the time, else anywhere in the province. */
  near(home: string, pHome = 0.6): string {
    return this.rng.chance(pHome) ? home : this.rng.pick(ALL_CODES);
  }

  private txCount = 0;

  /** Every 14th transmitter (about 5 % of all assignments) sits deliberately off the raster or outside the plan. */
  offPlan(): boolean {
    this.txCount++;
    return this.txCount % 14 === 9;
  }

  tx(f: number, bw: number, em: string, off: (f: number) => number): AssignmentPlan {
    return { direction: 'tx', frequencyHz: this.offPlan() ? off(f) : f, bandwidthHz: bw, emissionDesignator: em };
  }

  // --- stations per service ---

  async fmStation(code: string, provincial: boolean): Promise<StationPlan> {
    const site = await this.site(code);
    const power = provincial ? this.rng.pick([1000, 2000, 2500, 5000]) : this.rng.pick([300, 500, 1000]);
    const f = this.ch.fm();
    return {
      body: {
        name: `Đài phát sóng FM ${site.place.replace(/^(xã|phường|thị trấn) /, '')}`,
        service: 'fm_broadcast',
        stationClass: 'BC',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: this.address(site, 'Khu kỹ thuật phát sóng, '),
        antennaHeightM: this.rng.int(40, 120),
        antennaGainDbi: round(this.rng.float(5, 9), 1),
        polarization: this.rng.pick(['M', 'V']),
        txPowerW: power,
        feederLossDb: round(this.rng.float(1, 2.5), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.fm),
      },
      assignments: [this.tx(f, 200 * KHZ, '180KF8E', (x) => x + 50 * KHZ)],
    };
  }

  async tvStation(code: string): Promise<StationPlan> {
    const site = await this.site(code);
    const n = this.rng.chance(0.5) ? 2 : 1;
    const assignments: AssignmentPlan[] = [];
    for (let i = 0; i < n; i++) assignments.push(this.tx(this.ch.tv(), 8 * MHZ, '8M00G7W', (x) => x + 2 * MHZ));
    return {
      body: {
        name: `Trạm phát hình số ${site.place.replace(/^(xã|phường|thị trấn) /, '')}`,
        service: 'tv_broadcast',
        stationClass: 'BT',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: this.address(site, 'Đồi phát sóng, '),
        antennaHeightM: this.rng.int(60, 150),
        antennaGainDbi: round(this.rng.float(10, 13), 1),
        polarization: 'H',
        txPowerW: this.rng.pick([500, 1000, 2000, 2500]),
        feederLossDb: round(this.rng.float(1.5, 3), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.tv),
      },
      assignments,
    };
  }

  /** A land-mobile base or repeater: one simplex TX, or TX plus its RX pair (VHF ±4.6 MHz, UHF ±5 MHz). */
  async lmStation(
    code: string,
    owner: string,
    opts: { uhf?: boolean; channels?: number; repeater?: boolean } = {},
  ): Promise<StationPlan> {
    const site = await this.site(code);
    const uhf = opts.uhf ?? this.rng.chance(0.5);
    const repeater = opts.repeater ?? this.rng.chance(0.45);
    const assignments: AssignmentPlan[] = [];
    const channels = opts.channels ?? 1;
    for (let i = 0; i < channels; i++) {
      const f = uhf ? this.ch.uhf() : this.ch.vhf();
      // Off plan: 5 kHz off the 12.5 kHz raster, or (old equipment) just above 174 MHz in the TV band.
      assignments.push(
        this.tx(f, 12_500, '11K0F3E', (x) =>
          this.rng.chance(0.75) ? x + 5 * KHZ : 174_000_000 + this.rng.int(10, 40) * 12_500,
        ),
      );
      if (repeater && i === 0) {
        const shift = uhf ? 5 * MHZ : 4_600 * KHZ;
        const rx = uhf
          ? f - shift > 403_100_000
            ? f - shift
            : f + shift
          : f - shift > 148_100_000
            ? f - shift
            : f + shift;
        assignments.push({ direction: 'rx', frequencyHz: rx, bandwidthHz: 12_500, emissionDesignator: '11K0F3E' });
      }
    }
    const kind = repeater ? 'Trạm lặp' : 'Trạm gốc';
    return {
      body: {
        name: `${kind} ${owner} – ${site.place.replace(/^(xã|phường|thị trấn) /, '')}`,
        service: 'land_mobile',
        stationClass: 'FB',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: this.address(site),
        antennaHeightM: this.rng.int(10, 40),
        antennaGainDbi: round(this.rng.float(2, 6), 1),
        polarization: 'V',
        txPowerW: this.rng.pick([5, 10, 25, 25, 45, 50]),
        feederLossDb: round(this.rng.float(0.5, 2), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.lm),
      },
      assignments,
    };
  }

  async loudspeakerStation(code: string, commune: string): Promise<StationPlan> {
    const site = await this.site(code, 0.035);
    const f = this.ch.loudspeaker();
    return {
      body: {
        name: `Đài truyền thanh không dây ${commune}`,
        service: 'loudspeaker',
        stationClass: 'BC',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: `Trụ sở UBND ${commune}, ${districtLabel(site.district)}, tỉnh Đắk Lắk`,
        antennaHeightM: this.rng.int(15, 30),
        antennaGainDbi: round(this.rng.float(2, 5), 1),
        polarization: 'V',
        txPowerW: this.rng.pick([25, 30, 50, 50, 100]),
        feederLossDb: round(this.rng.float(0.5, 1.5), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.loud),
      },
      assignments: [this.tx(f, 25 * KHZ, '16K0F3E', (x) => (this.rng.chance(0.5) ? 68_500_000 : x + 10 * KHZ))],
    };
  }

  /** One end of a point-to-point link, 3–15 km to its far end, go and return channels. */
  async linkStation(code: string, owner: string, band: 7 | 13): Promise<StationPlan> {
    const site = await this.site(code);
    const km = this.rng.float(3, 15);
    const bearing = this.rng.float(0, 360);
    const rad = (bearing * Math.PI) / 180;
    const farLat = round(site.lat + (km * Math.cos(rad)) / 111.32, 5);
    const farLon = round(site.lon + (km * Math.sin(rad)) / (111.32 * Math.cos((site.lat * Math.PI) / 180)), 5);
    const go = band === 7 ? this.ch.link7() : this.ch.link13();
    const ret = go + (band === 7 ? 161 : 266) * MHZ;
    const others = (PLACES[site.district.code] ?? []).filter((p) => p !== site.place);
    const far = (others.length ? this.rng.pick(others) : 'trạm đầu xa').replace(/^(xã|phường|thị trấn) /, '');
    return {
      body: {
        name: `Vi ba ${owner} ${site.place.replace(/^(xã|phường|thị trấn) /, '')} – ${far}`,
        service: 'fixed_link',
        stationClass: 'FX',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: this.address(site, 'Nhà trạm viễn thông, '),
        antennaHeightM: this.rng.int(20, 60),
        antennaGainDbi: round(band === 7 ? this.rng.float(33, 38) : this.rng.float(36, 41), 1),
        azimuthDeg: round(bearing, 1),
        beamwidthDeg: band === 7 ? 2.5 : 1.6,
        polarization: this.rng.pick(['H', 'V']),
        txPowerW: this.rng.pick([0.1, 0.2, 0.5, 1]),
        feederLossDb: round(this.rng.float(0.5, 2), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.link),
        farEndLatitude: farLat,
        farEndLongitude: farLon,
      },
      assignments: [
        this.tx(go, 28 * MHZ, '28M0G7W', (x) => x + 3_500 * KHZ),
        { direction: 'rx', frequencyHz: ret, bandwidthHz: 28 * MHZ, emissionDesignator: '28M0G7W' },
      ],
    };
  }

  async amateurStation(code: string, callsign: string): Promise<StationPlan> {
    const site = await this.site(code, 0.03);
    const assignments = [this.tx(this.ch.amateur2m(), 25 * KHZ, '16K0F3E', (x) => x + 10 * KHZ)];
    if (this.rng.chance(0.6))
      assignments.push(this.tx(this.ch.amateur70cm(), 25 * KHZ, '16K0F3E', (x) => x + 10 * KHZ));
    return {
      body: {
        name: `Đài vô tuyến điện nghiệp dư ${callsign}`,
        callsign,
        service: 'amateur',
        stationClass: 'AT',
        latitude: site.lat,
        longitude: site.lon,
        groundElevationM: site.elevationM,
        address: this.address(site, 'Nhà riêng, '),
        antennaHeightM: this.rng.int(8, 20),
        antennaGainDbi: round(this.rng.float(2, 8), 1),
        polarization: 'V',
        txPowerW: this.rng.pick([10, 25, 50]),
        feederLossDb: round(this.rng.float(0.5, 1.5), 1),
        equipmentModel: this.rng.pick(EQUIPMENT.ham),
      },
      assignments,
    };
  }

  // --- licences per profile ---

  private licence(
    service: ServiceCode,
    stations: StationPlan[],
    type: LicenceType = 'frequency_equipment',
  ): LicencePlan {
    const termYears = type === 'frequency_band' ? this.rng.pick([10, 15]) : this.rng.pick([5, 5, 7, 10]);
    const extra = CONDITIONS[service] ?? '';
    return {
      type,
      service,
      termYears,
      stations,
      status: 'issued',
      validFrom: '',
      validTo: '',
      conditions: `${CONDITIONS_COMMON} ${extra}`.trim(),
    };
  }

  private async many(n: number, make: () => Promise<StationPlan>): Promise<StationPlan[]> {
    const out: StationPlan[] = [];
    for (let i = 0; i < n; i++) out.push(await make());
    return out;
  }

  async licencesFor(spec: LicenseeSpec, short: string, callsign: string): Promise<LicencePlan[]> {
    switch (spec.profile) {
      case 'provincial_broadcaster':
        return this.provincialBroadcasterLicences();
      case 'district_broadcaster':
        return this.districtBroadcasterLicences(spec);
      case 'telco':
        return this.telcoLicences(spec, short);
      case 'plantation':
        return this.plantationLicences(spec, short);
      case 'commune':
        return this.communeLicences(spec);
      case 'police':
        return this.policeLicences(short);
      case 'military':
        return this.militaryLicences(short);
      case 'border_guard':
        return this.borderGuardLicences(short);
      case 'hospital':
        return this.hospitalLicences(spec, short);
      case 'hydro':
        return this.hydroLicences(spec, short);
      case 'utility':
        return this.utilityLicences(short);
      case 'transport':
        return this.transportLicences(spec, short);
      case 'agency':
        return this.agencyLicences(spec, short);
      case 'amateur':
        return [this.licence('amateur', [await this.amateurStation(spec.home, callsign)])];
    }
    return [];
  }

  private async provincialBroadcasterLicences(): Promise<LicencePlan[]> {
    const out: LicencePlan[] = [];
    for (const code of ['643', '644', '645', '650', '652', '653', '646'])
      out.push(this.licence('fm_broadcast', [await this.fmStation(code, true)]));
    for (const codes of [
      ['643', '657'],
      ['645', '650'],
      ['651', '656', '647'],
    ]) {
      const stations: StationPlan[] = [];
      for (const code of codes) stations.push(await this.tvStation(code));
      out.push(this.licence('tv_broadcast', stations));
    }
    out.push(this.licence('fixed_link', await this.many(3, () => this.linkStation('643', 'PT-TH', 7))));
    return out;
  }

  private async districtBroadcasterLicences(spec: LicenseeSpec): Promise<LicencePlan[]> {
    const out: LicencePlan[] = [];
    out.push(this.licence('fm_broadcast', [await this.fmStation(spec.home, false)]));
    out.push(this.licence('fm_broadcast', [await this.fmStation(spec.home, false)]));
    return out;
  }

  private async telcoLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    const n = r.int(4, 5);
    for (let i = 0; i < n; i++) {
      const codes = r.shuffle([...ALL_CODES]).slice(0, r.int(4, 8));
      const stations: StationPlan[] = [];
      for (const code of codes) stations.push(await this.linkStation(code, short, 7));
      out.push(this.licence('fixed_link', stations));
    }
    out.push(
      this.licence(
        'fixed_link',
        await this.many(r.int(2, 3), () => this.linkStation(this.near(spec.home, 0.7), short, 13)),
        'frequency_band',
      ),
    );
    out.push(this.licence('land_mobile', [await this.lmStation(spec.home, short, { uhf: true })]));
    return out;
  }

  private async plantationLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    const n = r.int(2, 4);
    for (let i = 0; i < n; i++) {
      const uhf = r.chance(0.4);
      out.push(
        this.licence(
          'land_mobile',
          await this.many(r.int(2, 5), () => this.lmStation(this.near(spec.home, 0.75), short, { uhf })),
        ),
      );
    }
    return out;
  }

  private async communeLicences(spec: LicenseeSpec): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    const commune = spec.name.replace('Ủy ban nhân dân ', '');
    out.push(
      this.licence('loudspeaker', await this.many(r.int(1, 3), () => this.loudspeakerStation(spec.home, commune))),
    );
    if (r.chance(0.7)) out.push(this.licence('loudspeaker', [await this.loudspeakerStation(spec.home, commune)]));
    return out;
  }

  private async policeLicences(short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    const codes = [...ALL_CODES];
    for (let i = 0; i < 3; i++) {
      const part = codes.slice(i * 5, i * 5 + 5);
      const stations: StationPlan[] = [];
      for (const code of part) stations.push(await this.lmStation(code, short, { uhf: true, repeater: true }));
      out.push(this.licence('land_mobile', stations));
    }
    out.push(
      this.licence('land_mobile', await this.many(4, () => this.lmStation('643', short, { uhf: false, channels: 2 }))),
    );
    out.push(
      this.licence('land_mobile', await this.many(3, () => this.lmStation(r.pick(ALL_CODES), short, { uhf: false }))),
    );
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation('643', 'Cảnh sát PCCC và CNCH', { uhf: false, channels: 2 })),
      ),
    );
    out.push(
      this.licence(
        'fixed_link',
        await this.many(3, () => this.linkStation(this.near('643', 0.4), short, 13)),
        'frequency_band',
      ),
    );
    return out;
  }

  private async militaryLicences(short: string): Promise<LicencePlan[]> {
    const out: LicencePlan[] = [];
    for (const part of [
      ['643', '648', '655', '657'],
      ['651', '652', '653', '656'],
      ['645', '646', '647', '649', '650', '644'],
    ]) {
      const stations: StationPlan[] = [];
      for (const code of part) stations.push(await this.lmStation(code, short, { uhf: false }));
      out.push(this.licence('land_mobile', stations));
    }
    out.push(this.licence('fixed_link', await this.many(2, () => this.linkStation('643', short, 7))));
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation('643', short, { uhf: true, repeater: true })),
      ),
    );
    return out;
  }

  private async borderGuardLicences(short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    out.push(
      this.licence(
        'land_mobile',
        await this.many(4, () => this.lmStation(r.pick(['646', '647']), short, { uhf: false, channels: 2 })),
      ),
    );
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation(r.pick(['646', '647']), short, { uhf: true, repeater: true })),
      ),
    );
    return out;
  }

  private async hospitalLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    out.push(
      this.licence(
        'land_mobile',
        await this.many(r.int(1, 3), () => this.lmStation(this.near(spec.home, 0.7), short, { channels: r.int(1, 2) })),
      ),
    );
    out.push(this.licence('land_mobile', [await this.lmStation(spec.home, short)]));
    return out;
  }

  private async hydroLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    out.push(
      this.licence('land_mobile', await this.many(r.int(2, 3), () => this.lmStation(spec.home, short, { uhf: true }))),
    );
    out.push(this.licence('fixed_link', await this.many(r.int(1, 2), () => this.linkStation(spec.home, short, 7))));
    out.push(
      this.licence(
        'land_mobile',
        await this.many(r.int(1, 2), () => this.lmStation(this.near(spec.home, 0.5), short, { uhf: false })),
      ),
    );
    return out;
  }

  private async utilityLicences(short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    for (let i = 0; i < 4; i++)
      out.push(
        this.licence(
          'land_mobile',
          await this.many(r.int(2, 4), () => this.lmStation(r.pick(ALL_CODES), short, { uhf: false })),
        ),
      );
    return out;
  }

  private async transportLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    out.push(
      this.licence(
        'land_mobile',
        await this.many(r.int(1, 2), () =>
          this.lmStation(spec.home, short, { channels: r.int(2, 3), repeater: false }),
        ),
      ),
    );
    out.push(
      this.licence('land_mobile', [
        await this.lmStation(this.near(spec.home, 0.3), short, { channels: 2, repeater: false }),
      ]),
    );
    out.push(this.licence('land_mobile', [await this.lmStation(this.near(spec.home, 0.5), short, { repeater: true })]));
    return out;
  }

  private async agencyLicences(spec: LicenseeSpec, short: string): Promise<LicencePlan[]> {
    const r = this.rng;
    const out: LicencePlan[] = [];
    out.push(this.licence('land_mobile', await this.many(3, () => this.lmStation(spec.home, short, { uhf: false }))));
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation(r.pick(['646', '647']), short, { uhf: false })),
      ),
    );
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation(spec.home, short, { uhf: true, repeater: true })),
      ),
    );
    out.push(
      this.licence(
        'land_mobile',
        await this.many(2, () => this.lmStation(r.pick(['646', '647', '645']), 'Kiểm lâm', { uhf: false })),
      ),
    );
    return out;
  }

  licenseeBody(spec: LicenseeSpec): Record<string, unknown> {
    const r = this.rng;
    const home =
      DEMO_DISTRICTS.find((d) => d.code === spec.home) ?? (DEMO_DISTRICTS[0] as (typeof DEMO_DISTRICTS)[number]);
    const place = r.pick(PLACES[spec.home] ?? ['trung tâm']);
    const where = `${place}, ${districtLabel(home)}, tỉnh Đắk Lắk`;
    if (spec.kind === 'individual') {
      const female = /Thị/.test(spec.name);
      return {
        name: spec.name,
        kind: spec.kind,
        taxCode: null,
        idNumber: citizenId(r, female),
        address: `${r.int(2, 180)} ${r.pick(STREETS)}, ${where}`,
        contactPerson: spec.name,
        phone: mobile(r),
        email: null,
      };
    }
    const contact = personName(r).name;
    const commune = spec.name.replace('Ủy ban nhân dân ', '');
    const street =
      spec.profile === 'commune'
        ? `Trụ sở UBND ${commune}, ${districtLabel(home)}, tỉnh Đắk Lắk`
        : `Số ${r.int(1, 250)} ${spec.street ?? r.pick(STREETS)}, ${where}`;
    return {
      // Police and army units hold budget-unit codes rather than taxpayer numbers.
      name: spec.name,
      kind: spec.kind,
      taxCode: spec.kind === 'public_security_defence' ? null : taxCode(r, spec.taxPrefix ?? '60'),
      idNumber: null,
      address: street,
      contactPerson: contact,
      phone: r.chance(0.5) ? landline(r) : mobile(r),
      email: spec.email ?? null,
    };
  }
}

/** Short owner tags used in station names. */
function shortName(spec: LicenseeSpec): string {
  const map: Record<string, string> = {
    'Công an tỉnh Đắk Lắk': 'CA tỉnh',
    'Bộ Chỉ huy Quân sự tỉnh Đắk Lắk': 'BCHQS tỉnh',
    'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk': 'BĐBP',
    'Bệnh viện Đa khoa vùng Tây Nguyên': 'BVĐK Tây Nguyên',
    'Trung tâm Cấp cứu 115 tỉnh Đắk Lắk': 'Cấp cứu 115',
    'Công ty Điện lực Đắk Lắk': 'PC Đắk Lắk',
    'Vườn quốc gia Yok Đôn': 'VQG Yok Đôn',
    'Công ty Cổ phần Xuất nhập khẩu 2-9 Đắk Lắk': 'XNK 2-9',
  };
  if (map[spec.name]) return map[spec.name] as string;
  if (spec.profile === 'telco')
    return spec.name.includes('VNPT') ? 'VNPT' : spec.name.includes('Viettel') ? 'Viettel' : 'MobiFone';
  return spec.name.replace(/^Công ty (TNHH MTV|TNHH|Cổ phần)\s*/, '').replace(/^Thủy điện /, 'TĐ ');
}

/** Target states: most issued, every other state present; `expiring` of the issued ones end within 90 days. */
function statusPlan(n: number, rng: Rng): { status: LicenceStatus; expiring: boolean }[] {
  const fixed: [LicenceStatus, number][] = [
    ['draft', 8],
    ['submitted', 8],
    ['rejected', 5],
    ['suspended', 4],
    ['revoked', 5],
    ['expired', 10],
  ];
  const out: { status: LicenceStatus; expiring: boolean }[] = [];
  for (const [status, k] of fixed) for (let i = 0; i < k; i++) out.push({ status, expiring: false });
  const issued = Math.max(10, n - out.length);
  for (let i = 0; i < issued; i++) out.push({ status: 'issued', expiring: i < 8 });
  return rng.shuffle(out).slice(0, n);
}

/** Term dates for a licence in its target state, relative to `today`. */
function datesFor(l: LicencePlan, expiring: boolean, today: string, rng: Rng): { validFrom: string; validTo: string } {
  const years = l.termYears;
  const backFrom = (validTo: string) => addDays(addYears(validTo, -years), 1);
  switch (l.status) {
    case 'draft':
    case 'submitted':
    case 'rejected': {
      const validFrom = addDays(today, rng.int(15, 60));
      return { validFrom, validTo: addDays(addYears(validFrom, years), -1) };
    }
    case 'expired': {
      const validTo = addDays(today, -rng.int(20, 720));
      return { validFrom: backFrom(validTo), validTo };
    }
    default: {
      if (expiring) {
        const validTo = addDays(today, rng.int(10, 85));
        return { validFrom: backFrom(validTo), validTo };
      }
      // Still running for at least ~4 months, started between a month and nine years ago.
      const maxBack = Math.min(9 * 365, years * 365 - 130);
      const validFrom = addDays(today, -rng.int(30, maxBack));
      return { validFrom, validTo: addDays(addYears(validFrom, years), -1) };
    }
  }
}

async function buildPlan(lookup: Lookup, today: string): Promise<{ licensees: LicenseePlan[]; rng: Rng }> {
  const p = new Planner(lookup);
  const licensees: LicenseePlan[] = [];
  let ham = 0;
  for (const spec of LICENSEES) {
    const body = p.licenseeBody(spec);
    const callsign =
      `XV6${String.fromCharCode(65 + ((ham * 7) % 26))}` + `${String.fromCharCode(65 + ((ham * 11 + 3) % 26))}`;
    if (spec.profile === 'amateur') ham++;
    const licences = await p.licencesFor(spec, shortName(spec), callsign);
    licensees.push({ body, officer: p.rng.chance(0.5) ? 'officer' : 'officer2', licences });
  }
  const all = licensees.flatMap((l) => l.licences);
  const states = statusPlan(all.length, p.rng);
  all.forEach((l, i) => {
    const s = states[i] ?? { status: 'issued' as LicenceStatus, expiring: false };
    l.status = s.status;
    Object.assign(l, datesFor(l, s.expiring, today, p.rng));
  });
  return { licensees, rng: p.rng };
}

// ---------------------------------------------------------------------------------------------------
// Writing it through the services
// ---------------------------------------------------------------------------------------------------

async function demoUser(username: string): Promise<CurrentUser> {
  const u = await User.findOne({ where: { username } });
  const active = u ? await loadActiveUser(u.id) : null;
  if (!active)
    throw new Error(`demo register: the demo user "${username}" is missing or inactive (seed the demo users first)`);
  return presentCurrentUser(active);
}

const actorOf = (u: CurrentUser): Actor => ({ userId: u.id, role: u.role, ip: null, userAgent: 'tanso-demo-seed' });

type DemoUsers = Record<'officer' | 'officer2' | 'manager' | 'manager2', CurrentUser>;

/** What writing the plan needs at every step, and the rows made so far. */
interface Writer {
  sequelize: Sequelize;
  districts: DistrictService;
  ctx: { sequelize: Sequelize; licencePrefix: string };
  users: DemoUsers;
  rng: Rng;
  counts: DemoRegisterCounts;
}

async function demoUsers(): Promise<DemoUsers> {
  return {
    officer: await demoUser('officer'),
    officer2: await demoUser('officer2'),
    manager: await demoUser('manager'),
    manager2: await demoUser('manager2'),
  };
}

/** A licence's stations and their assignments; returns the band-plan warnings they drew. */
async function writeStations(
  w: Writer,
  licenceId: number,
  stations: StationPlan[],
  drafter: CurrentUser,
): Promise<{ warnings: number; outside: boolean }> {
  let warnings = 0;
  let outside = false;
  for (const s of stations) {
    const station = await createStation(w.sequelize, w.districts, { ...s.body, licenceId }, drafter, actorOf(drafter));
    w.counts.stations++;
    for (const a of s.assignments) {
      const made = await createAssignment(
        w.sequelize,
        station.id,
        {
          direction: a.direction,
          frequencyHz: a.frequencyHz,
          bandwidthHz: a.bandwidthHz,
          emissionDesignator: a.emissionDesignator,
        },
        drafter,
        actorOf(drafter),
      );
      w.counts.assignments++;
      if (made.bandPlanCheck?.status === 'warning') {
        warnings++;
        if (made.bandPlanCheck.reasons.some((r) => r !== 'off_raster')) outside = true;
      }
    }
  }
  return { warnings, outside };
}

/** The manager acknowledges the licence's blocking conflicts and issues it, noting any band-plan warnings. */
async function issue(
  w: Writer,
  licenceId: number,
  manager: CurrentUser,
  { warnings, outside }: { warnings: number; outside: boolean },
): Promise<void> {
  const note = warnings
    ? outside
      ? WARNING_NOTES.outside
      : WARNING_NOTES.offRaster
    : w.rng.chance(0.3)
      ? 'Đồng ý cấp phép.'
      : '';
  // Co-channel reuse in the province: the manager acknowledges coordinated high-severity conflicts first.
  for (const c of await blockingConflicts(licenceId)) {
    await decideConflict(
      w.sequelize,
      c.id,
      'acknowledge',
      { note: 'Đã phối hợp tần số giữa hai đài; chấp nhận tạm thời, theo dõi khi kiểm tra.' },
      manager,
      actorOf(manager),
    );
  }
  await transition(w.ctx, licenceId, 'issue', { acknowledgeWarnings: warnings > 0, note }, manager, actorOf(manager));
}

/** After issue: suspended, revoked (sometimes suspended first), or now and then suspended and reinstated. */
async function afterIssue(w: Writer, licenceId: number, status: LicenceStatus, manager: CurrentUser): Promise<void> {
  const { ctx, rng, users } = w;
  const other = manager.id === users.manager.id ? users.manager2 : users.manager;
  if (status === 'suspended') {
    await transition(ctx, licenceId, 'suspend', { reason: rng.pick(SUSPEND_REASONS) }, other, actorOf(other));
  } else if (status === 'revoked') {
    if (rng.chance(0.5))
      await transition(ctx, licenceId, 'suspend', { reason: rng.pick(SUSPEND_REASONS) }, manager, actorOf(manager));
    await transition(ctx, licenceId, 'revoke', { reason: rng.pick(REVOKE_REASONS) }, other, actorOf(other));
  } else if (status === 'issued' && rng.chance(0.04)) {
    await transition(ctx, licenceId, 'suspend', { reason: rng.pick(SUSPEND_REASONS) }, manager, actorOf(manager));
    await transition(
      ctx,
      licenceId,
      'reinstate',
      { note: 'Đơn vị đã khắc phục vi phạm; cho phép hoạt động trở lại.' },
      other,
      actorOf(other),
    );
  }
}

/** Takes a freshly drafted licence through the transitions to its target state. */
async function toTargetState(
  w: Writer,
  licenceId: number,
  status: LicenceStatus,
  { drafter, manager }: { drafter: CurrentUser; manager: CurrentUser },
  warned: { warnings: number; outside: boolean },
): Promise<void> {
  const { ctx, rng } = w;
  if (status === 'draft') {
    if (rng.chance(0.35)) {
      await transition(ctx, licenceId, 'submit', {}, drafter, actorOf(drafter));
      await transition(ctx, licenceId, 'return', { reason: rng.pick(RETURN_REASONS) }, manager, actorOf(manager));
    }
    return;
  }
  await transition(ctx, licenceId, 'submit', {}, drafter, actorOf(drafter));
  if (status === 'submitted') return;
  if (status === 'rejected') {
    await transition(
      ctx,
      licenceId,
      'reject',
      { reason: warned.warnings ? PLAN_REJECT_REASON : rng.pick(REJECT_REASONS) },
      manager,
      actorOf(manager),
    );
    return;
  }
  await issue(w, licenceId, manager, warned);
  await afterIssue(w, licenceId, status, manager);
}

/** One licence of a licensee: drafted, its stations and assignments added, then taken to its target state. */
async function writeLicence(w: Writer, licenseeId: number, lp: LicenseePlan, l: LicencePlan): Promise<void> {
  const { users, rng } = w;
  const officer = users[lp.officer];
  // The drafting officer is usually the licensee's case handler; the deciding manager varies.
  const drafter = rng.chance(0.8) ? officer : lp.officer === 'officer' ? users.officer2 : users.officer;
  const manager = rng.chance(0.5) ? users.manager : users.manager2;
  const licence = await createLicence(
    w.sequelize,
    {
      licenseeId,
      type: l.type,
      service: l.service,
      validFrom: l.validFrom,
      validTo: l.validTo,
      conditions: l.conditions,
    },
    drafter,
    actorOf(drafter),
  );
  w.counts.licences++;
  const warned = await writeStations(w, licence.id, l.stations, drafter);
  await toTargetState(w, licence.id, l.status, { drafter, manager }, warned);
}

/**
 * Builds the demo register when there are no licensees yet (null when there already are) and returns
 * the number of rows made. `today` (default: todayIso(), the date the services use) anchors the licence
 * terms: some issued licences end within 90 days of it, the expired ones ended before it. Not atomic:
 * each service call commits on its own, as in the app; a failure part-way leaves the rows made so far
 * (and a later call then returns null).
 */
export async function seedDemoRegister(
  sequelize: Sequelize,
  districts: DistrictService,
  options: { licencePrefix: string; today?: string },
): Promise<DemoRegisterCounts | null> {
  if ((await Licensee.count()) > 0) return null;
  const today = options.today ?? todayIso();
  const users = await demoUsers();
  const { licensees, rng } = await buildPlan((lat, lon) => districts.lookup(lat, lon), today);
  const w: Writer = {
    sequelize,
    districts,
    ctx: { sequelize, licencePrefix: options.licencePrefix },
    users,
    rng,
    counts: { licensees: 0, licences: 0, stations: 0, assignments: 0 },
  };

  for (const lp of licensees) {
    const licensee = await createLicensee(sequelize, lp.body, actorOf(users[lp.officer]));
    w.counts.licensees++;
    for (const l of lp.licences) await writeLicence(w, licensee.id, lp, l);
  }
  await expireDueLicences(sequelize);
  return w.counts;
}
