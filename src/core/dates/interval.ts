/**
 * Dates as the core compares them: closed intervals of days with the precision they were written at.
 * Day numbers count days in the proleptic Gregorian calendar (day 0 = 1970-01-01), so comparisons are integer
 * comparisons and nothing depends on time zones.
 */
import edtf from 'edtf';

export type Precision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'century';

/** Finer precisions come first. */
export const PRECISION_ORDER: readonly Precision[] = ['day', 'month', 'season', 'year', 'decade', 'century'];

/** True when `a` is at least as fine as `b` (day is finer than month). */
export function finerOrEqual(a: Precision, b: Precision): boolean {
  return PRECISION_ORDER.indexOf(a) <= PRECISION_ORDER.indexOf(b);
}

/** The coarser of two precisions. */
export function coarser(a: Precision, b: Precision): Precision {
  return PRECISION_ORDER.indexOf(a) >= PRECISION_ORDER.indexOf(b) ? a : b;
}

/** A closed interval of days, with the precision of its coarsest written end. */
export interface DateInterval {
  /** First day, inclusive. */
  start: number;
  /** Last day, inclusive. */
  end: number;
  precision: Precision;
  /** EDTF `?` or prose "c."/"probably": the writer is not sure. */
  uncertain?: boolean;
  /** EDTF `~` or prose "around"/"about". */
  approximate?: boolean;
}

const MS_PER_DAY = 86_400_000;

/** Day number of a Gregorian calendar date (month 1–12). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY) + (year >= 0 && year < 100 ? yearFix(year, month, day) : 0);
}

// Date.UTC maps years 0–99 to 1900–1999; correct for that so every year is literal.
function yearFix(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / MS_PER_DAY) - Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The Gregorian calendar date of a day number. */
export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Days in a Gregorian month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function yearInterval(year: number): DateInterval {
  return { start: dayNumber(year, 1, 1), end: dayNumber(year, 12, 31), precision: 'year' };
}

export function monthInterval(year: number, month: number): DateInterval {
  return { start: dayNumber(year, month, 1), end: dayNumber(year, month, daysInMonth(year, month)), precision: 'month' };
}

export function dayInterval(year: number, month: number, day: number): DateInterval {
  const n = dayNumber(year, month, day);
  return { start: n, end: n, precision: 'day' };
}

const EDTF_PRECISION: Record<number, Precision> = { 1: 'year', 2: 'month', 3: 'day' };

/** Why an EDTF string was refused, or the interval it denotes. */
export type EdtfResult = { ok: true; interval: DateInterval } | { ok: false; reason: string };

/**
 * Parses an EDTF (ISO 8601-2 level 0–1) string with the `edtf` library and returns the interval of days it
 * covers. Open or unknown interval ends (`..`, empty) are refused: a fact the product checks needs both ends.
 */
export function parseEdtf(text: string): EdtfResult {
  let parsed: ReturnType<typeof edtf>;
  try {
    parsed = edtf(text.trim());
  } catch (e) {
    const first = String((e as Error).message ?? e).split('\n')[0];
    return { ok: false, reason: `not an EDTF date: ${first}` };
  }
  const min = parsed.min;
  const max = parsed.max;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ok: false, reason: 'open or unknown interval ends are not supported' };
  const start = Math.floor(min / MS_PER_DAY);
  const end = Math.floor(max / MS_PER_DAY);
  if (end < start) return { ok: false, reason: 'the interval ends before it starts' };
  const interval: DateInterval = { start, end, precision: edtfPrecision(text, parsed) };
  const p = parsed as unknown as { uncertain?: { value: number }; approximate?: { value: number }; lower?: unknown; upper?: unknown };
  if (p.uncertain && p.uncertain.value) interval.uncertain = true;
  if (p.approximate && p.approximate.value) interval.approximate = true;
  if (/\?|%/.test(text)) interval.uncertain = true;
  if (/~|%/.test(text)) interval.approximate = true;
  return { ok: true, interval };
}

function edtfPrecision(text: string, parsed: { type: string; precision?: number }): Precision {
  if (parsed.type === 'Season') return 'season';
  if (parsed.type === 'Decade') return 'decade';
  if (parsed.type === 'Century') return 'century';
  if (parsed.type === 'Interval') {
    const ends = text.split('/').map((s) => s.trim());
    const precs = ends.map((e) => parseEdtf(e)).filter((r): r is { ok: true; interval: DateInterval } => r.ok).map((r) => r.interval.precision);
    return precs.reduce<Precision>((acc, p) => coarser(acc, p), 'day');
  }
  // Unspecified digits (196X, 19XX) widen a year to a decade or century.
  const year = text.trim().replace(/[?~%]/g, '').split('-')[0];
  if (/^\d{2}XX$/.test(year)) return 'century';
  if (/^\d{3}X$/.test(year)) return 'decade';
  return EDTF_PRECISION[parsed.precision ?? 1] ?? 'year';
}
