import { strict as assert } from 'node:assert';
import { fixtureLibrary } from './fixtures';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { bibliographyDiagnostics, checkCitationKeys } from '../../../src/core/cite/check';
import { Library, type LibraryEntry } from '../../../src/core/cite/library';
import { analyzeText } from '../../../src/core/text/analysis';


function entry(key: string, uri = 'file:///gen.bib', line = 0): LibraryEntry {
  return {
    key,
    item: { id: key, type: 'book', title: `Title of ${key}` },
    origin: { uri, range: { start: { line, character: 6 }, end: { line, character: 6 + key.length } } },
  };
}

describe('checkCitationKeys', () => {
  const lib = fixtureLibrary();

  it('flags an unknown key with a "did you mean" message, data and a preferred fix', () => {
    const text = 'As argued [@breslauer1983, p. 4].';
    const ds = checkCitationKeys({ text, languageId: 'markdown', library: lib });
    assert.equal(ds.length, 1);
    const d = ds[0];
    assert.equal(d.code, 'unknown-citation-key');
    assert.equal(d.source, 'Annalist');
    assert.equal(d.message, "No bibliography entry has the key 'breslauer1983'. Did you mean breslauer1982?");
    assert.deepEqual(d.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 25 } });
    assert.deepEqual(d.data, { key: 'breslauer1983', suggestions: ['breslauer1982'] });
    assert.equal(d.fixes?.length, 1);
    assert.equal(d.fixes![0].preferred, true);
    assert.deepEqual(d.fixes![0].edits, [{ range: d.range, newText: 'breslauer1982' }]);
  });

  it('offers one fix per close key, nearest first', () => {
    const l = new Library();
    l.add([entry('smith2001'), entry('smith2002'), entry('jones1990')]);
    const [d] = checkCitationKeys({ text: 'See @smith2003.', languageId: 'markdown', library: l });
    assert.equal(d.message, "No bibliography entry has the key 'smith2003'. Did you mean smith2001 or smith2002?");
    assert.deepEqual(d.fixes!.map((f) => f.edits[0].newText), ['smith2001', 'smith2002']);
    assert.deepEqual(d.fixes!.map((f) => f.preferred === true), [true, false]);
  });

  it('says nothing more when no key is close', () => {
    const [d] = checkCitationKeys({ text: '[@zzzzzzzzzz]', languageId: 'markdown', library: lib });
    assert.equal(d.message, "No bibliography entry has the key 'zzzzzzzzzz'.");
    assert.equal(d.fixes, undefined);
    assert.deepEqual(d.data, { key: 'zzzzzzzzzz', suggestions: [] });
  });

  it('knows keys and aliases, and skips e-mail addresses, URLs and code', () => {
    const text = [
      'Known [@tatu1968; @tatu1968power] and @linden1966 says.',
      'Mail me@nosuchkey.org or see https://example.org/@nosuchkey2.',
      'Code `[@nosuchkey3]` and',
      '```',
      '[@nosuchkey4]',
      '```',
    ].join('\n');
    assert.deepEqual(checkCitationKeys({ text, languageId: 'markdown', library: lib }), []);
  });

  it('follows Pandoc: an in-text @word is a citation', () => {
    const ds = checkCitationKeys({ text: 'As @nosuchauthor argues.', languageId: 'markdown', library: lib });
    assert.deepEqual(ds.map((d) => d.data?.key), ['nosuchauthor']);
  });

  it('flags every occurrence, in LaTeX too, on the key itself', () => {
    const text = '\\textcite{tatu1968,nosuch} and \\parencite[12]{nosuch}.\r\n\\cite{linden1966}';
    const ds = checkCitationKeys({ text, languageId: 'latex', library: lib });
    assert.equal(ds.length, 2);
    for (const d of ds) {
      const start = d.range.start.character;
      assert.equal(text.slice(start, d.range.end.character), 'nosuch');
    }
  });

  it('places keys right in a CRLF document', () => {
    const text = 'First line.\r\nSecond [@nosuch].';
    const [d] = checkCitationKeys({ text, languageId: 'markdown', library: lib });
    assert.deepEqual(d.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 15 } });
  });

  it('braces a suggested Pandoc key that cannot be written bare', () => {
    const l = new Library();
    l.add([entry('doe 2001')]);
    const [bare] = checkCitationKeys({ text: 'See [@doe2001].', languageId: 'markdown', library: l });
    assert.equal(bare.fixes![0].edits[0].newText, '{doe 2001}');
    const [braced] = checkCitationKeys({ text: 'See [@{doe2001}].', languageId: 'markdown', library: l });
    assert.equal(braced.fixes![0].edits[0].newText, 'doe 2001');
  });

  it('respects suppressions', () => {
    const text = 'One [@nosuch].\n<!-- annalist-disable-next-line unknown-citation-key -->\nTwo [@nosuch].';
    const analysis = analyzeText(text, 'markdown');
    const ds = checkCitationKeys({ text, languageId: 'markdown', library: lib, isSuppressed: analysis.isSuppressed });
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, 0);
  });

  it('flags nothing when the library is empty and no bibliography is configured', () => {
    const text = 'Ping @someone about [@nosuch].';
    assert.deepEqual(checkCitationKeys({ text, languageId: 'markdown', library: new Library() }), []);
    assert.deepEqual(checkCitationKeys({ text, languageId: 'markdown', library: new Library(), bibliographyConfigured: false }), []);
  });

  it('flags every key when a configured bibliography is empty, saying why', () => {
    const ds = checkCitationKeys({ text: 'See [@nosuch].', languageId: 'markdown', library: new Library(), bibliographyConfigured: true });
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /The bibliography is empty or could not be read\./);
  });

  it('never throws on odd input', () => {
    assert.deepEqual(checkCitationKeys({ text: undefined as unknown as string, languageId: 'markdown', library: lib }), []);
    assert.deepEqual(checkCitationKeys({ text: '[@x]', languageId: 'plaintext', library: lib }), []);
  });
});

describe('bibliographyDiagnostics', () => {
  it('lists the problems of each file, clean files with an empty list, duplicates pointing at the winner', () => {
    const l = new Library();
    l.add([entry('a', 'file:///one.bib', 2), entry('b', 'file:///one.bib', 8)]);
    l.add([entry('a', 'file:///two.bib', 4), entry('c', 'file:///two.bib', 9)]);
    const broken = parseBibtex('@book{ok1, title = {Fine}}\n@book{, title = {No key}}\n@book{ok2, title = {Fine too}}\n', 'file:///three.bib');
    l.add(broken.entries, broken.problems);
    l.add([entry('clean', 'file:///four.bib')]);
    const byFile = bibliographyDiagnostics(l);
    assert.deepEqual([...byFile.keys()].sort(), ['file:///four.bib', 'file:///one.bib', 'file:///three.bib', 'file:///two.bib']);
    assert.deepEqual(byFile.get('file:///one.bib'), []);
    assert.deepEqual(byFile.get('file:///four.bib'), []);
    const two = byFile.get('file:///two.bib')!;
    assert.equal(two.length, 1);
    assert.equal(two[0].code, 'bib-duplicate-key');
    assert.equal(two[0].range.start.line, 4);
    assert.deepEqual(two[0].data, { key: 'a' });
    assert.equal(two[0].related?.[0].uri, 'file:///one.bib');
    assert.equal(two[0].related?.[0].range.start.line, 2);
    const three = byFile.get('file:///three.bib')!;
    assert.ok(three.length >= 1);
    assert.ok(three.every((d) => d.source === 'Annalist' && d.code.startsWith('bib-')));
    assert.ok(l.has('ok1') && l.has('ok2'));
  });

  it('reports a key defined twice in one file', () => {
    const parsed = parseBibtex('@book{dup, title = {One}}\n\n@book{dup, title = {Two}}\n', 'file:///dup.bib');
    const l = new Library();
    l.add(parsed.entries, parsed.problems);
    const ds = bibliographyDiagnostics(l).get('file:///dup.bib')!;
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'bib-duplicate-key');
    assert.equal(ds[0].range.start.line, 2);
    assert.equal(ds[0].related?.[0].range.start.line, 0);
  });
});
