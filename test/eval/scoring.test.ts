import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevSet, MISDATED, scorePassage, type Finding, type Passage } from './scoring';

const passage = (text: string, expect: Passage['expect'], tolerate: Passage['tolerate'] = []): Passage =>
  ({ id: 'p', text, format: 'markdown', expect, tolerate, phenomenon: ['t'], eol: 'lf' });
const exp = (written: string, ...events: string[]) => ({ written, events, code: MISDATED, disputed: true });
const at = (text: string, written: string, event: string): Finding => {
  const start = text.indexOf(written);
  return { code: MISDATED, event, written, start, end: start + written.length };
};

describe('eval scoring', () => {
  it('loads the shipped dev set without problems, with enough passages of both kinds', function () {
    this.timeout(20000);
    const set = loadDevSet(readFileSync(join(__dirname, 'dev-set.yaml'), 'utf8'));
    assert.deepEqual(set.problems, []);
    assert.ok(set.passages.length >= 180);
    const positives = set.passages.filter((p) => p.expect.some((e) => e.code === MISDATED)).length;
    assert.ok(positives / set.passages.length > 0.4 && positives / set.passages.length < 0.6);
  });

  it('reports problems in a bad set instead of throwing', () => {
    const set = loadDevSet('passages:\n- id: a\n  text: "In 1961."\n  format: word\n- id: b\n  text: "x"\n  format: markdown\n  expect: [{written: "1962", event: e}]\n  phenomenon: [t]\n');
    assert.ok(set.problems.some((p) => p.includes('a: format')));
    assert.ok(set.problems.some((p) => p.includes('"1962" does not occur')));
    assert.deepEqual(loadDevSet(': : :\n  - [').passages, []);
  });

  it('counts a matching finding as TP, a missing one as FN and an extra one as FP', () => {
    const text = 'In 1961 Stalin was reburied; he died in 1954.';
    const p = passage(text, [exp('1961', 'stalin-body-removal')]);
    const s = scorePassage(p, [at(text, '1954', 'stalin-death')]);
    assert.equal(s.tp.length, 0);
    assert.equal(s.fn.length, 1);
    assert.equal(s.fp.length, 1);
    const ok = scorePassage(p, [at(text, '1961', 'stalin-body-removal')]);
    assert.deepEqual([ok.tp.length, ok.fp.length, ok.fn.length], [1, 0, 0]);
  });

  it('does not accept the right text for the wrong event', () => {
    const text = 'In 1961 Stalin was reburied.';
    const s = scorePassage(passage(text, [exp('1961', 'stalin-body-removal')]), [at(text, '1961', 'congress-22')]);
    assert.deepEqual([s.tp.length, s.fp.length, s.fn.length], [0, 1, 1]);
  });

  it('matches a date broken across lines and a wider or narrower written text', () => {
    const text = 'removed on 31 October\n1961 at night';
    const p = passage(text, [exp('31 October 1961', 'e')]);
    assert.equal(scorePassage(p, [{ code: MISDATED, event: 'e', written: '1961', start: 22, end: 26 }]).tp.length, 1);
    assert.equal(scorePassage(p, [{ code: MISDATED, event: 'e', written: 'October 1961' }]).tp.length, 1);
    assert.equal(scorePassage(p, [{ code: MISDATED, event: 'e', written: '1962' }]).fp.length, 1);
  });

  it('neither rewards nor penalises tolerated flags and either-or-both alternatives', () => {
    const text = 'The speech to the congress in 1956.';
    const p = passage(text, [exp('1956', 'speech', 'congress')], [exp('1956', 'other')]);
    const s = scorePassage(p, [at(text, '1956', 'speech'), at(text, '1956', 'congress'), at(text, '1956', 'other')]);
    assert.deepEqual([s.tp.length, s.fp.length, s.fn.length, s.tolerated.length], [1, 0, 0, 2]);
  });

  it('ignores codes it does not score', () => {
    const text = 'See [@nokey].';
    const s = scorePassage(passage(text, []), [{ code: 'unknown-citation-key', written: '@nokey' }]);
    assert.deepEqual([s.tp.length, s.fp.length, s.fn.length], [0, 0, 0]);
  });
});
