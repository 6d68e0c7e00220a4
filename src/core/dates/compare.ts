/**
 * Does a written date agree with a fact? Writers are right at any precision: "1956" agrees with
 * 25 February 1956 and "February 1956" with 14–25 February 1956. Only a written date that cannot be the fact's
 * time contradicts it: the two intervals, after widening, share no day.
 *
 * Tolerance rule for approximate or uncertain dates ("c. 1962", "around 1961", "early 1962", seasons): the
 * interval is widened on each side by at most one unit of its precision before comparing ({@link TOLERANCE_DAYS}):
 * a day by 3 days, a month by 28 days, a season by 89, a year by 365, a decade by 3,652 days, a century by 9,131 —
 * so the widening reaches into the neighbouring unit but never past it. So "c. 1962" agrees with 1961 and 1963 and contradicts 1960; "early 1962" (January–April) agrees
 * with any day from early October 1961 to late July 1962. The same applies to an approximate or uncertain fact.
 */
import { type DateInterval, type Precision, PRECISION_ORDER, dayNumber, fromDayNumber } from './interval';

export type DateVerdict = 'agrees' | 'contradicts' | 'uncertain';

/** Days each side an approximate or uncertain date of a given precision is widened by. */
export const TOLERANCE_DAYS: Readonly<Record<Precision, number>> = Object.freeze({
  day: 3,
  month: 28,
  season: 89,
  year: 365,
  decade: 3652,
  century: 9131,
});

/** Options of {@link compareDates}. */
export interface CompareOptions {
  /** Compare at this precision: a fact finer than it is widened to it first (a written day in the right month agrees at 'month'). */
  checkPrecision?: Precision;
}

function usable(i: DateInterval | undefined | null): i is DateInterval {
  return !!i && Number.isFinite(i.start) && Number.isFinite(i.end) && i.end >= i.start && PRECISION_ORDER.includes(i.precision);
}

/** The interval widened to whole units of a precision (a day in 1962 widened to 'year' is all of 1962). */
export function widenTo(interval: DateInterval, precision: Precision): DateInterval {
  if (PRECISION_ORDER.indexOf(precision) <= PRECISION_ORDER.indexOf(interval.precision)) return interval;
  const a = fromDayNumber(interval.start);
  const b = fromDayNumber(interval.end);
  let start: number;
  let end: number;
  switch (precision) {
    case 'month':
      start = dayNumber(a.year, a.month, 1);
      end = dayNumber(b.month === 12 ? b.year + 1 : b.year, b.month === 12 ? 1 : b.month + 1, 1) - 1;
      break;
    case 'season': {
      // Meteorological seasons: Dec–Feb, Mar–May, Jun–Aug, Sep–Nov.
      const first = (y: number, m: number) => (m === 12 ? { y, m: 12 } : m <= 2 ? { y: y - 1, m: 12 } : { y, m: m - ((m - 3) % 3) });
      const s = first(a.year, a.month);
      const e = first(b.year, b.month);
      start = dayNumber(s.y, s.m, 1);
      end = dayNumber(e.y, e.m + 3, 1) - 1; // Date.UTC rolls month 13–15 into the next year
      break;
    }
    case 'year':
      start = dayNumber(a.year, 1, 1);
      end = dayNumber(b.year, 12, 31);
      break;
    case 'decade':
      start = dayNumber(a.year - mod(a.year, 10), 1, 1);
      end = dayNumber(b.year - mod(b.year, 10) + 9, 12, 31);
      break;
    default:
      start = dayNumber(a.year - mod(a.year, 100), 1, 1);
      end = dayNumber(b.year - mod(b.year, 100) + 99, 12, 31);
  }
  return { ...interval, start, end, precision };
}

function tolerant(i: DateInterval): { start: number; end: number } {
  if (!i.approximate && !i.uncertain) return i;
  const margin = TOLERANCE_DAYS[i.precision];
  return { start: i.start - margin, end: i.end + margin };
}

/** How a written date stands to a fact, with the gap between them for messages. */
export interface DateRelation {
  verdict: DateVerdict;
  /** Where the written date lies relative to the fact, before any tolerance. */
  position: 'before' | 'after' | 'overlaps' | 'unknown';
  /** Days between the nearest ends (0 when they overlap). */
  days: number;
  /** Calendar years between the nearest ends (0 when they overlap or fall in the same year). */
  years: number;
}

/** Whether a written date agrees with, contradicts, or cannot be judged against a fact. */
export function compareDates(written: DateInterval, fact: DateInterval, options: CompareOptions = {}): DateVerdict {
  if (!usable(written) || !usable(fact)) return 'uncertain';
  const f = options.checkPrecision && PRECISION_ORDER.includes(options.checkPrecision) ? widenTo(fact, options.checkPrecision) : fact;
  const w = tolerant(written);
  const t = tolerant(f);
  // Any shared day agrees: the written date contains the fact, lies inside it, or names a time the fact spans.
  return w.start <= t.end && t.start <= w.end ? 'agrees' : 'contradicts';
}

/** The verdict of {@link compareDates} together with how far apart the two dates are. */
export function relation(written: DateInterval, fact: DateInterval, options: CompareOptions = {}): DateRelation {
  const verdict = compareDates(written, fact, options);
  if (!usable(written) || !usable(fact)) return { verdict, position: 'unknown', days: 0, years: 0 };
  if (written.end < fact.start) {
    return { verdict, position: 'before', days: fact.start - written.end, years: fromDayNumber(fact.start).year - fromDayNumber(written.end).year };
  }
  if (written.start > fact.end) {
    return { verdict, position: 'after', days: written.start - fact.end, years: fromDayNumber(written.start).year - fromDayNumber(fact.end).year };
  }
  return { verdict, position: 'overlaps', days: 0, years: 0 };
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
