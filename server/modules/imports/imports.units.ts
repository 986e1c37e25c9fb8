/**
 * Cells in the units people write, turned into what the forms' schemas read (SPEC §3): a frequency or a
 * width gets the unit of its column header or of the unit column when the cell has none ("100.5" under
 * "Tần số (MHz)" → "100.5 MHz"); a power in W, kW or dBW (in the cell or the header) becomes watts.
 * Positions go to the schemas as written: they read decimal degrees and DMS.
 */
import { dbwToW } from '../../../geo/power';

/** The text a frequency schema reads: the cell with its unit, or the cell as it is (the schema then says why). */
export function frequencyCell(cell: string, headerUnit: string | null, unitColumn: string | null): string {
  const s = cell.trim();
  if (!s || /[a-zA-Z]/.test(s)) return s;
  const unit = unitColumn?.trim() || headerUnit;
  return unit ? `${s} ${unit}` : s;
}

/** Watts from "25", "25 W", "0.5 kW" or "13.98 dBW" (unit in the cell, else the header's, else W). */
export function powerCellW(cell: string, headerUnit: string | null): string {
  const s = cell.trim();
  const m = /^([+-]?\d+(?:[.,]\d+)?)\s*(dbw|kw|w)?$/i.exec(s);
  if (!m) return s;
  const value = Number((m[1] as string).replace(',', '.'));
  const unit = (m[2] ?? headerUnit ?? 'W').toLowerCase();
  const watts = unit === 'dbw' ? dbwToW(value) : unit === 'kw' ? value * 1000 : value;
  return String(Number(watts.toPrecision(12)));
}
