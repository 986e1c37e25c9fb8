/**
 * Reference data seeded on first start: radio services with engineering defaults, and the common bands
 * of the band plan (SPEC §2, §4.6). Values are starting points with their sources; admins edit them.
 */
import type { Environment, PropagationModelChoice, ServiceCode } from '../../models/Service';

export interface ServiceSeed {
  code: ServiceCode;
  nameVi: string;
  nameEn: string;
  protectedFieldDbuv: number;
  receiverHeightM: number;
  environment: Environment;
  coChannelPrDb: number;
  adjacentPrDb: number;
  adjacentGuardHz: number | null;
  inspectionIntervalMonths: number;
  source: string;
  /** SPEC §4.2: broadcasting uses ITU-R P.1546-6; absent = `hata`. */
  propagationModel?: PropagationModelChoice;
}

export const SERVICE_SEEDS: ServiceSeed[] = [
  {
    code: 'fm_broadcast',
    nameVi: 'Phát thanh FM',
    nameEn: 'FM sound broadcasting',
    protectedFieldDbuv: 54,
    receiverHeightM: 10,
    environment: 'suburban',
    coChannelPrDb: 45,
    adjacentPrDb: 33,
    adjacentGuardHz: 200_000,
    propagationModel: 'p1546',
    inspectionIntervalMonths: 24,
    source:
      'ITU-R BS.412-9: 54 dBµV/m stereo in rural areas, protection ratios 45 dB co-channel and 33 dB at ±100 kHz ' +
      '(steady interference); receiver at 10 m (ITU-R P.1546).',
  },
  {
    code: 'tv_broadcast',
    nameVi: 'Truyền hình số mặt đất',
    nameEn: 'Digital terrestrial television',
    protectedFieldDbuv: 56,
    receiverHeightM: 10,
    environment: 'suburban',
    coChannelPrDb: 21,
    adjacentPrDb: -30,
    adjacentGuardHz: 0,
    propagationModel: 'p1546',
    inspectionIntervalMonths: 24,
    source:
      'GE06 / ITU-R BT.1368: minimum median field about 56 dBµV/m for fixed DVB-T reception in UHF; ' +
      'protection ratio about 21 dB co-channel and −30 dB for the adjacent channel.',
  },
  {
    code: 'land_mobile',
    nameVi: 'Di động mặt đất',
    nameEn: 'Land mobile',
    protectedFieldDbuv: 20,
    receiverHeightM: 1.5,
    environment: 'suburban',
    coChannelPrDb: 8,
    adjacentPrDb: -60,
    adjacentGuardHz: 12_500,
    inspectionIntervalMonths: 36,
    source:
      'HCM Agreement Annex 6: 20 dBµV/m protected for 160 MHz land mobile; ETSI EN 300 086: ' +
      'co-channel rejection 8 dB, adjacent-channel selectivity 60 dB (12.5 kHz).',
  },
  {
    code: 'fixed_link',
    nameVi: 'Vi ba cố định',
    nameEn: 'Fixed (microwave) links',
    protectedFieldDbuv: 60,
    receiverHeightM: 30,
    environment: 'open',
    coChannelPrDb: 30,
    adjacentPrDb: 0,
    adjacentGuardHz: null,
    inspectionIntervalMonths: 60,
    source:
      'Placeholder for point-to-point links (ITU-R F.758 style C/I about 30 dB); ' +
      'links are assessed along their corridor.',
  },
  {
    code: 'amateur',
    nameVi: 'Nghiệp dư',
    nameEn: 'Amateur',
    protectedFieldDbuv: 30,
    receiverHeightM: 10,
    environment: 'suburban',
    coChannelPrDb: 10,
    adjacentPrDb: -40,
    adjacentGuardHz: null,
    inspectionIntervalMonths: 60,
    source: 'Placeholder values: amateur stations are not protected against each other; kept for completeness.',
  },
  {
    code: 'loudspeaker',
    nameVi: 'Truyền thanh không dây',
    nameEn: 'Wireless loudspeaker (commune radio)',
    protectedFieldDbuv: 40,
    receiverHeightM: 10,
    environment: 'open',
    coChannelPrDb: 20,
    adjacentPrDb: -20,
    adjacentGuardHz: 25_000,
    inspectionIntervalMonths: 24,
    source:
      'Commune wireless loudspeaker systems in 54–68 MHz (Vietnamese technical regulation QCVN 70:2013/BTTTT); ' +
      'field and ratios are working assumptions to review.',
  },
  {
    code: 'maritime',
    nameVi: 'Lưu động hàng hải',
    nameEn: 'Maritime mobile',
    protectedFieldDbuv: 17,
    receiverHeightM: 4,
    environment: 'open',
    coChannelPrDb: 10,
    adjacentPrDb: -60,
    adjacentGuardHz: 25_000,
    inspectionIntervalMonths: 36,
    source: 'ITU-R M.489 (VHF maritime, 25 kHz channels); placeholder field strength.',
  },
  {
    code: 'aeronautical',
    nameVi: 'Lưu động hàng không',
    nameEn: 'Aeronautical mobile',
    protectedFieldDbuv: 38,
    receiverHeightM: 3000,
    environment: 'open',
    coChannelPrDb: 14,
    adjacentPrDb: -60,
    adjacentGuardHz: 8_330,
    inspectionIntervalMonths: 24,
    source:
      'ICAO Annex 10 Vol. V: 75 µV/m (38 dBµV/m) protected field for VHF air–ground voice; ' +
      'coordinated with civil aviation.',
  },
  {
    code: 'other',
    nameVi: 'Khác',
    nameEn: 'Other',
    protectedFieldDbuv: 40,
    receiverHeightM: 10,
    environment: 'suburban',
    coChannelPrDb: 10,
    adjacentPrDb: -40,
    adjacentGuardHz: null,
    inspectionIntervalMonths: 36,
    source: 'Generic placeholder values.',
  },
];

export interface BandSeed {
  lowHz: number;
  highHz: number;
  services: ServiceCode[];
  channelRasterHz: number | null;
  note: string;
  source: string;
}

const NFP =
  'National frequency allocation plan of Viet Nam (Decision 71/2013/QĐ-TTg, ' +
  'amended by 02/2017/QĐ-TTg) and ITU RR Article 5, Region 3';

export const BAND_SEEDS: BandSeed[] = [
  {
    lowHz: 54_000_000,
    highHz: 68_000_000,
    services: ['loudspeaker'],
    channelRasterHz: 25_000,
    note: 'Commune wireless loudspeaker systems',
    source: `${NFP}; QCVN 70:2013/BTTTT`,
  },
  {
    lowHz: 87_500_000,
    highHz: 108_000_000,
    services: ['fm_broadcast'],
    channelRasterHz: 100_000,
    note: 'FM sound broadcasting (Band II)',
    source: `${NFP}; ITU-R BS.412`,
  },
  {
    lowHz: 108_000_000,
    highHz: 137_000_000,
    services: ['aeronautical'],
    channelRasterHz: 8_333,
    note: 'Aeronautical radionavigation and VHF air–ground voice (8.33/25 kHz)',
    source: `${NFP}; ICAO Annex 10`,
  },
  {
    lowHz: 136_000_000,
    highHz: 137_000_000,
    services: ['land_mobile'],
    channelRasterHz: 12_500,
    note: 'Land mobile (shared edge of the aeronautical band)',
    source: NFP,
  },
  {
    lowHz: 137_000_000,
    highHz: 144_000_000,
    services: ['land_mobile', 'fixed_link'],
    channelRasterHz: 12_500,
    note: 'VHF land mobile and fixed',
    source: NFP,
  },
  {
    lowHz: 144_000_000,
    highHz: 148_000_000,
    services: ['amateur'],
    channelRasterHz: 12_500,
    note: '2 m amateur band',
    source: `${NFP}; ITU RR 5.217`,
  },
  {
    lowHz: 148_000_000,
    highHz: 156_000_000,
    services: ['land_mobile'],
    channelRasterHz: 12_500,
    note: 'VHF land mobile',
    source: NFP,
  },
  {
    lowHz: 156_000_000,
    highHz: 162_050_000,
    services: ['maritime', 'land_mobile'],
    channelRasterHz: 12_500,
    note: 'VHF maritime mobile (Appendix 18) shared with land mobile inland',
    source: `${NFP}; ITU RR Appendix 18`,
  },
  {
    lowHz: 162_050_000,
    highHz: 174_000_000,
    services: ['land_mobile'],
    channelRasterHz: 12_500,
    note: 'VHF land mobile',
    source: NFP,
  },
  {
    lowHz: 174_000_000,
    highHz: 230_000_000,
    services: ['tv_broadcast'],
    channelRasterHz: 8_000_000,
    note: 'VHF television (Band III), 8 MHz channels',
    source: `${NFP}; GE06`,
  },
  {
    lowHz: 403_000_000,
    highHz: 470_000_000,
    services: ['land_mobile'],
    channelRasterHz: 12_500,
    note: 'UHF land mobile',
    source: NFP,
  },
  {
    lowHz: 430_000_000,
    highHz: 440_000_000,
    services: ['amateur'],
    channelRasterHz: 12_500,
    note: '70 cm amateur band (secondary)',
    source: `${NFP}; ITU RR 5.138`,
  },
  {
    lowHz: 470_000_000,
    highHz: 694_000_000,
    services: ['tv_broadcast'],
    channelRasterHz: 8_000_000,
    note: 'UHF television (Bands IV/V), 8 MHz channels, channels 21–48',
    source: `${NFP}; digital dividend plan`,
  },
  {
    lowHz: 694_000_000,
    highHz: 806_000_000,
    services: ['land_mobile'],
    channelRasterHz: 100_000,
    note: 'IMT 700 MHz (APT band plan), formerly UHF TV channels 49–62',
    source: `${NFP}; APT/AWF/REP-14`,
  },
  {
    lowHz: 880_000_000,
    highHz: 960_000_000,
    services: ['land_mobile'],
    channelRasterHz: 200_000,
    note: 'IMT 900 MHz (GSM/LTE)',
    source: NFP,
  },
  {
    lowHz: 1_710_000_000,
    highHz: 1_880_000_000,
    services: ['land_mobile'],
    channelRasterHz: 200_000,
    note: 'IMT 1800 MHz',
    source: NFP,
  },
  {
    lowHz: 1_920_000_000,
    highHz: 2_170_000_000,
    services: ['land_mobile'],
    channelRasterHz: 200_000,
    note: 'IMT 2100 MHz',
    source: NFP,
  },
  {
    lowHz: 2_300_000_000,
    highHz: 2_400_000_000,
    services: ['land_mobile'],
    channelRasterHz: 100_000,
    note: 'IMT 2300 MHz (TDD)',
    source: NFP,
  },
  {
    lowHz: 2_500_000_000,
    highHz: 2_690_000_000,
    services: ['land_mobile'],
    channelRasterHz: 100_000,
    note: 'IMT 2600 MHz',
    source: NFP,
  },
  {
    lowHz: 3_300_000_000,
    highHz: 3_800_000_000,
    services: ['land_mobile'],
    channelRasterHz: 100_000,
    note: 'IMT 3.5 GHz (5G)',
    source: NFP,
  },
  {
    lowHz: 7_125_000_000,
    highHz: 8_500_000_000,
    services: ['fixed_link'],
    channelRasterHz: 7_000_000,
    note: '7/8 GHz fixed links',
    source: `${NFP}; ITU-R F.385, F.386`,
  },
  {
    lowHz: 10_700_000_000,
    highHz: 11_700_000_000,
    services: ['fixed_link'],
    channelRasterHz: 40_000_000,
    note: '11 GHz fixed links',
    source: `${NFP}; ITU-R F.387`,
  },
  {
    lowHz: 12_750_000_000,
    highHz: 13_250_000_000,
    services: ['fixed_link'],
    channelRasterHz: 28_000_000,
    note: '13 GHz fixed links',
    source: `${NFP}; ITU-R F.497`,
  },
  {
    lowHz: 14_500_000_000,
    highHz: 15_350_000_000,
    services: ['fixed_link'],
    channelRasterHz: 28_000_000,
    note: '15 GHz fixed links',
    source: `${NFP}; ITU-R F.636`,
  },
  {
    lowHz: 17_700_000_000,
    highHz: 19_700_000_000,
    services: ['fixed_link'],
    channelRasterHz: 27_500_000,
    note: '18 GHz fixed links',
    source: `${NFP}; ITU-R F.595`,
  },
  {
    lowHz: 21_200_000_000,
    highHz: 23_600_000_000,
    services: ['fixed_link'],
    channelRasterHz: 28_000_000,
    note: '23 GHz fixed links',
    source: `${NFP}; ITU-R F.637`,
  },
];
