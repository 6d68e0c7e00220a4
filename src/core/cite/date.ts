/**
 * Dates of bibliographic items: EDTF / ISO 8601 strings (biblatex `date`, the dataset's `issued`, Pandoc YAML)
 * to CSL date objects.
 */
import type { CslDate } from './library';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** 1–12 for a month number or an English month name or abbreviation; undefined otherwise. */
export function monthNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : undefined;
  }
  return MONTHS[t.slice(0, 3)];
}

/** Date parts of one `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (optionally with `?`, `~`, `%`), or undefined. */
function parseOne(text: string): { parts: number[]; circa: boolean } | undefined {
  const m = /^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+Z?)?([?~%]?)$/.exec(text.trim());
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) {
    const month = Number(m[2]);
    // EDTF seasons (21–24) and invalid months keep only the year.
    if (month >= 1 && month <= 12) {
      parts.push(month);
      if (m[3]) {
        const day = Number(m[3]);
        if (day >= 1 && day <= 31) parts.push(day);
      }
    }
  }
  return { parts, circa: m[4] === '~' || m[4] === '%' };
}

/** A CSL date from an EDTF or ISO date or interval (`1968`, `1956-02-25`, `1961/1964`, `1962~`); raw if unreadable. */
export function cslDateFromEdtf(text: string | number): CslDate | undefined {
  const t = String(text).trim();
  if (t === '') return undefined;
  const halves = t.split('/');
  if (halves.length === 1 || halves.length === 2) {
    const first = halves[0] === '' || halves[0] === '..' ? undefined : parseOne(halves[0]);
    const second = halves.length === 2 && halves[1] !== '' && halves[1] !== '..' ? parseOne(halves[1]) : undefined;
    if (first && (halves.length === 1 || second || halves[1] === '' || halves[1] === '..')) {
      const date: CslDate = { 'date-parts': second ? [first.parts, second.parts] : [first.parts] };
      if (first.circa || second?.circa) date.circa = true;
      return date;
    }
  }
  return { raw: t };
}
