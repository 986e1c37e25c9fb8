/**
 * The fee schedule seeded by migration 010 (SPEC §11). THE AMOUNTS ARE PLACEHOLDERS, not the official tariff
 * of Circular 265/2016/TT-BTC: every row is stored with `placeholder: true`, and every page and document that
 * shows an amount from such a row says so. Admins replace them at /admin/fees (dated rows: a new row with a
 * later `effectiveFrom` takes over from that day and never rewrites notices already made).
 */

const BASIS = 'Thông tư 265/2016/TT-BTC — placeholder amount (mức tạm, không phải biểu phí chính thức)';
const BASIS_BAND = 'Thông tư 265/2016/TT-BTC; Nghị định 88/2021/NĐ-CP — placeholder amount (mức tạm)';
const FROM = '2017-01-01';

export interface FeeScheduleSeed {
  effectiveFrom: string;
  kind: 'grant' | 'annual_use' | 'renewal' | 'amendment';
  licenceType: 'frequency_equipment' | 'frequency_band';
  service: string;
  bandwidthMinHz: number | null;
  bandwidthMaxHz: number | null;
  erpMinW: number | null;
  erpMaxW: number | null;
  amountVnd: number;
  legalBasis: string;
}

type Cls = { bw?: [number | null, number | null]; erp?: [number | null, number | null]; amount: number };

/** The annual use fee of an equipment licence, per station, by service and class. */
const ANNUAL_EQUIPMENT: Record<string, Cls[]> = {
  fm_broadcast: [
    { erp: [null, 1000], amount: 6_000_000 },
    { erp: [1000, 10_000], amount: 12_000_000 },
    { erp: [10_000, null], amount: 24_000_000 },
  ],
  tv_broadcast: [
    { erp: [null, 1000], amount: 10_000_000 },
    { erp: [1000, null], amount: 30_000_000 },
  ],
  land_mobile: [
    { bw: [null, 25_000], amount: 500_000 },
    { bw: [25_000, null], amount: 1_000_000 },
  ],
  fixed_link: [
    { bw: [null, 7_000_000], amount: 2_000_000 },
    { bw: [7_000_000, null], amount: 5_000_000 },
  ],
  amateur: [{ amount: 200_000 }],
  loudspeaker: [{ amount: 300_000 }],
  maritime: [{ amount: 400_000 }],
  aeronautical: [{ amount: 1_000_000 }],
  other: [{ amount: 500_000 }],
};

const GRANT_EQUIPMENT: Record<string, number> = {
  fm_broadcast: 1_000_000,
  tv_broadcast: 1_000_000,
  fixed_link: 500_000,
};

function row(
  kind: FeeScheduleSeed['kind'],
  licenceType: FeeScheduleSeed['licenceType'],
  service: string,
  amountVnd: number,
  c: Partial<Cls> = {},
): FeeScheduleSeed {
  return {
    effectiveFrom: FROM,
    kind,
    licenceType,
    service,
    bandwidthMinHz: c.bw?.[0] ?? null,
    bandwidthMaxHz: c.bw?.[1] ?? null,
    erpMinW: c.erp?.[0] ?? null,
    erpMaxW: c.erp?.[1] ?? null,
    amountVnd,
    legalBasis: licenceType === 'frequency_band' ? BASIS_BAND : BASIS,
  };
}

export const FEE_SCHEDULE_SEED: FeeScheduleSeed[] = Object.entries(ANNUAL_EQUIPMENT).flatMap(([service, classes]) => {
  const grant = GRANT_EQUIPMENT[service] ?? 300_000;
  return [
    row('grant', 'frequency_equipment', service, grant),
    ...classes.map((c) => row('annual_use', 'frequency_equipment', service, c.amount, c)),
    row('renewal', 'frequency_equipment', service, grant),
    row('amendment', 'frequency_equipment', service, Math.round(grant / 2)),
    row('grant', 'frequency_band', service, 20_000_000),
    row('annual_use', 'frequency_band', service, 100_000_000),
    row('renewal', 'frequency_band', service, 20_000_000),
    row('amendment', 'frequency_band', service, 10_000_000),
  ];
});

export interface FeeExemptionSeed {
  effectiveFrom: string;
  service: string | null;
  licenseeKind: string | null;
  legalBasis: string;
  note: string;
}

export const FEE_EXEMPTION_SEED: FeeExemptionSeed[] = [
  {
    effectiveFrom: FROM,
    service: 'loudspeaker',
    licenseeKind: null,
    legalBasis: 'Thông tư 265/2016/TT-BTC (miễn phí: đài truyền thanh cấp xã)',
    note: 'Commune loudspeaker stations / Đài truyền thanh xã',
  },
  {
    effectiveFrom: FROM,
    service: null,
    licenseeKind: 'public_security_defence',
    legalBasis: 'Thông tư 265/2016/TT-BTC (quốc phòng, an ninh)',
    note: 'Defence and public security / Quốc phòng, an ninh',
  },
  {
    effectiveFrom: FROM,
    service: 'maritime',
    licenseeKind: 'individual',
    legalBasis: 'Thông tư 265/2016/TT-BTC (tàu cá)',
    note: 'Fishing vessels of individual owners / Tàu cá của cá nhân',
  },
];
