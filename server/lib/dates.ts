/** Calendar dates as ISO strings (`2026-12-07`), and the one clock the app reads (tests can move it). */

/** The app's clock: `clock.now()` everywhere the time of day matters; tests replace `now` and restore it. */
export const clock = {
  now: (): Date => new Date(),
};

/** Today's date (UTC), ISO. */
export function todayIso(): string {
  return clock.now().toISOString().slice(0, 10);
}

/** ISO date plus whole days (negative for earlier). */
export function addDays(iso: string, days: number): string {
  return new Date(new Date(`${iso}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO date plus whole years (29 Feb → 28 Feb when needed). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
