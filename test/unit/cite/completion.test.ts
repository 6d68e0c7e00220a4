import { strict as assert } from 'node:assert';
import { fixtureLibrary } from './fixtures';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { completeAt, documentationFor, keyNeedsBraces, type CitationCompletionResult } from '../../../src/core/cite/completion';
import { Library, type LibraryEntry } from '../../../src/core/cite/library';


function entry(key: string, family: string, year: number, title: string, extra: Partial<LibraryEntry['item']> = {}): LibraryEntry {
  return {
    key,
    item: { id: key, type: 'book', author: [{ family, given: 'T.' }], title, issued: { 'date-parts': [[year]] }, ...extra },
    origin: { uri: 'file:///gen.bib', range: { start: { line: 3, character: 6 }, end: { line: 3, character: 6 + key.length } } },
  };
}

/** Completion with the cursor at `|` in `doc`. */
function complete(doc: string, library: Library, languageId = 'markdown', limit = 50): CitationCompletionResult | undefined {
  const offset = doc.indexOf('|');
  assert.ok(offset >= 0, 'the test document marks the cursor with |');
  const text = doc.slice(0, offset) + doc.slice(offset + 1);
  return completeAt({ text, languageId, offset, library, limit });
}

function labels(r: CitationCompletionResult | undefined): string[] {
  assert.ok(r, 'expected a completion result');
  return r.items.map((i) => i.label);
}

describe('completeAt: where completion happens', () => {
  const lib = fixtureLibrary();

  it('offers every entry right after [@, replacing nothing yet', () => {
    const r = complete('As shown [@|', lib);
    assert.ok(r);
    assert.equal(r.items.length, lib.size);
    assert.equal(r.replaceStart, 11);
    assert.equal(r.replaceEnd, 11);
    assert.equal(r.isIncomplete, false);
  });

  it('[@bres offers breslauer1982 with author, year and title', () => {
    const r = complete('As shown [@bres|', lib);
    assert.ok(r);
    const first = r.items[0];
    assert.equal(first.label, 'breslauer1982');
    assert.equal(first.insertText, 'breslauer1982');
    assert.equal(first.detail, 'Breslauer 1982 — Khrushchev and Brezhnev as Leaders');
    assert.match(first.documentation, /\*Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics\*/);
    assert.match(first.documentation, /Breslauer, George W/);
    assert.equal(r.replaceStart, 11);
    assert.equal(r.replaceEnd, 15);
  });

  it('[@Tatu finds tatu1968 by its author, and the filter text keeps author and title', () => {
    const r = complete('[@Tatu|]', lib);
    assert.equal(labels(r)[0], 'tatu1968');
    const item = r!.items[0];
    assert.match(item.filterText, /^tatu1968 /);
    assert.match(item.filterText, /Tatu/);
    assert.match(item.filterText, /Kremlin/);
    assert.match(item.filterText, /1968/);
  });

  it('searches by title words and by year', () => {
    assert.equal(labels(complete('[@kremlin|', lib))[0], 'tatu1968');
    assert.equal(labels(complete('[@1966|', lib))[0], 'linden1966');
  });

  it('tolerates a typo, and leads the filter text with what was typed so the editor does not hide it', () => {
    const r = complete('[@Breslaur|', lib);
    assert.equal(labels(r)[0], 'breslauer1982');
    assert.match(r!.items[0].filterText, /^Breslaur breslauer1982/);
  });

  it('replaces the whole key under the cursor when editing inside one', () => {
    const r = complete('[@bre|slauer1982, p. 3]', lib);
    assert.ok(r);
    assert.equal(r.replaceStart, 2);
    assert.equal(r.replaceEnd, 15);
  });

  it('completes inside \\parencite{', () => {
    const r = complete('\\parencite{lin|}', lib, 'latex');
    assert.equal(labels(r)[0], 'linden1966');
    assert.equal(r!.items[0].insertText, 'linden1966');
    assert.equal(r!.replaceStart, 11);
    assert.equal(r!.replaceEnd, 14);
  });

  it('completes the second key of \\cite{a, b', () => {
    const r = complete('\\cite{breslauer1982, ta|}', lib, 'latex');
    assert.equal(labels(r)[0], 'tatu1968');
    assert.equal(r!.replaceStart, 21);
    assert.equal(r!.replaceEnd, 23);
  });

  it('keeps the braces of @{…} and closes one left open', () => {
    const closed = complete('[@{bres|}]', lib);
    assert.ok(closed);
    assert.equal(closed.items[0].insertText, 'breslauer1982');
    assert.equal(closed.replaceStart, 3);
    assert.equal(closed.replaceEnd, 7);
    const open = complete('[@{bres| and more words', lib);
    assert.ok(open);
    assert.equal(open.items[0].insertText, 'breslauer1982}');
    assert.equal(open.replaceEnd, 7, 'the words after the cursor are kept');
  });

  it('braces a Pandoc key that cannot be written bare', () => {
    const l = new Library();
    l.add([entry('Doe 2001', 'Doe', 2001, 'Spaced key'), entry('doe:2002', 'Doe', 2002, 'Colon key'), entry('doe2003.', 'Doe', 2003, 'Trailing dot')]);
    const r = complete('[@doe|', l);
    assert.ok(r);
    const byKey = new Map(r.items.map((i) => [i.label, i.insertText]));
    assert.equal(byKey.get('Doe 2001'), '{Doe 2001}');
    assert.equal(byKey.get('doe:2002'), 'doe:2002');
    assert.equal(byKey.get('doe2003.'), '{doe2003.}');
    assert.equal(keyNeedsBraces('tatu1968'), false);
    assert.equal(keyNeedsBraces('a--b'), true);
  });

  it('offers nothing in an e-mail address, a code span, a code block or plain text', () => {
    assert.equal(complete('write to someone@bres|', lib), undefined);
    assert.equal(complete('the call `cite([@bres|])` returns', lib), undefined);
    assert.equal(complete('```\n[@bres|\n```\n', lib), undefined);
    assert.equal(complete('Just words| here', lib), undefined);
    assert.equal(complete('[@bres|', lib, 'plaintext'), undefined);
  });

  it('works the same in a CRLF document', () => {
    const r = complete('Line one.\r\nAs shown [@tat|\r\nNext', lib);
    assert.equal(labels(r)[0], 'tatu1968');
    assert.equal(r!.replaceStart, 22);
  });
});

describe('completeAt: ranking and limits', () => {
  const lib = fixtureLibrary();

  it('ranks keys already cited in the document first, aliases included', () => {
    const plain = labels(complete('[@|', lib));
    assert.notEqual(plain[0], 'linden1966');
    const r = complete('Earlier [@linden1966]. Now [@|', lib);
    assert.ok(r);
    assert.equal(r.items[0].label, 'linden1966');
    assert.equal(r.items[0].cited, true);
    assert.equal(r.items[1].cited, false);
    const viaAlias = complete('Earlier [@tatu1968power]. Now [@|', lib);
    assert.equal(viaAlias!.items[0].label, 'tatu1968');
  });

  it('does not count the key being typed as cited', () => {
    const r = complete('[@linden|', lib);
    assert.ok(r);
    assert.equal(r.items[0].label, 'linden1966');
    assert.equal(r.items[0].cited, false);
  });

  it('takes the cited keys from the caller when given', () => {
    const r = completeAt({ text: '[@', languageId: 'markdown', offset: 2, library: lib, limit: 50, cited: new Set(['webtest2020']) });
    assert.equal(r!.items[0].label, 'webtest2020');
  });

  it('caps the list and says it is incomplete; sort text follows the rank', () => {
    const r = complete('[@|', lib, 'markdown', 3);
    assert.ok(r);
    assert.equal(r.items.length, 3);
    assert.equal(r.isIncomplete, true);
    const sorted = [...r.items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    assert.deepEqual(sorted.map((i) => i.label), r.items.map((i) => i.label));
    const exact = complete('[@|', lib, 'markdown', lib.size);
    assert.equal(exact!.isIncomplete, false);
    assert.equal(exact!.items.length, lib.size);
  });

  it('says why the list is empty', () => {
    const none = complete('[@zzzzqqq|', lib);
    assert.ok(none);
    assert.deepEqual(none.items, []);
    assert.equal(none.note, 'no-match');
    const empty = complete('[@bres|', new Library());
    assert.equal(empty!.note, 'empty-library');
    assert.deepEqual(empty!.items, []);
  });

  it('leaves documentation to documentationFor when asked to', () => {
    const r = completeAt({ text: '[@tatu', languageId: 'markdown', offset: 6, library: lib, limit: 5, withDocumentation: false });
    assert.equal(r!.items[0].documentation, '');
    const full = complete('[@tatu|', lib);
    assert.equal(full!.items[0].documentation, documentationFor(lib.get('tatu1968')!));
  });

  it('is correct on a 20,000-entry library', () => {
    const big = new Library();
    const entries: LibraryEntry[] = [];
    for (let i = 0; i < 20_000; i++) entries.push(entry(`auth${i}y${1900 + (i % 100)}`, `Author${i}`, 1900 + (i % 100), `Volume ${i} of the series`));
    big.add(entries);
    assert.equal(big.size, 20_000);
    const first = complete('[@|', big);
    assert.equal(first!.items.length, 50);
    assert.equal(first!.isIncomplete, true);
    assert.equal(labels(complete('[@author12345|', big))[0], 'auth12345y1945');
    const cited = complete('See [@auth19999y1999]. [@auth|', big);
    assert.equal(cited!.items[0].label, 'auth19999y1999');
    assert.equal(cited!.isIncomplete, true);
  });
});

describe('completeAt: hostile and broken bibliographies', () => {
  it('escapes fields so a .bib cannot inject links, HTML or commands', () => {
    const l = new Library();
    l.add([
      entry('evil1', '<img src=x onerror=alert(1)>', 2000, '[click](command:workbench.action.terminal.new)', {
        publisher: '<script>alert(1)</script>',
        'container-title': '![img](https://evil.example/x.png)',
        URL: 'javascript:alert(1)',
      }),
      entry('evil2', 'Name', 2001, 'Fine title', { URL: 'https://ok.example/a) [x](command:foo' }),
    ]);
    const r = complete('[@evil|', l);
    assert.ok(r);
    assert.equal(r.items.length, 2);
    for (const item of r.items) {
      const doc = item.documentation;
      assert.ok(!/<[a-z]/i.test(doc.replace(/\\</g, '')), `raw HTML in ${doc}`);
      // Every link the Markdown makes goes to an http(s) address.
      for (const m of doc.matchAll(/(?<!\\)\]\(/g)) {
        assert.match(doc.slice(m.index! + 2), /^https:\/\//, doc);
      }
      assert.ok(!doc.includes('](command:'), doc);
      assert.ok(!doc.includes('](javascript:'), doc);
      assert.ok(!doc.includes('\n#'), doc);
    }
    const evil2 = r.items.find((i) => i.label === 'evil2')!;
    assert.equal((evil2.documentation.match(/(?<!\\)\]\(/g) ?? []).length, 1, 'one link, to the web address');
  });

  it('escapes fields that arrive through a real .bib file', () => {
    const bib = '@book{hostile,\n  title = {[x](command:foo) <img src=x onerror=alert(1)>},\n  author = {Bad, <b>Guy</b>},\n  year = 1999,\n}\n';
    const parsed = parseBibtex(bib, 'file:///hostile.bib');
    const l = new Library();
    l.add(parsed.entries, parsed.problems);
    const r = complete('[@hostile|', l);
    assert.ok(r && r.items.length === 1);
    const doc = r.items[0].documentation;
    assert.ok(!doc.includes('](command:'), doc);
    assert.ok(!/(?<!\\)<(img|b)/.test(doc), doc);
    assert.match(doc, /\\\[x\\\]/);
  });

  it('still completes the 499 good entries of a 500-entry .bib with one broken entry', () => {
    const chunks: string[] = [];
    for (let i = 0; i < 500; i++) {
      if (i === 250) chunks.push(`@book{gen${i},\n  title = {Never closed,\n  author = {Broken, B.},\n`);
      else chunks.push(`@book{gen${i},\n  title = {Generated volume ${i}},\n  author = {Writer${i}, W.},\n  year = {${1800 + i}},\n}\n`);
    }
    const parsed = parseBibtex(chunks.join('\n'), 'file:///big.bib');
    assert.ok(parsed.problems.length >= 1, 'the broken entry is reported');
    const l = new Library();
    l.add(parsed.entries, parsed.problems);
    const r = complete('[@gen|', l, 'markdown', 1000);
    assert.ok(r);
    const keys = new Set(r.items.map((i) => i.label));
    assert.equal(keys.has('gen250'), false);
    for (let i = 0; i < 500; i++) if (i !== 250) assert.ok(keys.has(`gen${i}`), `gen${i} is offered`);
    assert.equal(r.items.length, 499);
    assert.equal(labels(complete('[@writer251|', l))[0], 'gen251');
  });
});
