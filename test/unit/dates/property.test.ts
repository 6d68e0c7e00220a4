import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findDateExpressions } from '../../../src/core/dates/expressions';

const runs = Number(process.env.ANNALIST_FC_RUNS) > 0 ? Number(process.env.ANNALIST_FC_RUNS) : 500;

// Text made of the pieces dates are made of, so that the grammar is exercised and not just skipped.
const piece = fc.constantFrom(
  '1956', '1961', '64', "'61", '25', '31', '5', 'th', 'st', 'October', 'Oct', 'Feb.', 'May', 'the', 'of', 'early', 'mid', 'late',
  'winter', 'autumn', 'c.', 'around', 'from', 'to', 'between', 'and', 'Thursday', 'O.S.', '(Old Style)', '1950s', "'50s",
  's', 'century', '19th', 'p.', 'pp.', '§', 'prisoners', 'km', ' ', '  ', '\r\n', '\n\n', '–', '—', '-', '/', '.', ',', ':', '%',
  '$', '(', ')', '😀', 'é', '\u0301', 'خ', '\u200f', '𝔗', '\ud800', '1,200', '19571964',
);
const text = fc.oneof(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('dates/expressions properties', () => {
  it('never throws; returns in-bounds, ordered, non-overlapping, deterministic results', () => {
    fc.assert(
      fc.property(text, fc.nat(100), fc.nat(100), (t, x, y) => {
        const from = Math.min(x, y, t.length);
        const to = Math.min(Math.max(x, y), t.length);
        const found = findDateExpressions(t, from, to);
        let last = from;
        for (const e of found) {
          assert.ok(e.start >= last && e.start < e.end && e.end <= to, `bounds of ${JSON.stringify(e.text)}`);
          assert.equal(t.slice(e.start, e.end), e.text);
          assert.ok(e.interval.start <= e.interval.end);
          last = e.end;
        }
        assert.deepEqual(findDateExpressions(t, from, to), found);
      }),
      { numRuns: runs },
    );
  });
});
