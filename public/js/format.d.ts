// Types of format.js for the TypeScript tests that import it (test/unit/browser/format.test.ts).
export interface BrowserFormatter {
  lang: 'vi' | 'en';
  number(n: number | null | undefined, maxFractionDigits?: number): string;
  date(d: Date | string | null | undefined): string;
  dateTime(d: Date | string | null | undefined): string;
  frequency(hz: number | null | undefined): string;
  area(km2: number | null | undefined): string;
}
export function formatter(lang: string): BrowserFormatter;
export function pageFormatter(): BrowserFormatter;
export function keepTogether(text: string): string;
