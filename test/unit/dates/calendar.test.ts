import { strict as assert } from 'node:assert';
import {
  dayNumberToGregorian, dayNumberToJulian, gregorianToDayNumber, gregorianToJulian, isValidCalendarDate,
  julianGregorianOffset, julianToDayNumber, julianToGregorian,
} from '../../../src/core/dates/calendar';
import { dayNumber } from '../../../src/core/dates/interval';

describe('dates/calendar', () => {
  it('25 October 1917 O.S. is 7 November 1917 N.S.', () => {
    assert.equal(julianToDayNumber(1917, 10, 25), dayNumber(1917, 11, 7));
    assert.deepEqual(julianToGregorian(1917, 10, 25), { year: 1917, month: 11, day: 7 });
    assert.deepEqual(gregorianToJulian(1917, 11, 7), { year: 1917, month: 10, day: 25 });
  });

  it('4 October 1582 Julian is followed by 15 October 1582 Gregorian', () => {
    assert.equal(julianToDayNumber(1582, 10, 4) + 1, gregorianToDayNumber(1582, 10, 15));
    assert.equal(julianGregorianOffset(julianToDayNumber(1582, 10, 4)), 10);
  });

  it('29 February of 1700, 1800, 1900 exists only in the Julian calendar', () => {
    for (const y of [1700, 1800, 1900]) {
      assert.ok(isValidCalendarDate('julian', y, 2, 29));
      assert.ok(!isValidCalendarDate('gregorian', y, 2, 29));
      assert.throws(() => gregorianToDayNumber(y, 2, 29), /not a Gregorian calendar date/);
    }
    assert.ok(isValidCalendarDate('julian', 2000, 2, 29) && isValidCalendarDate('gregorian', 2000, 2, 29));
  });

  it('the offset grows by one day after February of 1700, 1800 and 1900', () => {
    assert.equal(julianGregorianOffset(julianToDayNumber(1700, 2, 28)), 10);
    assert.equal(julianGregorianOffset(julianToDayNumber(1700, 3, 1)), 11);
    assert.equal(julianGregorianOffset(julianToDayNumber(1800, 3, 1)), 12);
    assert.equal(julianGregorianOffset(julianToDayNumber(1900, 2, 28)), 12);
    assert.equal(julianGregorianOffset(julianToDayNumber(1900, 3, 1)), 13);
    assert.deepEqual(julianToGregorian(1900, 3, 1), { year: 1900, month: 3, day: 14 });
    assert.deepEqual(julianToGregorian(1900, 2, 29), { year: 1900, month: 3, day: 13 });
    assert.equal(julianGregorianOffset(julianToDayNumber(2000, 3, 1)), 13);
  });

  it('1 February 1918 O.S. is 14 February 1918 N.S.', () => {
    assert.deepEqual(julianToGregorian(1918, 2, 1), { year: 1918, month: 2, day: 14 });
  });

  it('uses the day numbers of interval.ts and round-trips', () => {
    assert.equal(gregorianToDayNumber(1970, 1, 1), 0);
    for (let n = -700_000; n <= 300_000; n += 997) {
      const g = dayNumberToGregorian(n);
      assert.equal(gregorianToDayNumber(g.year, g.month, g.day), n);
      assert.equal(dayNumber(g.year, g.month, g.day), n);
      const j = dayNumberToJulian(n);
      assert.equal(julianToDayNumber(j.year, j.month, j.day), n);
    }
  });

  it('refuses invalid dates with a clear error', () => {
    assert.throws(() => julianToDayNumber(1917, 13, 1), RangeError);
    assert.throws(() => julianToDayNumber(1917, 4, 31), /1917-4-31/);
    assert.throws(() => dayNumberToJulian(1.5), RangeError);
  });
});
