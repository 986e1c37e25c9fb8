/**
 * What is due for inspection: pure arithmetic on dates and positions (no database). A station is due
 * `intervalMonths` after its last completed inspection, or after its licence was issued when it was
 * never inspected. Dates are ISO calendar days (YYYY-MM-DD).
 */
import { distance, point } from '@turf/turf';

/** ISO date plus whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface DueBasis {
  /** Day of the last completed inspection, if any. */
  lastInspectedOn: string | null;
  /** Day the licence was issued. */
  licenceIssuedOn: string | null;
  intervalMonths: number;
}

/** The day the next inspection is due, or null with nothing to count from. */
export function dueDateOf(b: DueBasis): string | null {
  const from = b.lastInspectedOn ?? b.licenceIssuedOn;
  return from ? addMonths(from, b.intervalMonths) : null;
}

/** Days past the due date (negative: days left). */
export function overdueDays(dueOn: string, today: string): number {
  return daysBetween(dueOn, today);
}

export type DueState = 'overdue' | 'due' | 'later';

/** Overdue after the due day; due within `windowDays` before it. */
export function dueState(dueOn: string, today: string, windowDays = 30): DueState {
  const late = overdueDays(dueOn, today);
  if (late > 0) return 'overdue';
  return late >= -windowDays ? 'due' : 'later';
}

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in km (Turf, haversine). */
export function distanceKm(a: LatLon, b: LatLon): number {
  return distance(point([a.longitude, a.latitude]), point([b.longitude, b.latitude]), { units: 'kilometers' });
}

export interface DueSortable {
  overdueDays: number;
  distanceKm: number | null;
  stationId: number;
}

/** Most overdue first; equally overdue, the nearest first; then by station for a stable order. */
export function compareDue(a: DueSortable, b: DueSortable): number {
  if (a.overdueDays !== b.overdueDays) return b.overdueDays - a.overdueDays;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.stationId - b.stationId;
}
