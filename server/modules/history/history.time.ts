/**
 * The date a past view of the register is read at: `asOf=YYYY-MM-DD` means the END of that calendar day in the
 * jurisdiction's time zone (config.timeZone, Asia/Ho_Chi_Minh), i.e. the instant the next day begins there.
 */
import { ValidationError } from '../../lib/errors';
import { clock } from '../../lib/dates';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One formatter per time zone: building an `Intl.DateTimeFormat` costs more than using it (every page asks). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `timeZone` at the instant `at` (+420 for Asia/Ho_Chi_Minh). */

export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar date (ISO) of the instant `at` in `timeZone`. */
export function dateInZone(at: Date, timeZone: string): string {
  return new Date(at.getTime() + zoneOffsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 10);
}

/**
 * The first instant after the day `iso` in `timeZone`: local midnight that starts the next day, as UTC.
 * A record stood "at the end of the day" when it was valid just before this instant.
 */
export function endOfDay(iso: string, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d + 1);
  // The offset at the guess, then again at the answer (a change of offset on that night moves it once).
  let at = wallMidnight - zoneOffsetMinutes(new Date(wallMidnight), timeZone) * 60_000;
  at = wallMidnight - zoneOffsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}

/** A past day to read the register at: the day as given, and the instant its end falls on. */
export interface AsOf {
  date: string;
  at: Date;
}

function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 1900;
}

/**
 * `asOf` from a query string: absent, empty or today → null (the live register); a past calendar date → its
 * end; anything else → 422 on the field. A future date is refused rather than shown as today: a page labelled
 * with a future date would pass off today's register as what will stand then (licences expire, are issued).
 */
export function parseAsOf(value: unknown, timeZone: string, now: Date = clock.now()): AsOf | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new ValidationError({ asOf: { key: 'v.date' } });
  const today = dateInZone(now, timeZone);
  if (value > today) throw new ValidationError({ asOf: { key: 'history.future', params: { today } } });
  if (value === today) return null;
  return { date: value, at: endOfDay(value, timeZone) };
}
