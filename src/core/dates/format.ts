/**
 * Dates written back the way historians write them: "25 February 1956", "17–31 October 1961",
 * "31 October – 1 November 1961", "1953–64", "the 1950s", "the winter of 1956–57" — and, for a fix, the
 * right date written in the same style and at the same precision as the writer's wrong one.
 */
import { type DateInterval, type Precision, PRECISION_ORDER, coarser, parseEdtf } from './interval';
import { type CalendarDate, type CalendarName, dayNumberToCalendar, monthLength } from './calendar';
import type { DateExpression, DateStyle } from './expressions';
import { widenTo } from './compare';

export type { DateStyle } from './expressions';

/** A style to write in, plus the calendar to write the numbers in. */
export type FormatStyle = Partial<DateStyle> & {
  /** Write the day and month in this calendar; 'julian' appends " O.S." unless `calendarMark` is false. */
  calendar?: CalendarName;
  calendarMark?: boolean;
  /** Write "c. " before approximate and "?" after uncertain dates (default true). */
  qualify?: boolean;
  /** "from … to …" or "between … and …" around a range. */
  keyword?: 'from' | 'between';
};

const MONTH_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_SHORT_DOT = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The English name of a weekday, 0 = Sunday … 6 = Saturday. */
export function weekdayName(n: number): string {
  return WEEKDAY_NAMES[((Math.trunc(n) % 7) + 7) % 7] ?? '';
}

function monthName(m: number, style: FormatStyle): string {
  const list = style.monthForm === 'short' ? MONTH_SHORT : style.monthForm === 'short-dot' ? MONTH_SHORT_DOT : MONTH_LONG;
  return list[m - 1];
}

function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function pad(n: number, width: number, on: boolean): string {
  return on ? String(n).padStart(width, '0') : String(n);
}

function yearText(y: number, style: FormatStyle): string {
  if (style.yearForm === 'apostrophe' && y >= 1900 && y <= 1999) return `'${String(y % 100).padStart(2, '0')}`;
  return String(y);
}

function day(d: CalendarDate, style: FormatStyle, withYear = true): string {
  const dayNum = style.ordinal ? ordinal(d.day) : String(d.day);
  const y = yearText(d.year, style);
  switch (style.order) {
    case 'mdy':
      return withYear ? `${monthName(d.month, style)} ${dayNum}${style.comma === false ? '' : ','} ${y}` : `${monthName(d.month, style)} ${dayNum}`;
    case 'iso':
      return `${d.year}-${pad(d.month, 2, true)}-${pad(d.day, 2, true)}`;
    case 'dotted':
      return `${pad(d.day, 2, style.padded !== false)}.${pad(d.month, 2, style.padded !== false)}.${d.year}`;
    default: {
      const head = style.article && style.ordinal ? `the ${dayNum}${style.of ? ' of' : ''}` : style.ordinal && style.of ? `${dayNum} of` : dayNum;
      return withYear ? `${head} ${monthName(d.month, style)} ${y}` : `${head} ${monthName(d.month, style)}`;
    }
  }
}

function month(d: CalendarDate, style: FormatStyle, withYear = true): string {
  if (style.order === 'iso') return `${d.year}-${pad(d.month, 2, true)}`;
  return withYear ? `${monthName(d.month, style)}${style.of ? ' of' : ''} ${yearText(d.year, style)}` : monthName(d.month, style);
}

function separatorOf(style: FormatStyle, spaced: boolean): string {
  if (style.keyword === 'from') return style.separator && /\S/.test(style.separator) && !/[–—-]/.test(style.separator) ? style.separator : ' to ';
  if (style.keyword === 'between') return ' and ';
  if (style.separator) {
    if (/^\s*\/\s*$/.test(style.separator)) return '/';
    if (spaced && !/\s/.test(style.separator)) return ` ${style.separator} `;
    return style.separator;
  }
  return spaced ? ' – ' : '–';
}

function withKeyword(text: string, style: FormatStyle): string {
  return style.keyword ? `${style.keyword} ${text}` : text;
}

interface Ends {
  a: CalendarDate;
  b: CalendarDate;
  cal: CalendarName;
}

function aligned(p: Precision, { a, b, cal }: Ends): boolean {
  const monthAligned = a.day === 1 && b.day === monthLength(cal, b.year, b.month);
  const yearAligned = monthAligned && a.month === 1 && b.month === 12;
  switch (p) {
    case 'day':
      return true;
    case 'month':
      return monthAligned;
    case 'season':
      return monthAligned && seasonName(a, b) !== undefined;
    case 'year':
      return yearAligned;
    case 'decade':
      return yearAligned && a.year % 10 === 0 && b.year % 10 === 9;
    default:
      return yearAligned && a.year % 100 <= 1 && (b.year % 100 === 99 || b.year % 100 === 0) && b.year > a.year + 90;
  }
}

/** A season or third of a year spanning exactly months a..b, or undefined. */
function seasonName(a: CalendarDate, b: CalendarDate): { word: string; part?: boolean; years?: [number, number] } | undefined {
  if (a.month === 12 && b.month === 2 && b.year === a.year + 1) return { word: 'winter', years: [a.year, b.year] };
  if (a.year !== b.year) return undefined;
  const key = `${a.month}-${b.month}`;
  const season = { '3-5': 'spring', '6-8': 'summer', '9-11': 'autumn' }[key];
  if (season) return { word: season };
  const third = { '1-4': 'early', '5-8': 'mid', '9-12': 'late' }[key];
  return third ? { word: third, part: true } : undefined;
}

function capitalize(text: string, on: boolean | undefined): string {
  return on && text ? text[0].toUpperCase() + text.slice(1) : text;
}

/**
 * An interval written as historians write it (dmy by default): "25 February 1956", "February 1956", "1962",
 * "17–31 October 1961", "31 October – 1 November 1961", "1953–64", "the 1950s", "spring 1956".
 */
export function formatInterval(interval: DateInterval, style: FormatStyle = {}): string {
  if (!interval || !Number.isInteger(interval.start) || !Number.isInteger(interval.end) || interval.end < interval.start) return '';
  const s: FormatStyle = { order: 'dmy', ...style };
  const cal: CalendarName = s.calendar ?? 'gregorian';
  const ends: Ends = { a: dayNumberToCalendar(cal, interval.start), b: dayNumberToCalendar(cal, interval.end), cal };
  let p: Precision = PRECISION_ORDER.includes(interval.precision) ? interval.precision : 'day';
  while (!aligned(p, ends)) p = PRECISION_ORDER[PRECISION_ORDER.indexOf(p) - 1];
  let text = body(p, ends, s);
  const qualify = s.qualify !== false && p !== 'season';
  if (qualify && interval.approximate) text = `c. ${text}`;
  if (qualify && interval.uncertain && !interval.approximate) text = `${text}?`;
  if (cal === 'julian' && s.calendarMark !== false && (p === 'day' || p === 'month')) text = `${text} O.S.`;
  return capitalize(text, s.capitalized);
}

function body(p: Precision, { a, b }: Ends, s: FormatStyle): string {
  const sameYear = a.year === b.year;
  switch (p) {
    case 'century': {
      const first = a.year % 100 === 0 ? a.year : a.year - 1;
      const c = first / 100 + 1;
      const last = b.year % 100 === 0 ? b.year / 100 : Math.floor(b.year / 100) + 1;
      const the = s.article === false ? '' : 'the ';
      return last === c ? `${the}${ordinal(c)} century` : `${the}${ordinal(c)}–${ordinal(last)} centuries`;
    }
    case 'decade': {
      const the = s.article === false ? '' : 'the ';
      const d1 = a.year;
      const d2 = b.year - 9;
      const dec = (y: number) => (s.yearForm === 'apostrophe' && y >= 1900 && y <= 1999 ? `'${String(y % 100).padStart(2, '0')}s` : `${y}s`);
      if (d1 === d2) return `${the}${dec(d1)}`;
      if (d2 === d1 + 10) return `${the}${dec(d1)} and ${dec(d2)}`;
      return `${the}${dec(d1)}–${dec(d2)}`;
    }
    case 'year': {
      if (sameYear) return withKeywordSingle(yearText(a.year, s));
      const short = s.endYearForm !== 'full' && !s.keyword && Math.floor(a.year / 100) === Math.floor(b.year / 100) && s.yearForm !== 'apostrophe';
      const end = short ? String(b.year % 100).padStart(2, '0') : yearText(b.year, s);
      return withKeyword(`${yearText(a.year, s)}${separatorOf(s, false)}${end}`, s);
    }
    case 'season': {
      const name = seasonName(a, b);
      if (!name) return body('month', { a, b, cal: 'gregorian' }, s);
      if (name.part) return `${name.word === 'mid' ? 'mid-' : `${name.word} `}${yearText(a.year, s)}`;
      const word = name.word === 'autumn' && s.season === 'fall' ? 'fall' : name.word;
      const head = `${s.article ? 'the ' : ''}${word}${s.of || s.article ? ' of' : ''}`;
      if (name.years) {
        const sep = s.separator && /^\s*\/\s*$/.test(s.separator) ? '/' : '–';
        const end = s.endYearForm === 'full' ? String(name.years[1]) : String(name.years[1] % 100).padStart(2, '0');
        return `${head} ${name.years[0]}${sep}${end}`;
      }
      return `${head} ${yearText(a.year, s)}`;
    }
    case 'month': {
      if (a.year === b.year && a.month === b.month) return month(a, s);
      if (s.order === 'iso') return withKeyword(`${month(a, s)}${separatorOf(s, true)}${month(b, s)}`, s);
      if (sameYear) return withKeyword(`${month(a, s, false)}${separatorOf(s, false)}${month(b, s)}`, s);
      return withKeyword(`${month(a, s)}${separatorOf(s, true)}${month(b, s)}`, s);
    }
    default: {
      const night = s.night ? 'the night of ' : '';
      if (a.year === b.year && a.month === b.month && a.day === b.day) return day(a, s);
      if (s.order === 'iso' || s.order === 'dotted') return withKeyword(`${night}${day(a, s)}${separatorOf(s, true)}${day(b, s)}`, s);
      const sameMonth = sameYear && a.month === b.month;
      if (s.order === 'mdy') {
        if (sameMonth) return withKeyword(`${night}${monthName(a.month, s)} ${s.ordinal ? ordinal(a.day) : a.day}${separatorOf(s, false)}${s.ordinal ? ordinal(b.day) : b.day}${s.comma === false ? '' : ','} ${yearText(b.year, s)}`, s);
        if (sameYear) return withKeyword(`${night}${day(a, s, false)}${separatorOf(s, true)}${day(b, s)}`, s);
        return withKeyword(`${night}${day(a, s)}${separatorOf(s, true)}${day(b, s)}`, s);
      }
      const plain = { ...s, article: false, of: false };
      if (sameMonth) return withKeyword(`${night}${s.ordinal ? ordinal(a.day) : a.day}${separatorOf(s, false)}${day(b, plain)}`, s);
      if (sameYear) return withKeyword(`${night}${day(a, plain, false)}${separatorOf(s, !s.night)}${day(b, plain)}`, s);
      return withKeyword(`${night}${day(a, plain)}${separatorOf(s, true)}${day(b, plain)}`, s);
    }
  }
}

function withKeywordSingle(text: string): string {
  return text;
}

/** An EDTF date or interval written as historians write it; the input itself when it is not EDTF. */
export function formatEdtf(edtf: string, style: FormatStyle = {}): string {
  const r = parseEdtf(String(edtf ?? ''));
  return r.ok ? formatInterval(r.interval, style) : String(edtf ?? '');
}

/** The third of a unit ("early", "mid", "late") that holds all of [start, end], if one does. */
function thirdHolding(startUnit: number, endUnit: number, size: number, cuts: [number, number]): 'early' | 'mid' | 'late' | undefined {
  const which = (u: number) => (u < cuts[0] ? 'early' : u < cuts[1] ? 'mid' : 'late');
  if (Math.floor(startUnit / size) !== Math.floor(endUnit / size)) return undefined;
  const a = which(startUnit % size);
  return a === which(endUnit % size) ? a : undefined;
}

/**
 * The target date written in the style of the writer's expression and at its precision, never finer than the
 * target's: "1961" → "1962"; "31 October 1961" with a target year → "1962"; "in '61" → "'62"; "c. 1961" → "c. 1962".
 * The text replaces the whole expression (its qualifier, weekday and calendar mark included).
 */
export function rewriteLike(expr: DateExpression, target: DateInterval): string {
  const cal: CalendarName = expr.qualifiers.calendar === 'julian' ? 'julian' : 'gregorian';
  const ownsArticle = expr.kind === 'decade' || expr.kind === 'century' || expr.kind === 'part' || expr.kind === 'season';
  const style: FormatStyle = { ...expr.style, article: expr.style.article ?? (ownsArticle ? false : undefined), qualify: false, calendar: cal, calendarMark: false, capitalized: false };
  if (expr.kind === 'range' && /^(from|between)\b/i.test(expr.text.slice(expr.dateSpan.start - expr.start))) {
    style.keyword = /^from/i.test(expr.text.slice(expr.dateSpan.start - expr.start)) ? 'from' : 'between';
  }
  if (expr.kind === 'range' && (expr.style.order === 'year')) style.article = false;
  const writerPrecision = expr.interval.precision;
  let text: string;
  let precision: Precision;
  const t = dayNumberToCalendar('gregorian', target.start);
  const u = dayNumberToCalendar('gregorian', target.end);
  if (expr.kind === 'part' && expr.style.partOf) {
    const r = rewritePart(expr, target, t, u);
    text = r.text;
    precision = r.precision;
  } else if (expr.kind === 'season' && finerOrSame(target.precision, 'season')) {
    const w = widenTo({ ...target, precision: 'day' }, 'season');
    precision = 'season';
    text = formatInterval(w, { ...style, qualify: false });
  } else {
    precision = coarser(writerPrecision === 'season' ? 'year' : writerPrecision, target.precision);
    if (expr.kind === 'decade' && precision !== 'century') precision = 'decade';
    if (expr.kind === 'century') precision = 'century';
    const w = widenTo({ start: target.start, end: target.end, precision: target.precision }, precision);
    if (precision === 'year' && w.start !== w.end && expr.kind !== 'range') style.keyword = undefined;
    if (!isRangeOf(w, cal) && style.keyword) style.keyword = undefined;
    if (style.night && !(precision === 'day' && target.end - target.start === 1)) style.night = false;
    if (precision !== 'day' && precision !== 'month') style.calendar = 'gregorian'; // years are the same in both calendars here
    text = formatInterval({ ...w, precision }, style);
  }
  // What surrounds the date proper: a qualifier, a weekday, a calendar mark.
  let head = expr.text.slice(0, expr.dateSpan.start - expr.start);
  if (expr.weekdaySpan) {
    const before = expr.text.slice(0, expr.weekdaySpan.start - expr.start);
    const between = expr.text.slice(expr.weekdaySpan.end - expr.start, expr.dateSpan.start - expr.start);
    const single = precision === 'day' && target.start === target.end;
    head = single ? `${before}${weekdayName(((target.start + 4) % 7 + 7) % 7)}${between}` : before;
  }
  let tail = expr.text.slice(expr.dateSpan.end - expr.start);
  if (expr.calendarSpan && !(precision === 'day' || precision === 'month')) tail = '';
  if (!head && expr.style.capitalized) text = capitalize(text, true);
  return `${head}${text}${tail}`;
}

function isRangeOf(i: DateInterval, cal: CalendarName): boolean {
  const a = dayNumberToCalendar(cal, i.start);
  const b = dayNumberToCalendar(cal, i.end);
  switch (i.precision) {
    case 'day':
      return i.start !== i.end;
    case 'month':
      return a.year !== b.year || a.month !== b.month;
    case 'year':
      return a.year !== b.year;
    default:
      return true;
  }
}

function finerOrSame(a: Precision, b: Precision): boolean {
  return PRECISION_ORDER.indexOf(a) <= PRECISION_ORDER.indexOf(b);
}

function rewritePart(expr: DateExpression, target: DateInterval, t: CalendarDate, u: CalendarDate): { text: string; precision: Precision } {
  const part = (word: 'early' | 'mid' | 'late', rest: string, hyphen: boolean) =>
    `${expr.style.article ? 'the ' : ''}${word === 'mid' ? (hyphen ? 'mid-' : 'mid ') : `${word} `}${rest}`;
  const hyphen = /mid-/i.test(expr.text) || !/mid /i.test(expr.text);
  const yearStyle: FormatStyle = { yearForm: expr.style.yearForm };
  switch (expr.style.partOf) {
    case 'month': {
      if (target.precision === 'day' && t.year === u.year && t.month === u.month) {
        const third = u.day <= 10 ? 'early' : t.day >= 21 ? 'late' : t.day >= 11 && u.day <= 20 ? 'mid' : undefined;
        const m = month(t, { ...expr.style, of: false, order: 'dmy' });
        if (third) return { text: part(third, m, hyphen), precision: 'day' };
        return { text: m, precision: 'month' };
      }
      break;
    }
    case 'year': {
      if (finerOrSame(target.precision, 'month') && t.year === u.year) {
        const third = thirdHolding(t.month - 1, u.month - 1, 12, [4, 8]);
        if (third) return { text: part(third, yearText(t.year, yearStyle), hyphen), precision: 'season' };
      }
      break;
    }
    case 'decade': {
      if (finerOrSame(target.precision, 'year')) {
        const third = thirdHolding(t.year, u.year, 10, [4, 7]);
        const dec = t.year - (t.year % 10);
        const decText = expr.style.yearForm === 'apostrophe' && dec >= 1900 && dec <= 1999 ? `'${String(dec % 100).padStart(2, '0')}s` : `${dec}s`;
        if (third) return { text: part(third, decText, hyphen), precision: 'year' };
      }
      break;
    }
    case 'century': {
      if (finerOrSame(target.precision, 'decade')) {
        const third = thirdHolding(t.year, u.year, 100, [34, 67]);
        if (third) return { text: part(third, `${ordinal(Math.floor(t.year / 100) + 1)} century`, hyphen), precision: 'decade' };
      }
      break;
    }
  }
  // The target does not fall in one third: write it at its own precision, no finer than the writer's unit.
  const unit: Precision = expr.style.partOf === 'month' ? 'month' : expr.style.partOf === 'year' ? 'year' : expr.style.partOf === 'decade' ? 'decade' : 'century';
  const precision = coarser(unit, target.precision);
  const w = widenTo({ start: target.start, end: target.end, precision: target.precision }, precision);
  return { text: formatInterval({ ...w, precision }, { yearForm: expr.style.yearForm, article: expr.style.article ?? false, qualify: false }), precision };
}
