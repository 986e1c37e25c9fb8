/**
 * CSV files of a synthetic register for the import tests and benchmark: licensees, issued licences,
 * stations spread over Buôn Ma Thuột and one TX assignment per station on channels of their own.
 */
import { writeFileSync } from 'node:fs';

export type Row = Record<string, string | number>;

export function csvOf(rows: Row[], o: { delimiter?: string; bom?: boolean; headers?: string[] } = {}): string {
  const d = o.delimiter ?? ',';
  const headers = o.headers ?? Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [headers.map(cell).join(d), ...rows.map((r) => headers.map((h) => cell(r[h])).join(d))];
  return `${o.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

export function writeCsv(file: string, rows: Row[], o: Parameters<typeof csvOf>[1] = {}): string {
  writeFileSync(file, csvOf(rows, o));
  return file;
}

export function licenseeRows(n: number, tag = 'L'): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    externalRef: `${tag}-${i + 1}`,
    name: `Công ty Nhập liệu ${tag} ${i + 1}`,
    kind: 'enterprise',
    taxCode: String(6_100_000_000 + i),
    address: 'Buôn Ma Thuột, Đắk Lắk',
  }));
}

export function licenceRows(n: number, tag = 'L'): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    externalRef: `${tag}-GP-${i + 1}`,
    number: `IMP-${tag}-${String(i + 1).padStart(5, '0')}`,
    licenseeExternalRef: `${tag}-${i + 1}`,
    type: 'frequency_equipment',
    service: 'land_mobile',
    status: 'issued',
    validFrom: '2025-01-01',
    validTo: '2030-12-31',
  }));
}

/** Stations on a grid around Buôn Ma Thuột (all inside the jurisdiction), spread over the licences. */
export function stationRows(n: number, licences: number, tag = 'L'): Row[] {
  const side = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => ({
    externalRef: `${tag}-ST-${i + 1}`,
    licenceNumber: `IMP-${tag}-${String((i % licences) + 1).padStart(5, '0')}`,
    name: `Trạm ${tag} ${i + 1}`,
    service: 'land_mobile',
    stationClass: 'FB',
    latitude: (12.62 + (Math.floor(i / side) / side) * 0.12).toFixed(6),
    longitude: (107.99 + ((i % side) / side) * 0.12).toFixed(6),
    antennaHeightM: 20,
    antennaGainDbi: 3,
    txPowerW: 5,
    feederLossDb: 1,
  }));
}

/** One TX assignment per station, on channels of their own (`stepMhz` apart from `fromMhz`), in MHz. */
export function assignmentRows(n: number, tag = 'L', fromMhz = 140, stepMhz = 0.5): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    externalRef: `${tag}-AS-${i + 1}`,
    stationExternalRef: `${tag}-ST-${i + 1}`,
    direction: 'tx',
    // Irregular steps (not an arithmetic series, whose third-order intermodulation products hit other channels).
    frequencyMhz: (fromMhz + i * stepMhz + ((i * 7919) % 13) * 0.0125).toFixed(4),
    bandwidthHz: 12_500,
    emissionDesignator: '11K0F3E',
  }));
}
