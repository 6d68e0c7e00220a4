import { strict as assert } from 'node:assert';
import { compareDates, relation, widenTo } from '../../../src/core/dates/compare';
import { findDateExpressions } from '../../../src/core/dates/expressions';
import { type DateInterval, parseEdtf } from '../../../src/core/dates/interval';

function edtf(s: string): DateInterval {
  const r = parseEdtf(s);
  if (!r.ok) throw new Error(r.reason);
  return r.interval;
}

/** The interval of the first date expression in a phrase. */
function prose(s: string): DateInterval {
  const e = findDateExpressions(s)[0];
  if (!e) throw new Error(`no date in ${s}`);
  return e.interval;
}

describe('dates/compare', () => {
  const matrix: [string, string, 'agrees' | 'contradicts' | 'uncertain'][] = [
    ['1956', '1956-02-25', 'agrees'],
    ['March 1956', '1956-02-25', 'contradicts'],
    ['February 1956', '1956-02-14/1956-02-25', 'agrees'],
    ['25 February 1956', '1956-02-25', 'agrees'],
    ['24 February 1956', '1956-02-25', 'contradicts'],
    ['1953–64', '1962', 'agrees'],
    ['1953–64', '1965', 'contradicts'],
    ['the early 1960s', '1962', 'agrees'],
    ['the early 1960s', '1968', 'contradicts'],
    ['the 1950s', '1962', 'contradicts'],
    ['1961', '1962', 'contradicts'],
    ['1962', '1962-10-31', 'agrees'],
    ['20 October 1961', '1961-10-17/1961-10-31', 'agrees'],
    ['October 1961', '1961-10-31/1961-11-01', 'agrees'],
    ['November 1961', '1961-10-31/1961-11-01', 'agrees'],
    ['December 1961', '1961-10-31/1961-11-01', 'contradicts'],
    ['c. 1962', '1961', 'agrees'],
    ['c. 1962', '1963', 'agrees'],
    ['c. 1962', '1960', 'contradicts'],
    ['around 1961', '1962', 'agrees'],
    ['around March 1956', '1956-02-25', 'agrees'],
    ['around March 1956', '1956-01-31', 'contradicts'],
    ['c. 5 March 1953', '1953-03-08', 'agrees'],
    ['c. 5 March 1953', '1953-03-09', 'contradicts'],
    ['early 1962', '1962-02-10', 'agrees'],
    ['early 1962', '1962-06-15', 'agrees'],
    ['early 1962', '1962-10-31', 'contradicts'],
    ['autumn of 1956', '1956-10-23', 'agrees'],
    ['autumn of 1956', '1957-06', 'contradicts'],
    ['the winter of 1956–57', '1957-01', 'agrees'],
    ['25 October 1917 O.S.', '1917-11-07', 'agrees'],
    ['25 October 1917', '1917-11-07', 'contradicts'],
    ['the 20th century', '1962', 'agrees'],
  ];
  for (const [written, fact, verdict] of matrix) {
    it(`"${written}" ${verdict === 'agrees' ? 'agrees with' : verdict === 'contradicts' ? 'contradicts' : 'cannot be judged against'} ${fact}`, () => {
      assert.equal(compareDates(prose(written), edtf(fact)), verdict);
    });
  }

  it('widens the fact to the check precision first', () => {
    assert.equal(compareDates(prose('14 February 1956'), edtf('1956-02-25')), 'contradicts');
    assert.equal(compareDates(prose('14 February 1956'), edtf('1956-02-25'), { checkPrecision: 'month' }), 'agrees');
    assert.equal(compareDates(prose('14 March 1956'), edtf('1956-02-25'), { checkPrecision: 'month' }), 'contradicts');
    assert.equal(compareDates(prose('14 March 1956'), edtf('1956-02-25'), { checkPrecision: 'year' }), 'agrees');
    assert.equal(compareDates(prose('1961'), edtf('1962'), { checkPrecision: 'decade' }), 'agrees');
    // A check precision finer than the fact changes nothing.
    assert.equal(compareDates(prose('1962'), edtf('1962'), { checkPrecision: 'day' }), 'agrees');
  });

  it('gives tolerance to approximate and uncertain facts too', () => {
    assert.equal(compareDates(prose('1961'), edtf('1962~')), 'agrees');
    assert.equal(compareDates(prose('1959'), edtf('1962?')), 'contradicts');
  });

  it('is uncertain about open, unknown or broken intervals', () => {
    const open: DateInterval = { start: Number.NEGATIVE_INFINITY, end: 100, precision: 'day' };
    assert.equal(compareDates(open, edtf('1962')), 'uncertain');
    assert.equal(compareDates(edtf('1962'), { start: NaN, end: NaN, precision: 'year' }), 'uncertain');
    assert.equal(compareDates(edtf('1962'), { start: 10, end: 5, precision: 'year' }), 'uncertain');
    assert.equal(compareDates(undefined as unknown as DateInterval, edtf('1962')), 'uncertain');
  });

  it('tells how far apart the dates are', () => {
    assert.deepEqual(relation(prose('1961'), edtf('1962')), { verdict: 'contradicts', position: 'before', days: 1, years: 1 });
    assert.deepEqual(relation(prose('March 1956'), edtf('1956-02-25')), { verdict: 'contradicts', position: 'after', days: 5, years: 0 });
    assert.deepEqual(relation(prose('1956'), edtf('1956-02-25')), { verdict: 'agrees', position: 'overlaps', days: 0, years: 0 });
  });

  it('widens intervals to whole units', () => {
    const day = edtf('1962-10-31');
    assert.deepEqual([widenTo(day, 'month').start, widenTo(day, 'month').end], [edtf('1962-10').start, edtf('1962-10').end]);
    assert.deepEqual([widenTo(day, 'season').start, widenTo(day, 'season').end], [edtf('1962-09').start, edtf('1962-11').end]);
    const jan = widenTo(edtf('1957-01-10'), 'season');
    assert.deepEqual([jan.start, jan.end], [edtf('1956-12').start, edtf('1957-02').end]);
    const dec = widenTo(edtf('1956-12-10'), 'season');
    assert.deepEqual([dec.start, dec.end], [edtf('1956-12').start, edtf('1957-02').end]);
    assert.deepEqual([widenTo(day, 'decade').start, widenTo(day, 'decade').end], [edtf('1960').start, edtf('1969').end]);
    assert.deepEqual([widenTo(day, 'century').start, widenTo(day, 'century').end], [edtf('1900').start, edtf('1999').end]);
    assert.equal(widenTo(edtf('1962'), 'day').precision, 'year');
  });
});
