/**
 * Users' own datasets: the datasets a document names in its front matter, and dates a dataset records in the
 * Old Style (Julian calendar).
 *
 * Calendars. A date in a dataset may carry `calendar: julian` (events, their disputes, `born`/`died`): its EDTF
 * numbers are then Julian calendar numbers, and the interval the index builds is the same span of days
 * (`1917-10-25` Julian is the day the Gregorian calendar numbers 1917-11-07). Day numbers stay Gregorian
 * everywhere, so every comparison is still a comparison of integers.
 *
 * In prose, a date marked "O.S."/"Old Style" or "N.S."/"New Style" is read in that calendar and compared once.
 * An unmarked date is read in the New Style, except for events the dataset records in the Old Style: historians
 * write those (the "October Revolution", "25 October 1917") in the Old Style without saying so, so an unmarked
 * date is then read both ways and accepted when either reading agrees. Nothing that is right in one of the two
 * styles is flagged; a flag says which style(s) it compared in.
 */
import type { DateExpression } from '../dates/expressions';
import { formatInterval } from '../dates/format';
import { coarser, type DateInterval, type EdtfResult, type Precision } from '../dates/interval';
import { type CalendarName, dayNumberToGregorian, isValidCalendarDate, julianToDayNumber, monthLength } from '../dates/calendar';
import { parseEdtfCached } from './edtf-cache';

// ---------------------------------------------------------------------------------------------------------------
// Front matter

/** The front-matter key naming a document's own datasets. */
export const FRONT_MATTER_DATASETS_KEY = 'annalist-datasets';

/**
 * The dataset paths a document's front matter names under `annalist-datasets:` (a string or a list of strings),
 * as written (relative to the document), trimmed, without blanks or repeats. Anything else gives `[]`.
 */
export function datasetPathsFromFrontMatter(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const value = (data as Record<string, unknown>)[FRONT_MATTER_DATASETS_KEY];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') continue;
    const p = v.trim();
    if (p.length > 0 && !out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * A small most-recently-used cache of per-document indexes, keyed by the list of dataset paths a document adds
 * (`key` joins them); `clear()` it whenever the shared datasets reload.
 */
export class DocumentIndexCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 16) {}

  /** The cached value for these paths, else `make()` stored under them. */
  get(paths: readonly string[], make: () => T): T {
    const key = DocumentIndexCache.key(paths);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Forgets every cached index. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cache key of a list of paths (order matters: later datasets win on clashing ids). */
  static key(paths: readonly string[]): string {
    return paths.join('\n');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dataset dates in a calendar

/** `1917`, `1917-10`, `1917-10-25`, with an optional trailing `?`, `~` or `%`. */
const SIMPLE_EDTF = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$/;

interface SimpleEnd {
  year: number;
  month?: number;
  day?: number;
  flag: string;
}

function simpleEnd(text: string): SimpleEnd | undefined {
  const m = SIMPLE_EDTF.exec(text.trim());
  if (!m) return undefined;
  const end: SimpleEnd = { year: Number(m[1]), flag: m[4] };
  if (m[2] !== undefined) end.month = Number(m[2]);
  if (m[3] !== undefined) end.day = Number(m[3]);
  return end;
}

function precisionOf(e: SimpleEnd): Precision {
  return e.day !== undefined ? 'day' : e.month !== undefined ? 'month' : 'year';
}

/** First and last day of a simple end in the Julian calendar, or why it is not a Julian date. */
function julianSpan(e: SimpleEnd): { start: number; end: number } | string {
  const month = e.month;
  if (month !== undefined && (month < 1 || month > 12)) return `there is no month ${month}`;
  const firstMonth = month ?? 1;
  const lastMonth = month ?? 12;
  if (e.day !== undefined && !isValidCalendarDate('julian', e.year, firstMonth, e.day)) {
    return `month ${firstMonth} of ${e.year} has ${monthLength('julian', e.year, firstMonth)} days in the Julian calendar`;
  }
  const start = julianToDayNumber(e.year, firstMonth, e.day ?? 1);
  const end = julianToDayNumber(e.year, lastMonth, e.day ?? monthLength('julian', e.year, lastMonth));
  return { start, end };
}

/**
 * Parses a dataset's EDTF date written in `calendar` (default Gregorian) into the interval of days it covers.
 * Julian dates: years, months, days and intervals of them are computed exactly in the Julian calendar (so
 * `1900-02-29` is a day, and `1917` runs from 14 January 1917 to 13 January 1918 N.S.); other EDTF forms
 * (seasons, unspecified digits) are parsed as written and their end days shifted to the Julian reading.
 */
export function parseEdtfInCalendar(text: string, calendar?: CalendarName): EdtfResult {
  if (calendar !== 'julian' || typeof text !== 'string') return parseEdtfCached(text);
  const parts = text.split('/');
  if (parts.length <= 2) {
    const ends = parts.map(simpleEnd);
    if (ends.every((e): e is SimpleEnd => e !== undefined)) {
      const spans = ends.map(julianSpan);
      for (const s of spans) if (typeof s === 'string') return { ok: false, reason: s };
      const first = spans[0] as { start: number; end: number };
      const last = spans[spans.length - 1] as { start: number; end: number };
      if (last.end < first.start) return { ok: false, reason: 'the interval ends before it starts' };
      const precision = ends.map(precisionOf).reduce<Precision>((acc, p) => coarser(acc, p), 'day');
      const interval: DateInterval = { start: first.start, end: last.end, precision };
      if (ends.some((e) => e.flag === '?' || e.flag === '%')) interval.uncertain = true;
      if (ends.some((e) => e.flag === '~' || e.flag === '%')) interval.approximate = true;
      return { ok: true, interval };
    }
  }
  const gregorian = parseEdtfCached(text);
  if (!gregorian.ok) return gregorian;
  const shifted = readAsJulian(gregorian.interval);
  return shifted ? { ok: true, interval: shifted } : gregorian;
}

/**
 * The interval whose calendar numbers are those of `interval` read in the Julian calendar instead of the
 * Gregorian ("25 October 1917" → the day the Gregorian calendar calls 7 November 1917). A period ending on the
 * last day of a Gregorian month ends on the last day of that Julian month. Undefined on out-of-range input.
 */
export function readAsJulian(interval: DateInterval): DateInterval | undefined {
  try {
    const a = dayNumberToGregorian(interval.start);
    const b = dayNumberToGregorian(interval.end);
    const start = julianToDayNumber(a.year, a.month, a.day);
    const monthEnd = interval.precision !== 'day' && b.day === monthLength('gregorian', b.year, b.month);
    const end = julianToDayNumber(b.year, b.month, monthEnd ? monthLength('julian', b.year, b.month) : b.day);
    return { ...interval, start, end };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Prose dates against a dataset's calendar

/** What a date may say about its calendar. */
export interface CalendarMarked {
  calendar?: CalendarName;
}

/** One way of reading a written date's numbers. */
export interface CalendarReading {
  interval: DateInterval;
  /** The calendar the numbers were read in. */
  calendar: CalendarName;
  /** True when the text itself marks the style ("O.S.", "New Style"). */
  marked: boolean;
}

/**
 * The readings a written date is compared in: the marked style alone when the text marks one; else the New
 * Style, plus the Old Style when the event's date is recorded in the Old Style. `judged` is the interval the
 * check judges (the expression's, possibly adjusted); it was computed in the marked calendar or the Gregorian.
 */
export function calendarReadings(date: DateExpression, judged: DateInterval, event: CalendarMarked): CalendarReading[] {
  const marked = date.qualifiers.calendar;
  if (marked) return [{ interval: judged, calendar: marked, marked: true }];
  const readings: CalendarReading[] = [{ interval: judged, calendar: 'gregorian', marked: false }];
  if (event.calendar === 'julian') {
    const julian = readAsJulian(judged);
    if (julian) readings.push({ interval: julian, calendar: 'julian', marked: false });
  }
  return readings;
}

/**
 * The verdict over several readings: the first that does not contradict; else the first that agrees with a
 * dispute; else the first reading's.
 */
export function judgeReadings<V extends { contradicts: boolean; dispute?: number }>(readings: readonly CalendarReading[], judge: (written: DateInterval) => V): V {
  const verdicts = readings.map((r) => judge(r.interval));
  return verdicts.find((v) => !v.contradicts) ?? verdicts.find((v) => v.dispute !== undefined) ?? verdicts[0];
}

const STYLE_WORDS: Record<CalendarName, string> = { julian: 'the Old Style, Julian calendar', gregorian: 'the New Style, Gregorian calendar' };

/**
 * What a flag says about the calendar it compared in, to follow the written date: " (compared in the Old Style,
 * Julian calendar)" for a marked date, a note on both styles for an unmarked date of an Old Style event, and
 * nothing when neither the text nor the dataset speaks of calendars.
 */
export function calendarNote(date: DateExpression, event: CalendarMarked): string {
  const marked = date.qualifiers.calendar;
  if (marked) return ` (compared in ${STYLE_WORDS[marked]})`;
  if (event.calendar === 'julian') return ' (no style is marked, so it was compared in both the Old Style, Julian, and the New Style, Gregorian calendars)';
  return '';
}

/** The dataset's date as a flag states it: "25 October 1917 O.S. (7 November 1917 N.S.)" for an Old Style date. */
export function datasetDateText(event: CalendarMarked & { interval: DateInterval }): string {
  return intervalInCalendarText(event.interval, event.calendar);
}

/** An interval written in the calendar a dataset gives it: Old Style with its New Style equivalent, else plainly. */
export function intervalInCalendarText(interval: DateInterval, calendar: CalendarName | undefined): string {
  const ns = formatInterval(interval);
  if (calendar !== 'julian') return ns;
  const os = formatInterval(interval, { calendar: 'julian' });
  if (os === ns) return ns;
  return `${/ O\.S\.$/.test(os) ? os : `${os} O.S.`} (${ns} N.S.)`;
}

/**
 * The written date as a fix should rewrite it: an unmarked date of an Old Style event is rewritten in the Old
 * Style (the style such prose is written in), a marked one in its own style.
 */
export function styleForFix(date: DateExpression, event: CalendarMarked): DateExpression {
  if (date.qualifiers.calendar || event.calendar !== 'julian') return date;
  return { ...date, qualifiers: { ...date.qualifiers, calendar: 'julian' } };
}
