import { strict as assert } from 'node:assert';
import { fixtureLibrary } from './fixtures';
import { Library, boundedEditDistance, foldForSearch, summarize, type LibraryEntry } from '../../../src/core/cite/library';


function entry(key: string, family: string, year: number, title: string, uri = 'file:///gen.bib'): LibraryEntry {
  return {
    key,
    item: { id: key, type: 'book', author: [{ family, given: 'T.' }], title, issued: { 'date-parts': [[year]] } },
    origin: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
  };
}

describe('Library: lookup', () => {
  const lib = fixtureLibrary();

  it('counts entries and files', () => {
    assert.equal(lib.size, 8);
    assert.deepEqual(lib.sources.map((s) => [s.uri, s.count, s.problems.length]), [['file:///refs.bib', 8, 0]]);
  });

  it('finds entries by key and by alias', () => {
    assert.equal(lib.get('tatu1968')?.item.title, 'Power in the Kremlin: From Khrushchev to Kosygin');
    assert.equal(lib.get('tatu1968power')?.key, 'tatu1968');
    assert.equal(lib.get('nosuch'), undefined);
  });

  it('keeps the first of two files defining a key and reports the second', () => {
    const l = new Library();
    l.add([entry('a', 'One', 1900, 'First', 'file:///one.bib')]);
    l.add([entry('a', 'Two', 1901, 'Second', 'file:///two.bib')]);
    assert.equal(l.size, 1);
    assert.equal(l.get('a')?.item.title, 'First');
    const two = l.sources.find((s) => s.uri === 'file:///two.bib');
    assert.equal(two?.problems[0].code, 'bib-duplicate-key');
  });

  it('replaces a file when it is read again', () => {
    const l = new Library();
    l.add([entry('a', 'One', 1900, 'First', 'file:///one.bib'), entry('b', 'One', 1900, 'B', 'file:///one.bib')]);
    l.add([entry('c', 'Two', 1901, 'C', 'file:///two.bib')]);
    l.replaceSource('file:///one.bib', { entries: [entry('z', 'One', 1900, 'Z', 'file:///one.bib')], problems: [] });
    assert.deepEqual(l.entries().map((e) => e.key).sort(), ['c', 'z']);
    assert.equal(l.get('a'), undefined);
  });
});

describe('Library: search', () => {
  const lib = fixtureLibrary();
  const keys = (q: string, cited?: Set<string>) => lib.search(q, { limit: 10, cited }).map((e) => e.key);

  it('finds what people remember: author and year', () => {
    assert.equal(keys('Tatu 1968')[0], 'tatu1968');
    assert.deepEqual(keys('Tatu 1968'), ['tatu1968']);
  });

  it('finds by key prefix', () => {
    assert.equal(keys('bres')[0], 'breslauer1982');
  });

  it('finds by title words in any order', () => {
    assert.deepEqual(keys('kremlin power'), ['tatu1968']);
    assert.deepEqual(keys('destalinization limits'), ['vangoudoever1986']);
  });

  it('finds names without their accents and particles', () => {
    assert.deepEqual(keys('muller'), ['mueller2001']);
    assert.deepEqual(keys('goudoever'), ['vangoudoever1986']);
  });

  it('tolerates a small typo when nothing matches exactly', () => {
    assert.equal(keys('Breslaur')[0], 'breslauer1982');
    assert.equal(keys('kremln')[0], 'tatu1968');
  });

  it('ranks keys already cited first', () => {
    const all = keys('khrushchev');
    assert.ok(all.includes('breslauer1982') && all.includes('linden1966') && all.includes('tatu1968'));
    assert.equal(keys('khrushchev', new Set(['tatu1968']))[0], 'tatu1968');
    assert.equal(keys('', new Set(['webtest2020']))[0], 'webtest2020');
  });

  it('caps the list', () => {
    assert.equal(lib.search('', { limit: 3 }).length, 3);
    assert.equal(lib.search('khrushchev', { limit: 1 }).length, 1);
    assert.equal(lib.search('tatu', { limit: 0 }).length, 0);
  });

  it('returns nothing for words no entry has', () => {
    assert.deepEqual(keys('zzzzqqq'), []);
  });

  it('searches 20,000 entries and still ranks the right one first', () => {
    const big = new Library();
    const many: LibraryEntry[] = [];
    for (let i = 0; i < 20_000; i++) many.push(entry(`gen${i}`, `Family${i % 997}`, 1900 + (i % 120), `Invented title number ${i} about archives`));
    many.push(entry('tatu1968', 'Tatu', 1968, 'Power in the Kremlin'));
    big.add(many);
    assert.equal(big.size, 20_001);
    assert.equal(big.search('Tatu 1968', { limit: 20 })[0].key, 'tatu1968');
    assert.equal(big.search('archives', { limit: 50 }).length, 50);
    assert.deepEqual(big.search('family381 2005', { limit: 5 }).map((e) => e.key).slice(0, 1), ['gen12345']);
  });
});

describe('Library: closestKeys', () => {
  const lib = fixtureLibrary();

  it('suggests the nearest keys for a mistyped one', () => {
    assert.equal(lib.closestKeys('breslauer1983')[0], 'breslauer1982');
    assert.equal(lib.closestKeys('Tatu1968')[0], 'tatu1968');
    assert.deepEqual(lib.closestKeys('completelydifferent'), []);
  });

  it('returns at most n keys', () => {
    const l = new Library();
    l.add(['ab1', 'ab2', 'ab3', 'ab4'].map((k) => entry(k, 'X', 1900, 'T')));
    assert.equal(l.closestKeys('ab0', 2).length, 2);
  });

  it('computes bounded edit distances', () => {
    assert.equal(boundedEditDistance('kitten', 'sitting', 3), 3);
    assert.equal(boundedEditDistance('kitten', 'sitting', 2), 3);
    assert.equal(boundedEditDistance('abc', 'abc', 0), 0);
    assert.equal(boundedEditDistance('kreml', 'kremlin', 1, 5), 0);
  });
});

describe('summarize', () => {
  const lib = fixtureLibrary();

  it('gives label, "Author Year — Short title" and a clean summary', () => {
    assert.deepEqual(summarize(lib.get('tatu1968')!), {
      label: 'tatu1968',
      detail: 'Tatu 1968 — Power in the Kremlin',
      text: 'Tatu, Michel, *Power in the Kremlin: From Khrushchev to Kosygin*, New York: Viking Press, 1968.',
    });
  });

  it('summarizes articles with their journal and two authors', () => {
    const s = summarize(lib.get('mueller2001')!);
    assert.equal(s.detail, 'Müller and de la Cruz 2001 — Über die Archive der Provinz');
    assert.equal(s.text, 'Müller, Jörg; de la Cruz, Ana, “Über die Archive der Provinz”, in *Zeitschrift für Testdaten*, vol. 12, no. 3, 2001, pp. 101–120. doi:10.0000/test.0001');
  });

  it('folds text for search', () => {
    assert.equal(foldForSearch('Jörg Łukasz—Straße'), 'jorg lukasz strasse');
  });
});
