import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { citationDefinitionAt, citationHoverAt, citationRefAt, formatReference } from '../../../src/core/cite/hover';
import { Library, summarize } from '../../../src/core/cite/library';

const FIXTURES = join(__dirname, '../../fixtures/bib');
const BIB = readFileSync(join(FIXTURES, 'zotero-bbt.bib'), 'utf8');

function fixtureLibrary(): Library {
  const lib = new Library();
  const parsed = parseBibtex(BIB, 'file:///refs.bib');
  lib.add(parsed.entries, parsed.problems);
  return lib;
}

/** 1-based line of the first occurrence of `needle` in the fixture. */
function fixtureLine(needle: string): number {
  return BIB.slice(0, BIB.indexOf(needle)).split('\n').length;
}

describe('citationHoverAt', () => {
  const lib = fixtureLibrary();
  const text = 'As argued [see @tatu1968, chap. 2; @nosuch] and \\(x\\).';
  const keyAt = text.indexOf('tatu1968');

  it('shows the clean reference of the key under the cursor, with its span', () => {
    const h = citationHoverAt({ text, languageId: 'markdown', offset: keyAt + 3, library: lib });
    assert.ok(h);
    assert.equal(h.key, 'tatu1968');
    assert.equal(h.start, keyAt);
    assert.equal(h.end, keyAt + 'tatu1968'.length);
    assert.match(h.markdown, /^\*\*tatu1968\*\*/);
    assert.match(h.markdown, /Tatu, Michel\. \*Power in the Kremlin: From Khrushchev to Kosygin\*\. New York: Viking Press, 1968\./);
    assert.match(h.markdown, new RegExp(`\\*refs\\\\\\.bib, line ${fixtureLine('@book{tatu1968')}\\*`));
  });

  it('answers on the @ too, and nowhere outside a key', () => {
    assert.equal(citationHoverAt({ text, languageId: 'markdown', offset: keyAt - 1, library: lib })?.key, 'tatu1968');
    assert.equal(citationHoverAt({ text, languageId: 'markdown', offset: keyAt - 3, library: lib }), undefined);
    assert.equal(citationHoverAt({ text, languageId: 'markdown', offset: 2, library: lib }), undefined);
    assert.equal(citationHoverAt({ text, languageId: 'markdown', offset: text.length + 5, library: lib }), undefined);
  });

  it('leaves unknown keys to their diagnostic', () => {
    const at = text.indexOf('nosuch');
    assert.equal(citationRefAt(text, 'markdown', at)?.key, 'nosuch');
    assert.equal(citationHoverAt({ text, languageId: 'markdown', offset: at, library: lib }), undefined);
  });

  it('says which entry an alias stands for', () => {
    const t = 'See [@tatu1968power].';
    const h = citationHoverAt({ text: t, languageId: 'markdown', offset: 8, library: lib });
    assert.ok(h);
    assert.equal(h.key, 'tatu1968power');
    assert.match(h.markdown, /Cited as tatu1968power, another key of tatu1968\./);
  });

  it('works in LaTeX and for braced Pandoc keys', () => {
    const tex = '\\textcite[12]{breslauer1982,linden1966}';
    const h = citationHoverAt({ text: tex, languageId: 'latex', offset: tex.indexOf('linden') + 2, library: lib });
    assert.equal(h?.key, 'linden1966');
    assert.match(h!.markdown, /Linden, Carl A\\\. \*Khrushchev and the Soviet Leadership 1957–1964\*/);
    const md = 'See [@{breslauer1982}].';
    assert.equal(citationHoverAt({ text: md, languageId: 'markdown', offset: 8, library: lib })?.key, 'breslauer1982');
  });
});

describe('formatReference', () => {
  const lib = fixtureLibrary();

  it('writes an article with its journal, volume, issue, pages and a DOI link', () => {
    const md = formatReference(lib.get('mueller2001')!);
    assert.match(md, /^Müller, Jörg; de la Cruz, Ana\. “Über die Archive der Provinz”\. In \*Zeitschrift für Testdaten\*, vol\. 12, no\. 3, 2001, pp\. 101–120\./);
    assert.match(md, /\[doi:10\\\.0000\/test\\\.0001\]\(https:\/\/doi\.org\/10\.0000\/test\.0001\)$/);
  });

  it('writes a chapter with the editors of its crossref volume', () => {
    const md = formatReference(lib.get('chaptertest2010')!);
    assert.match(md, /Writer, Wanda\. “An Invented Chapter”\. In \*An Invented Collection\*, edited by Editor, Erika/);
  });

  it('links web pages only over http(s), and never to other schemes', () => {
    const web = formatReference(lib.get('webtest2020')!);
    assert.match(web, /\]\(https:\/\/example\.org\/archive_page\)$/);
    const bad = formatReference({
      key: 'k', item: { id: 'k', type: 'webpage', title: 'T', URL: 'command:workbench.action.quit' },
      origin: { uri: 'file:///x.bib', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
    assert.ok(!bad.includes(']('), bad);
  });

  it('copes with missing and malformed fields', () => {
    const md = formatReference({
      key: 'odd',
      // A YAML title such as `1984` arrives as a number and is printed; a null name is skipped.
      item: { id: 'odd', type: 'book', title: 42 as unknown as string, author: [null as never, { literal: 'Committee\nof # Inquiry' }], issued: { literal: 'spring <1957>' } },
      origin: { uri: 'file:///x.bib', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
    assert.equal(md, 'Committee of \\# Inquiry. *42*. spring \\<1957\\>.');
    assert.equal(formatReference({ key: 'e', item: { id: 'e', type: 'book' }, origin: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } }), 'n.d.');
  });
});

describe('citationDefinitionAt', () => {
  const lib = fixtureLibrary();

  it('goes to the key of the entry in its file, through aliases too', () => {
    const text = 'See [@linden1966] and [@tatu1968power].';
    const def = citationDefinitionAt({ text, languageId: 'markdown', offset: text.indexOf('linden'), library: lib });
    assert.ok(def);
    assert.equal(def.uri, 'file:///refs.bib');
    assert.equal(def.range.start.line + 1, fixtureLine('@book{linden1966'));
    const alias = citationDefinitionAt({ text, languageId: 'markdown', offset: text.indexOf('tatu'), library: lib });
    assert.ok(alias);
    assert.equal(alias.range.start.line + 1, fixtureLine('@book{tatu1968'));
  });

  it('has nothing for unknown keys or outside citations', () => {
    assert.equal(citationDefinitionAt({ text: '[@nosuch]', languageId: 'markdown', offset: 3, library: lib }), undefined);
    assert.equal(citationDefinitionAt({ text: 'plain words', languageId: 'markdown', offset: 3, library: lib }), undefined);
  });
});

describe('summarize (the library summary next to formatReference)', () => {
  it('escapes names and keeps non-web URLs from becoming links', () => {
    const s = summarize({
      key: 'h', item: { id: 'h', type: 'book', author: [{ family: '[x](command:foo)', given: '<b>' }], URL: 'javascript:alert(1)', page: '*3*' },
      origin: { uri: 'file:///x.bib', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
    assert.ok(!/(?<!\\)\]\(/.test(s.text), s.text);
    assert.ok(!/(?<!\\)<(b|javascript)/.test(s.text), s.text);
    assert.match(s.text, /\\\*3\\\*/);
  });
});
