import { strict as assert } from 'node:assert';
import { findDateExpressions } from '../../../src/core/dates/expressions';
import { formatEdtf, formatInterval, rewriteLike, weekdayName } from '../../../src/core/dates/format';
import { type DateInterval, parseEdtf } from '../../../src/core/dates/interval';

function edtf(s: string): DateInterval {
  const r = parseEdtf(s);
  if (!r.ok) throw new Error(r.reason);
  return r.interval;
}

describe('dates/format', () => {
  const dmy: [string, string][] = [
    ['1956-02-25', '25 February 1956'],
    ['1956-02', 'February 1956'],
    ['1962', '1962'],
    ['1961-10-17/1961-10-31', '17–31 October 1961'],
    ['1961-10-31/1961-11-01', '31 October – 1 November 1961'],
    ['1961-12-31/1962-01-02', '31 December 1961 – 2 January 1962'],
    ['1953/1964', '1953–64'],
    ['1898/1905', '1898–1905'],
    ['1961-10/1961-11', 'October–November 1961'],
    ['1961-10/1962-03', 'October 1961 – March 1962'],
    ['195X', 'the 1950s'],
    ['19XX', 'the 20th century'],
    ['1962~', 'c. 1962'],
    ['1962?', '1962?'],
  ];
  for (const [e, text] of dmy) {
    it(`writes ${e} as "${text}"`, () => assert.equal(formatEdtf(e), text));
  }

  it('writes in the other orders and month forms', () => {
    assert.equal(formatEdtf('1956-02-25', { order: 'mdy' }), 'February 25, 1956');
    assert.equal(formatEdtf('1961-10-17/1961-10-31', { order: 'mdy' }), 'October 17–31, 1961');
    assert.equal(formatEdtf('1961-10-31/1961-11-01', { order: 'mdy' }), 'October 31 – November 1, 1961');
    assert.equal(formatEdtf('1956-02-25', { order: 'iso' }), '1956-02-25');
    assert.equal(formatEdtf('1956-02', { order: 'iso' }), '1956-02');
    assert.equal(formatEdtf('1956-02-25', { order: 'dotted' }), '25.02.1956');
    assert.equal(formatEdtf('1956-02-05', { order: 'dotted', padded: false }), '5.2.1956');
    assert.equal(formatEdtf('1956-02-25', { monthForm: 'short-dot' }), '25 Feb. 1956');
    assert.equal(formatEdtf('1956-02-25', { monthForm: 'short' }), '25 Feb 1956');
    assert.equal(formatEdtf('1956-02-25', { ordinal: true }), '25th February 1956');
    assert.equal(formatEdtf('1956-02-22', { ordinal: true, article: true, of: true }), 'the 22nd of February 1956');
    assert.equal(formatEdtf('1962', { yearForm: 'apostrophe' }), "'62");
  });

  it('writes seasons and thirds of a year', () => {
    const season = (a: string, b: string): DateInterval => ({ start: edtf(a).start, end: edtf(b).end, precision: 'season' });
    assert.equal(formatInterval(season('1956-03', '1956-05')), 'spring 1956');
    assert.equal(formatInterval(season('1956-12', '1957-02')), 'winter 1956–57');
    assert.equal(formatInterval(season('1956-12', '1957-02'), { article: true, of: true }), 'the winter of 1956–57');
    assert.equal(formatInterval(season('1956-09', '1956-11'), { season: 'fall' }), 'fall 1956');
    assert.equal(formatInterval(season('1962-01', '1962-04')), 'early 1962');
    assert.equal(formatInterval(season('1962-05', '1962-08')), 'mid-1962');
  });

  it('writes Julian dates with a mark', () => {
    assert.equal(formatEdtf('1917-11-07', { calendar: 'julian' }), '25 October 1917 O.S.');
    assert.equal(formatEdtf('1917-11-07', { calendar: 'julian', calendarMark: false }), '25 October 1917');
  });

  it('writes unaligned intervals at the precision they allow', () => {
    const odd: DateInterval = { ...edtf('1962-03-05/1962-07-01'), precision: 'year' };
    assert.equal(formatInterval(odd), '5 March – 1 July 1962');
    assert.equal(formatInterval({ start: 5, end: 1, precision: 'day' }), '');
    assert.equal(formatEdtf('not a date'), 'not a date');
  });

  it('names weekdays', () => {
    assert.equal(weekdayName(0), 'Sunday');
    assert.equal(weekdayName(4), 'Thursday');
    assert.equal(weekdayName(-1), 'Saturday');
  });

  describe('rewriteLike', () => {
    const cases: [string, string, string][] = [
      ['In 1961 Stalin', '1962', '1962'],
      ['31 October 1961', '1962', '1962'],
      ["in '61", '1962', "'62"],
      ['c. 1961', '1962', 'c. 1962'],
      ['31 October 1961', '1962-10-30', '30 October 1962'],
      ['October 31, 1961', '1962-10-30', 'October 30, 1962'],
      ['October 31st, 1961', '1962-10-30', 'October 30th, 1962'],
      ['31 Oct. 1961', '1962-02-05', '5 Feb. 1962'],
      ['31.10.1961', '1962-01-05', '05.01.1962'],
      ['1961-10-31', '1962-01-05', '1962-01-05'],
      ['October 1961', '1962-10-30', 'October 1962'],
      ['Thursday, 5 March 1953', '1953-03-06', 'Friday, 6 March 1953'],
      ['Thursday, 5 March 1953', '1953-03', 'March 1953'],
      ['the 1950s', '1962', 'the 1960s'],
      ['The 1950s', '1962', 'The 1960s'],
      ['the early 1960s', '1958', 'the late 1950s'],
      ['early 1962', '1961-10-31', 'late 1961'],
      ['early 1962', '1961', '1961'],
      ['autumn of 1956', '1957-10-12', 'autumn of 1957'],
      ['the winter of 1956–57', '1958-01-10', 'the winter of 1957–58'],
      ['1953–64', '1953/1965', '1953–65'],
      ['1953–64', '1962', '1962'],
      ['from 1953 to 1961', '1953/1964', 'from 1953 to 1964'],
      ['14–25 February 1956', '1956-02-14/1956-02-26', '14–26 February 1956'],
      ['between 14 and 25 February 1956', '1956-02-10/1956-02-20', 'between 10 and 20 February 1956'],
      ['the night of 31 October–1 November 1961', '1962-10-31/1962-11-01', 'the night of 31 October–1 November 1962'],
      ['25 October 1917 O.S.', '1917-11-08', '26 October 1917 O.S.'],
      ['25 October 1917 O.S.', '1918', '1918'],
      ['the 25th of February 1956', '1956-02-24', 'the 24th of February 1956'],
      ['mid-October 1961', '1961-10-25', 'late October 1961'],
    ];
    for (const [text, target, expected] of cases) {
      it(`rewrites "${text}" for ${target} as "${expected}"`, () => {
        const e = findDateExpressions(text)[0];
        assert.equal(rewriteLike(e, edtf(target)), expected);
      });
    }

    it('never writes finer than the target', () => {
      const e = findDateExpressions('On 31 October 1961 the body')[0];
      assert.equal(rewriteLike(e, edtf('1962-10')), 'October 1962');
      assert.equal(rewriteLike(e, edtf('196X')), 'the 1960s');
    });
  });
});
