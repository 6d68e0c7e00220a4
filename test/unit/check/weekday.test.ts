import { strict as assert } from 'assert';
import { applyFix, check, covered, shippedIndex, syntheticIndex } from './helpers';
import { CHECKS } from '../../../src/core/check/index';

const weekdays = (t: string, languageId?: string) => check(t, syntheticIndex(), { code: 'weekday-mismatch', languageId });

describe('weekday-mismatch', () => {
  it('accepts the right weekday and flags a wrong one, naming the right one', () => {
    assert.deepEqual(weekdays('Stalin died on Thursday, 5 March 1953.'), []);
    const t = 'Stalin died on Monday, 5 March 1953.';
    const ds = weekdays(t);
    assert.equal(ds.length, 1);
    assert.equal(covered(t, ds[0]), 'Monday');
    assert.match(ds[0].message, /5 March 1953 was a Thursday, not a Monday/);
    assert.equal(ds[0].data?.expected, 'Thursday');
  });

  it('fixes the weekday in the writer\'s form', () => {
    const t = 'On Mon, 5 March 1953 he died.';
    const [d] = weekdays(t);
    assert.equal(applyFix(t, d.fixes![0].edits), 'On Thu, 5 March 1953 he died.');
  });

  it('reads dates marked O.S. in the Julian calendar', () => {
    // 25 October 1917 O.S. = 7 November 1917 N.S., a Wednesday.
    assert.deepEqual(weekdays('The Winter Palace fell on Wednesday, 25 October 1917 O.S.'), []);
    const [d] = weekdays('The Winter Palace fell on Thursday, 25 October 1917 O.S.');
    assert.match(d.message, /Wednesday/);
  });

  it('works the same whatever the dataset, with CRLF, and respects suppressions', () => {
    const t = 'First line.\r\nIt was Friday, 14 May 1702.';
    const [d] = check(t, shippedIndex(), { code: 'weekday-mismatch' });
    assert.deepEqual(d.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } }); // 14 May 1702 was a Sunday
    assert.deepEqual(weekdays('It was Friday, 14 May 1702. <!-- annalist-disable-line weekday-mismatch -->'), []);
    assert.deepEqual(weekdays('It was Friday, 14 May 1702.', 'plaintext').length, 1);
  });

  it('is in the registry with its default level', () => {
    const entry = CHECKS.find((c) => c.code === 'weekday-mismatch');
    assert.ok(entry && entry.defaultLevel === 'warning' && entry.description.length > 10);
    assert.deepEqual(CHECKS.map((c) => c.code), ['misdated-event', 'weekday-mismatch']);
  });
});
