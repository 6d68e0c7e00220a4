import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtex, parseBibtexName, parseBibtexNames, cslTypeOf } from '../../../src/core/cite/bibtex';
import { texToUnicode } from '../../../src/core/cite/tex';

const FIXTURES = join(__dirname, '../../fixtures/bib');
const URI = 'file:///test/refs.bib';

function byKey(text: string) {
  const r = parseBibtex(text, URI);
  return { ...r, map: new Map(r.entries.map((e) => [e.key, e])) };
}

describe('parseBibtex: a Zotero / Better BibTeX export', () => {
  const text = readFileSync(join(FIXTURES, 'zotero-bbt.bib'), 'utf8');
  const { entries, problems, map } = byKey(text);

  it('loads every entry without problems', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.key), [
      'breslauer1982', 'linden1966', 'tatu1968', 'vangoudoever1986', 'mueller2001', 'testvolume2010', 'chaptertest2010', 'webtest2020',
    ]);
  });

  it('maps the seed books to CSL as the seed gives them', () => {
    const tatu = map.get('tatu1968')!.item;
    assert.equal(tatu.type, 'book');
    assert.deepEqual(tatu.author, [{ family: 'Tatu', given: 'Michel' }]);
    assert.equal(tatu.title, 'Power in the Kremlin: From Khrushchev to Kosygin');
    assert.equal(tatu.publisher, 'Viking Press');
    assert.equal(tatu['publisher-place'], 'New York');
    assert.deepEqual(tatu.issued, { 'date-parts': [[1968]] });
    const bres = map.get('breslauer1982')!.item;
    assert.equal(bres.publisher, 'George Allen & Unwin');
    assert.equal(bres['publisher-place'], 'London');
    assert.deepEqual(bres.issued, { 'date-parts': [[1982]] });
    const linden = map.get('linden1966')!.item;
    assert.equal(linden.title, 'Khrushchev and the Soviet Leadership 1957–1964');
    assert.equal(linden.publisher, 'Johns Hopkins Press', '@string macro');
    const vg = map.get('vangoudoever1986')!.item;
    assert.deepEqual(vg.author, [{ family: 'Van Goudoever', given: 'A. P.' }], 'a capitalised "Van" belongs to the family name');
  });

  it('places each entry at its key', () => {
    const tatu = map.get('tatu1968')!;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('@book{tatu1968'));
    assert.deepEqual(tatu.origin, { uri: URI, range: { start: { line, character: 6 }, end: { line, character: 14 } } });
  });

  it('keeps Better BibTeX ids as aliases', () => {
    assert.deepEqual(map.get('tatu1968')!.aliases, ['tatu1968power']);
  });

  it('converts TeX accents, particles and article fields', () => {
    const m = map.get('mueller2001')!.item;
    assert.equal(m.type, 'article-journal');
    assert.equal(m.title, 'Über die Archive der Provinz');
    assert.deepEqual(m.author, [
      { family: 'Müller', given: 'Jörg' },
      { family: 'Cruz', given: 'Ana', 'non-dropping-particle': 'de la' },
    ]);
    assert.equal(m['container-title'], 'Zeitschrift für Testdaten');
    assert.equal(m.issue, '3');
    assert.equal(m.page, '101–120');
    assert.equal(m.DOI, '10.0000/test.0001');
    assert.deepEqual(m.issued, { 'date-parts': [[2001, 3]] });
  });

  it('inherits from a crossref parent', () => {
    const c = map.get('chaptertest2010')!.item;
    assert.equal(c.type, 'chapter');
    assert.equal(c.title, 'An Invented Chapter');
    assert.equal(c['container-title'], 'An Invented Collection');
    assert.equal(c.publisher, 'Test Press');
    assert.deepEqual(c.editor, [{ family: 'Editor', given: 'Erika' }]);
    assert.deepEqual(c.issued, { 'date-parts': [[2010]] });
  });

  it('reads online entries: literal authors, verbatim URLs, urldate', () => {
    const w = map.get('webtest2020')!.item;
    assert.equal(w.type, 'webpage');
    assert.deepEqual(w.author, [{ literal: 'Test Archive Project' }]);
    assert.equal(w.URL, 'https://example.org/archive_page');
    assert.deepEqual(w.accessed, { 'date-parts': [[2020, 5, 4]] });
  });
});

describe('parseBibtex: one broken entry among 500', () => {
  it('loads the other 499 and reports the broken one on its line', () => {
    const parts: string[] = [];
    for (let i = 0; i < 500; i++) {
      if (i === 250) parts.push(`@book{broken250,\n  title = {Missing comma}\n  year = {1970},\n}\n`);
      else parts.push(`@book{key${i},\n  author = {Author, Test${i}},\n  title = {Title ${i}},\n  year = {${1900 + (i % 100)}},\n}\n`);
    }
    const text = parts.join('\n');
    const { entries, problems } = parseBibtex(text, URI);
    assert.equal(entries.length, 499);
    assert.ok(!entries.some((e) => e.key === 'broken250'));
    assert.equal(problems.length, 1);
    const brokenLine = text.split('\n').indexOf('  title = {Missing comma}') + 1;
    assert.equal(problems[0].code, 'bib-syntax');
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].range.start.line, brokenLine);
    assert.match(problems[0].message, /broken250/);
  });

  it('recovers at the next entry when a closing brace is missing', () => {
    const text = '@book{a, title = {One}, year = 1990\n\n@book{b, title = {Two}}\n@book{c, title = {Three}}\n';
    const { entries, problems } = parseBibtex(text, URI);
    assert.deepEqual(entries.map((e) => e.key), ['a', 'b', 'c']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'bib-unclosed-entry');
    assert.equal(problems[0].range.start.line, 0);
  });

  it('reports a value whose braces never close, and keeps the next entry', () => {
    const text = '@book{a, title = {One {two {three}, year = 1990}\n@book{b, title = {Two}}\n';
    const { entries, problems } = parseBibtex(text, URI);
    assert.deepEqual(entries.map((e) => e.key), ['b']);
    assert.ok(problems.some((p) => p.code === 'bib-syntax' && p.range.start.line === 0 && p.range.start.character === 17 && /unbalanced braces/.test(p.message)));
    assert.ok(problems.some((p) => p.code === 'bib-unclosed-entry' && p.range.start.line === 0));
  });

  it('reports an unterminated quoted value', () => {
    const text = '@book{a, title = "One, year = 1990}\n@book{b, title = "Two"}\n';
    const { entries, problems } = parseBibtex(text, URI);
    assert.deepEqual(entries.map((e) => e.key), ['b']);
    assert.ok(problems.some((p) => /unterminated string/.test(p.message) && p.range.start.character === 17));
  });
});

describe('parseBibtex: BibTeX features', () => {
  it('expands @string macros with # concatenation, defined anywhere in the file', () => {
    const { map, problems } = byKey('@book{a, publisher = pub # { Ltd}, address = "New" # " " # city, month = mar, year = 1950}\n@string{pub = "Invented " # {Press}}\n@string(city = {York})\n');
    assert.deepEqual(problems, []);
    assert.equal(map.get('a')!.item.publisher, 'Invented Press Ltd');
    assert.equal(map.get('a')!.item['publisher-place'], 'New York');
    assert.deepEqual(map.get('a')!.item.issued, { 'date-parts': [[1950, 3]] });
  });

  it('warns about an undefined macro and still loads the entry', () => {
    const { entries, problems } = byKey('@book{a, publisher = nosuch, title = {T}}');
    assert.equal(entries.length, 1);
    assert.equal(problems[0].code, 'bib-undefined-string');
    assert.equal(problems[0].severity, 'warning');
  });

  it('copes with 10,000 @string macros', () => {
    const defs: string[] = [];
    for (let i = 0; i < 10_000; i++) defs.push(`@string{m${i} = {Macro ${i}}}`);
    const { map, problems } = byKey(`${defs.join('\n')}\n@book{a, title = m9999 # { and } # m0}`);
    assert.deepEqual(problems, []);
    assert.equal(map.get('a')!.item.title, 'Macro 9999 and Macro 0');
  });

  it('keeps case-protected text as written and drops the braces', () => {
    const { map } = byKey('@article{a, title = {The {USSR} and {de-Stalinization}: {A} Test}}');
    assert.equal(map.get('a')!.item.title, 'The USSR and de-Stalinization: A Test');
  });

  it('reads biblatex dates, ranges and approximate dates', () => {
    const { map } = byKey('@book{a, date = {1968}}\n@book{b, date = {1956-02-25}}\n@book{c, date = {1961/1964}}\n@book{d, date = {1962~}}\n@book{e, year = {n.d.}}');
    assert.deepEqual(map.get('a')!.item.issued, { 'date-parts': [[1968]] });
    assert.deepEqual(map.get('b')!.item.issued, { 'date-parts': [[1956, 2, 25]] });
    assert.deepEqual(map.get('c')!.item.issued, { 'date-parts': [[1961], [1964]] });
    assert.deepEqual(map.get('d')!.item.issued, { 'date-parts': [[1962]], circa: true });
    assert.deepEqual(map.get('e')!.item.issued, { literal: 'n.d.' });
  });

  it('ignores @comment and @preamble, and text between entries', () => {
    const { entries, problems } = byKey('Some notes, not an entry.\n@comment{@book{x, title={no}}}\n@preamble{"\\newcommand{\\noop}[1]{}"}\n@book{a, title={T}}');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems, []);
  });

  it('reports duplicate keys and keeps the first', () => {
    const { entries, problems } = byKey('@book{a, title={First}}\n@book{a, title={Second}}');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].item.title, 'First');
    assert.equal(problems[0].code, 'bib-duplicate-key');
    assert.equal(problems[0].range.start.line, 1);
  });

  it('reports a duplicate field and keeps the first value', () => {
    const { entries, problems } = byKey('@book{a, title={First}, title={Second}}');
    assert.equal(entries[0].item.title, 'First');
    assert.equal(problems[0].code, 'bib-duplicate-field');
  });

  it('reports a missing crossref parent and an entry without key', () => {
    const { entries, problems } = byKey('@incollection{a, title={T}, crossref={nowhere}}\n@book{title={No key}}');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems.map((p) => p.code).sort(), ['bib-missing-crossref', 'bib-missing-key']);
  });

  it('resolves crossref whatever the order, and survives a cycle', () => {
    const { map } = byKey('@book{p, title={Parent}, publisher={P}, crossref={q}}\n@book{q, title={Q}, crossref={p}, year=1999}');
    assert.equal(map.get('p')!.item.publisher, 'P');
    assert.ok(map.get('q')!.item.issued);
  });

  it('handles CRLF line ends and positions', () => {
    const { entries, problems } = byKey('@book{a,\r\n  title = {T}\r\n}\r\n@book{b,\r\n  title = {U}\r\n}\r\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries[1].origin.range.start, { line: 3, character: 6 });
  });

  it('turns binary garbage into problems, never an exception', () => {
    const garbage = '\u0000\u0001@\u00ff{{{@book{\u0000 ,,=}}}"@@@@x{' + '\ud800'.repeat(3) + '@book{ok, title={Fine}}';
    const r = parseBibtex(garbage, URI);
    assert.ok(Array.isArray(r.entries));
    assert.ok(r.problems.length > 0);
  });

  it('caps the number of problems listed for a hopeless file', () => {
    const r = parseBibtex('@book{x, =}\n'.repeat(1000), URI);
    assert.ok(r.problems.length <= 201);
    assert.equal(r.problems[r.problems.length - 1].code, 'bib-too-many-problems');
  });
});

describe('BibTeX names, types and TeX', () => {
  it('parses the three name forms', () => {
    assert.deepEqual(parseBibtexName('Ludwig van Beethoven'), { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' });
    assert.deepEqual(parseBibtexName('van Beethoven, Ludwig'), { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' });
    assert.deepEqual(parseBibtexName('Ford, Jr., Henry'), { family: 'Ford', given: 'Henry', suffix: 'Jr.' });
    assert.deepEqual(parseBibtexName('{Barnes and Noble}'), { literal: 'Barnes and Noble' });
  });

  it('splits name lists on "and" outside braces, dropping "others"', () => {
    assert.deepEqual(parseBibtexNames('{Barnes and Noble} and Doe, Jane and others').map((n) => n.literal ?? n.family), ['Barnes and Noble', 'Doe']);
  });

  it('maps entry types to CSL', () => {
    assert.equal(cslTypeOf('article'), 'article-journal');
    assert.equal(cslTypeOf('article', 'newspaper'), 'article-newspaper');
    assert.equal(cslTypeOf('InCollection'), 'chapter');
    assert.equal(cslTypeOf('online'), 'webpage');
    assert.equal(cslTypeOf('phdthesis'), 'thesis');
    assert.equal(cslTypeOf('whatever'), 'document');
  });

  it('converts TeX to Unicode', () => {
    assert.equal(texToUnicode('{\\"o}'), 'ö');
    assert.equal(texToUnicode('\\"{\\i}'), 'ï');
    assert.equal(texToUnicode('Kr{\\\'{a}}l\\r{u}v \\v{S}koda \\c{c} \\ss{} \\o'), 'Králův Škoda ç ß ø');
    assert.equal(texToUnicode('1957--1964 --- ``quoted\'\' \\& 50\\%'), '1957–1964 — “quoted” & 50%');
    assert.equal(texToUnicode('\\emph{Pravda}, \\textit{Izvestiia}'), 'Pravda, Izvestiia');
    assert.equal(texToUnicode('{\\noopsort{a}}Zed'), 'Zed');
  });
});
