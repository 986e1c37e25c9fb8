/**
 * The fee calculation (SPEC §11) as pure functions: no database, no clock. Given a licence's facts, the fee
 * schedule and the exemptions, they say which schedule row is in force on a date, which fee period a date
 * falls in, and the lines of a notice, each with the schedule row (and exemption) behind it.
 *
 * Rules, stated once:
 * - the rate in force on a date is the matching row with the latest `effectiveFrom` on or before it (ties:
 *   the newest row); a row matches the fee kind, the licence type, the service and the class bounds
 *   (`[min, max)`, null = open) of the station's widest TX bandwidth and its ERP;
 * - fee years run from the licence's `validFrom` to each anniversary; the use fee of a period is taken at the
 *   rate in force on the period's first day, so a schedule change mid-term applies from the next period on;
 * - a period shorter than its fee year (a licence issued after `validFrom`, or a term ending mid-year) pays pro
 *   rata by days: `rate × days ÷ days in that fee year`, rounded half up to the whole đồng, line by line;
 * - an exemption (by service, licensee kind or both, in force on the period's first day) makes every line 0
 *   and names its legal basis;
 * - equipment licences pay the use fee per station; band licences pay one use fee for the licence.
 */
import { addDays, addYears } from '../../lib/dates';
import type { FeeKind, NoticeKind, NoticeLine } from '../../models/fee-models';

export interface RateRow {
  id: number;
  effectiveFrom: string;
  kind: FeeKind;
  licenceType: string;
  service: string;
  bandwidthMinHz: number | null;
  bandwidthMaxHz: number | null;
  erpMinW: number | null;
  erpMaxW: number | null;
  amountVnd: number;
  placeholder: boolean;
  legalBasis: string;
}

export interface ExemptionRow {
  id: number;
  effectiveFrom: string;
  service: string | null;
  licenseeKind: string | null;
  legalBasis: string;
}

export interface FeeStation {
  id: number;
  name: string;
  erpW: number | null;
  /** The widest bandwidth of the station's TX assignments (Hz), or null with none. */
  bandwidthHz: number | null;
}

export interface FeeSubject {
  type: string;
  service: string;
  licenseeKind: string;
  validFrom: string;
  validTo: string;
  stations: FeeStation[];
}

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** `amount × num ÷ den` rounded half up to the whole đồng, in integers (no floating error). */
export function proRataVnd(amount: number, num: number, den: number): number {
  if (den <= 0) throw new Error('pro rata over an empty year');
  return Math.floor((2 * amount * num + den) / (2 * den));
}

const within = (v: number, min: number | null, max: number | null) =>
  (min === null || v >= min) && (max === null || v < max);

/** The row in force on `on` for a fee kind, licence type, service and class, or null. */
export function rateFor(
  rows: readonly RateRow[],
  q: { kind: FeeKind; licenceType: string; service: string; bandwidthHz?: number | null; erpW?: number | null },
  on: string,
): RateRow | null {
  let best: RateRow | null = null;
  for (const r of rows) {
    if (r.kind !== q.kind || r.licenceType !== q.licenceType || r.service !== q.service) continue;
    if (r.effectiveFrom > on) continue;
    if (!within(q.bandwidthHz ?? 0, r.bandwidthMinHz, r.bandwidthMaxHz)) continue;
    if (!within(q.erpW ?? 0, r.erpMinW, r.erpMaxW)) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.id > best.id))
      best = r;
  }
  return best;
}

/** The exemption in force on `on` for a service and licensee kind (every condition it sets must hold), or null. */
export function exemptionFor(
  exemptions: readonly ExemptionRow[],
  subject: Pick<FeeSubject, 'service' | 'licenseeKind'>,
  on: string,
): ExemptionRow | null {
  const hits = exemptions.filter(
    (e) =>
      e.effectiveFrom <= on &&
      (e.service !== null || e.licenseeKind !== null) &&
      (e.service === null || e.service === subject.service) &&
      (e.licenseeKind === null || e.licenseeKind === subject.licenseeKind),
  );
  return hits.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
}

/** The fee year (anniversary to the day before the next) of a term that contains `date`. */
export function feeYearOf(validFrom: string, date: string): Period {
  let n = Math.max(0, Math.floor(daysBetween(validFrom, date) / 366));
  while (addYears(validFrom, n + 1) <= date) n += 1;
  return { from: addYears(validFrom, n), to: addDays(addYears(validFrom, n + 1), -1) };
}

/** The period billed from `start` (inside the term) to the end of its fee year or of the term. */
export function periodFrom(subject: Pick<FeeSubject, 'validFrom' | 'validTo'>, start: string): Period {
  const year = feeYearOf(subject.validFrom, start);
  return { from: start, to: year.to < subject.validTo ? year.to : subject.validTo };
}

const TYPE_WORDS: Record<string, string> = { frequency_equipment: 'equipment', frequency_band: 'band' };

function describe(kind: FeeKind, row: RateRow | null, extra: string): string {
  const base = `${kind}${row ? ` (${TYPE_WORDS[row.licenceType] ?? row.licenceType}, ${row.service})` : ''}`;
  return extra ? `${base} — ${extra}` : base;
}

/** One line at the rate in force on `on`; with no row the line is 0 and says so. */
function line(
  kind: FeeKind,
  row: RateRow | null,
  exemption: ExemptionRow | null,
  opts: { days?: number; daysInYear?: number; station?: FeeStation; note?: string },
): NoticeLine {
  const rate = row?.amountVnd ?? 0;
  const partial = opts.days !== undefined && opts.daysInYear !== undefined && opts.days < opts.daysInYear;
  let amount = partial ? proRataVnd(rate, opts.days as number, opts.daysInYear as number) : rate;
  const notes: string[] = [];
  if (opts.station) notes.push(opts.station.name);
  if (partial) notes.push(`${opts.days}/${opts.daysInYear} days`);
  if (!row) notes.push('no schedule row');
  if (exemption) {
    amount = 0;
    notes.push(`exempt: ${exemption.legalBasis}`);
  }
  if (opts.note) notes.push(opts.note);
  return {
    kind,
    description: describe(kind, row, notes.join('; ')),
    amountVnd: amount,
    scheduleRowId: row?.id ?? null,
    rateVnd: rate,
    stationId: opts.station?.id ?? null,
    stationName: opts.station?.name ?? null,
    exemptionId: exemption?.id ?? null,
    days: partial ? (opts.days as number) : null,
    daysInYear: partial ? (opts.daysInYear as number) : null,
    placeholder: row?.placeholder ?? false,
  };
}

/** The use-fee lines of a period (per station for equipment licences, one for a band licence). */
export function useFeeLines(
  subject: FeeSubject,
  rows: readonly RateRow[],
  exemptions: readonly ExemptionRow[],
  period: Period,
): NoticeLine[] {
  const year = feeYearOf(subject.validFrom, period.from);
  const days = daysBetween(period.from, period.to) + 1;
  const daysInYear = daysBetween(year.from, year.to) + 1;
  const exemption = exemptionFor(exemptions, subject, period.from);
  const q = { kind: 'annual_use' as const, licenceType: subject.type, service: subject.service };
  if (subject.type === 'frequency_band')
    return [line('annual_use', rateFor(rows, q, period.from), exemption, { days, daysInYear })];
  return subject.stations.map((s) =>
    line('annual_use', rateFor(rows, { ...q, bandwidthHz: s.bandwidthHz, erpW: s.erpW }, period.from), exemption, {
      days,
      daysInYear,
      station: s,
    }),
  );
}

export interface NoticeCalculation {
  kind: NoticeKind;
  period: Period;
  lines: NoticeLine[];
  totalVnd: number;
  placeholder: boolean;
}

/**
 * The lines of a notice:
 * - `grant` (on approval for issue, on `on`): the grant fee at `on`, and the use fee of the first period, from
 *   the later of `validFrom` and `on` to the end of that fee year (pro rata when shorter);
 * - `annual` (before an anniversary `on`): the use fee of the fee year starting on `on`;
 * - `renewal` / `amendment` (on issuing a renewed or amended revision): that fee at `on`.
 */
export function calculateNotice(
  kind: NoticeKind,
  subject: FeeSubject,
  rows: readonly RateRow[],
  exemptions: readonly ExemptionRow[],
  on: string,
): NoticeCalculation {
  const exemptionOn = exemptionFor(exemptions, subject, on);
  const q = { licenceType: subject.type, service: subject.service };
  let lines: NoticeLine[];
  let period: Period;
  if (kind === 'grant') {
    const start = on > subject.validFrom ? on : subject.validFrom;
    // A term already over on `on` (a licence issued late, or recorded after the fact) has no use period left:
    // the grant fee only, never a negative number of days.
    const over = start > subject.validTo;
    period = over ? { from: on, to: on } : periodFrom(subject, start);
    lines = [
      line('grant', rateFor(rows, { ...q, kind: 'grant' }, on), exemptionOn, {}),
      ...(over ? [] : useFeeLines(subject, rows, exemptions, period)),
    ];
  } else if (kind === 'annual') {
    period = periodFrom(subject, on);
    lines = useFeeLines(subject, rows, exemptions, period);
  } else {
    period = { from: on, to: on };
    lines = [line(kind, rateFor(rows, { ...q, kind }, on), exemptionOn, {})];
  }
  return {
    kind,
    period,
    lines,
    totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0),
    placeholder: lines.some((l) => l.placeholder),
  };
}

/** `Licence.feeVnd`: the annual use fee in force on `on` for a whole fee year, after exemptions. */
export function annualFeeVnd(
  subject: FeeSubject,
  rows: readonly RateRow[],
  exemptions: readonly ExemptionRow[],
  on: string,
): number {
  const year = { from: on, to: addDays(addYears(on, 1), -1) };
  return useFeeLines({ ...subject, validFrom: on, validTo: year.to }, rows, exemptions, year).reduce(
    (s, l) => s + l.amountVnd,
    0,
  );
}
