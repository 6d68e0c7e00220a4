import { strict as assert } from 'node:assert';
import { Library, type LibraryEntry } from '../../../src/core/cite/library';

function entry(key: string, aliases?: string[]): LibraryEntry {
  return { key, item: { id: key, type: 'book', title: key }, origin: { uri: 'mem://lib.bib', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, aliases };
}

describe('Library.closestKeys (memoised, length-filtered)', () => {
  it('finds the same suggestions on repeated calls and forgets them when entries change', () => {
    const lib = new Library();
    lib.add([entry('breslauer1982'), entry('linden1966'), entry('tatu1968')]);
    assert.deepEqual(lib.closestKeys('breslauer1983'), ['breslauer1982']);
    assert.deepEqual(lib.closestKeys('breslauer1983'), ['breslauer1982']);
    lib.add([entry('breslauer1984')]);
    assert.deepEqual(lib.closestKeys('breslauer1983'), ['breslauer1982', 'breslauer1984']);
    lib.removeSource('mem://lib.bib');
    assert.deepEqual(lib.closestKeys('breslauer1983'), []);
  });

  it('maps an alias to its entry and never suggests the key itself', () => {
    const lib = new Library();
    lib.add([entry('smith2000', ['smithA2000'])]);
    assert.deepEqual(lib.closestKeys('smithA2001'), ['smith2000']);
    assert.deepEqual(lib.closestKeys('smith2000'), []);
  });

  it('callers cannot alter the memo through the returned array', () => {
    const lib = new Library();
    lib.add([entry('tatu1968')]);
    lib.closestKeys('tatu1969').push('junk');
    assert.deepEqual(lib.closestKeys('tatu1969'), ['tatu1968']);
  });
});
