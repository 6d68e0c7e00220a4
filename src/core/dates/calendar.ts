/**
 * Julian (Old Style) and Gregorian (New Style) calendar dates as day numbers. Day numbers are the ones of
 * `interval.ts`: proleptic Gregorian, day 0 = 1970-01-01. The arithmetic goes through the Julian Day Number
 * (days since noon, 1 January 4713 BC Julian), with months counted from March so the leap day falls last.
 * Years are astronomical (1 BC = year 0); invalid calendar dates raise a RangeError naming the date.
 */

/** Julian Day Number of 1970-01-01 (Gregorian), the day number 0 of the core. */
const JDN_OF_DAY_ZERO = 2_440_588;

export type CalendarName = 'julian' | 'gregorian';

/** True when `year` is a leap year in the Julian calendar (every fourth year). */
export function isJulianLeapYear(year: number): boolean {
  return mod(year, 4) === 0;
}

/** True when `year` is a leap year in the Gregorian calendar (century years only when divisible by 400). */
export function isGregorianLeapYear(year: number): boolean {
  return mod(year, 4) === 0 && (mod(year, 100) !== 0 || mod(year, 400) === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the given calendar. */
export function monthLength(calendar: CalendarName, year: number, month: number): number {
  if (month === 2) return (calendar === 'julian' ? isJulianLeapYear(year) : isGregorianLeapYear(year)) ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? NaN;
}

/** True when year/month/day name a real day in the given calendar. */
export function isValidCalendarDate(calendar: CalendarName, year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= monthLength(calendar, year, month)
  );
}

function check(calendar: CalendarName, year: number, month: number, day: number): void {
  if (!isValidCalendarDate(calendar, year, month, day)) {
    throw new RangeError(`not a ${calendar === 'julian' ? 'Julian' : 'Gregorian'} calendar date: ${year}-${month}-${day}`);
  }
}

// Shift the year so it starts in March: the month lengths then repeat 31,30,31,30,31 and February comes last.
function marchBased(year: number, month: number): { y: number; m: number } {
  const a = month <= 2 ? 1 : 0;
  return { y: year + 4800 - a, m: month + 12 * a - 3 };
}

/** Day number of a Julian (Old Style) calendar date. */
export function julianToDayNumber(year: number, month: number, day: number): number {
  check('julian', year, month, day);
  const { y, m } = marchBased(year, month);
  const jdn = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return jdn - JDN_OF_DAY_ZERO;
}

/** Day number of a Gregorian (New Style) calendar date, by arithmetic alone. */
export function gregorianToDayNumber(year: number, month: number, day: number): number {
  check('gregorian', year, month, day);
  const { y, m } = marchBased(year, month);
  const jdn = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  return jdn - JDN_OF_DAY_ZERO;
}

/** A calendar date. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// From a count of days since 1 March of year -4800 (March-based), back to year/month/day.
function fromMarchDays(daysInYear: number, yearIndex: number): CalendarDate {
  const m = Math.floor((5 * daysInYear + 2) / 153);
  const day = daysInYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  return { year: yearIndex - 4800 + Math.floor(m / 10), month, day };
}

/** The Julian (Old Style) calendar date of a day number. */
export function dayNumberToJulian(n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const c = n + JDN_OF_DAY_ZERO + 32082;
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  return fromMarchDays(e, d);
}

/** The Gregorian (New Style) calendar date of a day number, by arithmetic alone. */
export function dayNumberToGregorian(n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const a = n + JDN_OF_DAY_ZERO + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  return fromMarchDays(e, 100 * b + d);
}

/** Day number of a date in the named calendar. */
export function calendarToDayNumber(calendar: CalendarName, year: number, month: number, day: number): number {
  return calendar === 'julian' ? julianToDayNumber(year, month, day) : gregorianToDayNumber(year, month, day);
}

/** The date of a day number in the named calendar. */
export function dayNumberToCalendar(calendar: CalendarName, n: number): CalendarDate {
  return calendar === 'julian' ? dayNumberToJulian(n) : dayNumberToGregorian(n);
}

/** The Gregorian (New Style) date of a Julian (Old Style) date. */
export function julianToGregorian(year: number, month: number, day: number): CalendarDate {
  return dayNumberToGregorian(julianToDayNumber(year, month, day));
}

/** The Julian (Old Style) date of a Gregorian (New Style) date. */
export function gregorianToJulian(year: number, month: number, day: number): CalendarDate {
  return dayNumberToJulian(gregorianToDayNumber(year, month, day));
}

/** How many days the Gregorian calendar runs ahead of the Julian on a given day (10 in 1582–1700, 13 in 1900–2100). */
export function julianGregorianOffset(n: number): number {
  const j = dayNumberToJulian(n);
  const g = dayNumberToGregorian(n);
  // Same day, two labels: the offset is the difference between the labels, counted in days.
  return gregorianLabelDays(g) - gregorianLabelDays(j);
}

// Days of a label read as if it were Gregorian (a Julian 29 Feb 1900 is read as 1 March), for label arithmetic.
function gregorianLabelDays(d: CalendarDate): number {
  const { y, m } = marchBased(d.year, d.month);
  return d.day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
