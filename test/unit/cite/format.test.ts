import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../../../src/core/cite/styles/bundle';
import {
  BIBLIOGRAPHY_END, BIBLIOGRAPHY_START, CslFormatter, bibliographyEdit, citeprocHtmlToMarkdown, formatBibliography,
  styleRequestFor, type StyleChoice,
} from '../../../src/core/cite/format';
import { formatReference, citationHoverAt } from '../../../src/core/cite/hover';
import { completeAt } from '../../../src/core/cite/completion';
import { Library, type CslItem, type LibraryEntry } from '../../../src/core/cite/library';
import { CslStyles, loadCiteprocBundle, styleFileCandidates } from '../../../src/node/csl-files';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function entry(key: string, item: Omit<CslItem, 'id'>): LibraryEntry {
  return { key, item: { id: key, ...item } as CslItem, origin: { uri: 'file:///refs.bib', range: ZERO } };
}

function book(key: string, family: string, given: string, title: string, place: string, publisher: string, year: number): LibraryEntry {
  return entry(key, { type: 'book', author: [{ family, given }], title, 'publisher-place': place, publisher, issued: { 'date-parts': [[year]] } });
}

const BOOKS = [
  book('breslauer1982', 'Breslauer', 'George W.', 'Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics', 'London', 'George Allen & Unwin', 1982),
  book('linden1966', 'Linden', 'Carl A.', 'Khrushchev and the Soviet Leadership 1957–1964', 'Baltimore', 'Johns Hopkins Press', 1966),
  book('tatu1968', 'Tatu', 'Michel', 'Power in the Kremlin: From Khrushchev to Kosygin', 'New York', 'Viking Press', 1968),
  book('vangoudoever1986', 'Van Goudoever', 'A. P.', 'The Limits of Destalinization in the Soviet Union: Political Rehabilitations in the Soviet Union since Stalin', 'New York', "St Martin's Press", 1986),
];

function formatter(id: string): CslFormatter {
  const made = CslFormatter.create({ citeproc: bundle.citeproc, style: bundle.styles[id], locales: bundle.locales, name: id });
  assert.ok(made.formatter, made.error);
  return made.formatter;
}

function libraryOf(entries: LibraryEntry[]): Library {
  const lib = new Library();
  lib.add(entries);
  return lib;
}

const [breslauer, linden, tatu, vangoudoever] = BOOKS;

describe('cite/format: CSL styles through citeproc-js', () => {
  const chicago = formatter('chicago-note-bibliography');
  const authorDate = formatter('chicago-author-date');
  const mla = formatter('modern-language-association');
  const apa = formatter('apa');

  it('writes the Chicago notes-bibliography entry in Markdown', () => {
    assert.equal(chicago.reference(breslauer),
      'Breslauer, George W. *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. London: George Allen & Unwin, 1982.');
    assert.equal(chicago.reference(linden), 'Linden, Carl A. *Khrushchev and the Soviet Leadership 1957–1964*. Baltimore: Johns Hopkins Press, 1966.');
    assert.equal(chicago.reference(tatu), 'Tatu, Michel. *Power in the Kremlin: From Khrushchev to Kosygin*. New York: Viking Press, 1968.');
    assert.equal(chicago.reference(vangoudoever),
      'Van Goudoever, A. P. *The Limits of Destalinization in the Soviet Union: Political Rehabilitations in the Soviet Union since Stalin*. New York: St Martin’s Press, 1986.');
    assert.equal(chicago.styleClass, 'note');
  });

  it('writes Chicago notes with and without a locator', () => {
    assert.equal(chicago.citation(breslauer, { locator: '23' }), 'Breslauer, *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*, 23.');
    assert.equal(chicago.citation(tatu), 'Tatu, *Power in the Kremlin: From Khrushchev to Kosygin*.');
    assert.equal(chicago.citation(tatu, undefined, 'text'), 'Tatu, Power in the Kremlin: From Khrushchev to Kosygin.');
  });

  it('writes Chicago author-date', () => {
    assert.equal(authorDate.reference(breslauer),
      'Breslauer, George W. 1982. *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. London: George Allen & Unwin.');
    assert.equal(authorDate.reference(linden), 'Linden, Carl A. 1966. *Khrushchev and the Soviet Leadership 1957–1964*. Baltimore: Johns Hopkins Press.');
    assert.equal(authorDate.citation(breslauer, { locator: '23' }), '(Breslauer 1982, 23)');
    assert.equal(authorDate.styleClass, 'in-text');
  });

  it('writes MLA', () => {
    assert.equal(mla.reference(breslauer), 'Breslauer, George W. *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. George Allen & Unwin, 1982.');
    assert.equal(mla.reference(tatu), 'Tatu, Michel. *Power in the Kremlin: From Khrushchev to Kosygin*. Viking Press, 1968.');
    assert.equal(mla.citation(breslauer, { locator: '23' }), '(Breslauer 23)');
  });

  it('writes APA', () => {
    assert.equal(apa.reference(breslauer), 'Breslauer, G. W. (1982). *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. George Allen & Unwin.');
    assert.equal(apa.reference(vangoudoever),
      'Van Goudoever, A. P. (1986). *The Limits of Destalinization in the Soviet Union: Political Rehabilitations in the Soviet Union since Stalin*. St Martin’s Press.');
    assert.equal(apa.citation(breslauer, { locator: '23' }), '(Breslauer, 1982, p. 23)');
  });

  it('sorts a bibliography as the style says, whatever the cited order', () => {
    const lib = libraryOf(BOOKS);
    const keys = ['vangoudoever1986', 'tatu1968', 'breslauer1982', 'linden1966', 'tatu1968', 'missing2000'];
    const got = formatBibliography(keys, lib, chicago, (e) => formatReference(e));
    assert.deepEqual(got.map((r) => r.key), ['breslauer1982', 'linden1966', 'tatu1968', 'vangoudoever1986']);
    assert.equal(got[0].text, 'Breslauer, George W. Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics. London: George Allen & Unwin, 1982.');
    // Same author twice: Chicago orders that author's works by title, APA by year.
    const twoBooks = [...BOOKS, book('breslauer1970', 'Breslauer', 'George W.', 'Zebras of Politics', 'London', 'X', 1970)];
    const lib2 = libraryOf(twoBooks);
    assert.deepEqual(formatBibliography(['breslauer1982', 'breslauer1970'], lib2, apa, (e) => formatReference(e)).map((r) => r.key), ['breslauer1970', 'breslauer1982']);
    assert.deepEqual(formatBibliography(['breslauer1970', 'breslauer1982'], lib2, chicago, (e) => formatReference(e)).map((r) => r.key), ['breslauer1982', 'breslauer1970']);
  });

  it('resolves aliases and drops repeated and unknown keys', () => {
    const aliased = { ...tatu, aliases: ['tatu-power'] };
    const lib = libraryOf([breslauer, aliased]);
    assert.deepEqual(formatBibliography(['tatu-power', 'tatu1968', 'nope'], lib, chicago, (e) => formatReference(e)).map((r) => r.key), ['tatu1968']);
    assert.deepEqual(formatBibliography([], lib, chicago, (e) => formatReference(e)), []);
  });

  it('escapes hostile fields: nothing becomes a link, HTML, code or a heading', () => {
    const hostile = entry('evil', {
      type: 'book',
      author: [{ family: '[click](javascript:alert(1))', given: '<img src=x onerror=alert(1)>' }],
      title: '# `rm -rf` <script>alert(1)</script> *not emphasis* _nor this_ &amp; ~~gone~~ | $x$',
      publisher: '<a href="https://evil.example">Evil</a>',
      issued: { 'date-parts': [[2000]] },
    });
    for (const f of [chicago, authorDate, mla, apa]) {
      const md = f.reference(hostile);
      assert.doesNotMatch(md, /(?<!\\)\[/, `unescaped [ in ${f.name}: ${md}`);
      assert.doesNotMatch(md, /(?<!\\)</, `unescaped < in ${f.name}: ${md}`);
      assert.doesNotMatch(md, /(?<!\\)`/, `unescaped backtick in ${f.name}: ${md}`);
      assert.doesNotMatch(md, /(?<!\\)~/, `unescaped ~ in ${f.name}`);
      assert.doesNotMatch(md, /(?<!\\)&amp;/, `entity left live in ${f.name}`);
      assert.doesNotMatch(md, /^#/);
      assert.match(md, /\\\*not emphasis\\\*/i);
      assert.doesNotMatch(md, /\n/);
    }
  });

  it('turns citeproc HTML into Markdown: nested italics flip, entities decode, spaces stay outside markers', () => {
    assert.equal(citeprocHtmlToMarkdown('<div class="csl-entry">A. <i>Title with <span style="font-style:normal;">Name</span> in it</i>.</div>'),
      'A. *Title with* Name *in it*.');
    assert.equal(citeprocHtmlToMarkdown('<b>Bold</b> &#38; &#60;tag&#62; &lt;x&gt;'), '**Bold** & \\<tag\\> \\<x\\>');
    assert.equal(citeprocHtmlToMarkdown('<i> spaced </i>x'), ' *spaced* x'.trimStart());
    assert.equal(citeprocHtmlToMarkdown('1. Numbered'), '1\\. Numbered');
    assert.equal(citeprocHtmlToMarkdown('<unclosed'), '\\<unclosed');
  });

  it('falls back to the summary when no formatter is set or the formatter fails', () => {
    const summary = formatReference(breslauer);
    assert.equal(formatReference(breslauer, 'summary'), summary);
    assert.match(summary, /Breslauer/);
    const broken = { name: 'broken', reference: (): string => { throw new Error('no'); } };
    assert.equal(formatReference(breslauer, broken), summary);
    assert.equal(formatReference(breslauer, chicago), chicago.reference(breslauer));
    const lib = libraryOf([breslauer, tatu]);
    const bySummary = formatBibliography(['tatu1968', 'breslauer1982'], lib, 'summary' as StyleChoice, (e) => formatReference(e));
    assert.deepEqual(bySummary.map((r) => r.key), ['breslauer1982', 'tatu1968']);
    assert.equal(bySummary[0].markdown, summary);
  });

  it('shows the style in hovers and completion documentation', () => {
    const lib = libraryOf(BOOKS);
    const text = 'As argued [@breslauer1982, p. 23].';
    const hover = citationHoverAt({ text, languageId: 'markdown', offset: text.indexOf('breslauer'), library: lib, style: chicago });
    assert.ok(hover);
    assert.match(hover.markdown, /Breslauer, George W\. \*Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics\*\. London/);
    const c = completeAt({ text: 'See [@bres', languageId: 'markdown', offset: 10, library: lib, limit: 5, style: apa });
    assert.ok(c && c.items.length);
    assert.match(c.items[0].documentation, /Breslauer, G\. W\. \(1982\)/);
  });

  it('refuses a file that is not a style, with a reason', () => {
    const notStyle = CslFormatter.create({ citeproc: bundle.citeproc, style: '<html></html>', locales: bundle.locales, name: 'page.csl' });
    assert.match(notStyle.error ?? '', /page\.csl is not a CSL style/);
    const broken = CslFormatter.create({ citeproc: bundle.citeproc, style: '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"><citation', locales: bundle.locales, name: 'broken.csl' });
    assert.match(broken.error ?? '', /broken\.csl could not be read/);
    assert.match(CslFormatter.create({ citeproc: {} as never, style: '<style/>', locales: {} }).error ?? '', /no citation engine/);
  });
});

describe('cite/format: which style a document uses', () => {
  it('front matter csl: beats the setting, which beats Chicago notes', () => {
    assert.deepEqual(styleRequestFor({ csl: 'apa' }, 'modern-language-association'), { name: 'apa', from: 'front-matter' });
    assert.deepEqual(styleRequestFor({ 'citation-style': 'styles/house.csl' }), { name: 'styles/house.csl', from: 'front-matter' });
    assert.deepEqual(styleRequestFor({ title: 'x' }, 'chicago-author-date'), { name: 'chicago-author-date', from: 'setting' });
    assert.deepEqual(styleRequestFor(undefined, '  '), { name: 'chicago-note-bibliography', from: 'default' });
    assert.deepEqual(styleRequestFor({ csl: 42 }, undefined), { name: 'chicago-note-bibliography', from: 'default' });
    assert.deepEqual(styleRequestFor(['csl'], undefined), { name: 'chicago-note-bibliography', from: 'default' });
  });
});

// A small custom style written for this test: "FAMILY — Title (Year)".
const CUSTOM_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test house style</title><id>http://example.org/house</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]"><names variable="author"><name form="short"/></names></layout></citation>
  <bibliography>
    <sort><key variable="issued"/></sort>
    <layout>
      <names variable="author" suffix=" — "><name name-as-sort-order="all"><name-part name="family" text-case="uppercase"/></name></names>
      <text variable="title" font-style="italic"/>
      <date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>
`;

describe('node/csl-files: styles from files and from Zotero', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-csl-'));
    fs.mkdirSync(path.join(dir, 'styles'));
    fs.writeFileSync(path.join(dir, 'styles', 'house.csl'), CUSTOM_CSL);
    fs.mkdirSync(path.join(dir, 'zotero'));
    fs.writeFileSync(path.join(dir, 'zotero', 'house-style.csl'), CUSTOM_CSL);
    fs.writeFileSync(path.join(dir, 'zotero', 'broken.csl'), '<style xmlns="http://purl.org/net/xbiblio/csl"><oops');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  let loads = 0;
  const styles = new CslStyles(() => {
    loads++;
    return bundle;
  });

  it('loads the engine only when a formatter is first asked for', () => {
    const fresh = new CslStyles(() => {
      throw new Error('should not load');
    });
    assert.ok(fresh);
    assert.equal(loads, 0);
  });

  it('formats with a .csl file named relative to the document (front matter) or the workspace (setting)', () => {
    const viaFront = styles.resolve(styleRequestFor({ csl: 'styles/house.csl' }), { documentDir: dir, workspaceDir: '/nowhere' });
    assert.equal(viaFront.problem, undefined);
    assert.equal(viaFront.formatter.title, 'Test house style');
    const lib = libraryOf(BOOKS);
    const refs = formatBibliography(['breslauer1982', 'linden1966', 'tatu1968'], lib, viaFront.formatter, (e) => formatReference(e));
    assert.deepEqual(refs.map((r) => r.markdown), [
      'LINDEN, Carl A. — *Khrushchev and the Soviet Leadership 1957–1964* (1966)',
      'TATU, Michel — *Power in the Kremlin: From Khrushchev to Kosygin* (1968)',
      'BRESLAUER, George W. — *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics* (1982)',
    ]);
    const viaSetting = styles.resolve(styleRequestFor({}, 'styles/house.csl'), { workspaceDir: dir });
    assert.equal(viaSetting.name, path.join(dir, 'styles', 'house.csl'));
    assert.equal(loads, 1);
  });

  it('finds a style id we do not ship in Zotero\'s styles folder', () => {
    const got = styles.resolve({ name: 'house-style', from: 'setting' }, { zoteroStylesDir: path.join(dir, 'zotero') });
    assert.equal(got.problem, undefined);
    assert.equal(got.formatter.reference(breslauer), 'BRESLAUER, George W. — *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics* (1982)');
  });

  it('falls back to Chicago notes with a reason when the style is missing or broken', () => {
    const missing = styles.resolve({ name: 'no-such-style', from: 'front-matter' }, { zoteroStylesDir: path.join(dir, 'zotero') });
    assert.equal(missing.name, 'chicago-note-bibliography');
    assert.match(missing.problem ?? '', /no-such-style.*not shipped.*using chicago-note-bibliography/);
    const broken = styles.resolve({ name: 'broken', from: 'setting' }, { zoteroStylesDir: path.join(dir, 'zotero') });
    assert.match(broken.problem ?? '', /broken\.csl could not be read as a CSL style/);
    const missingFile = styles.resolve({ name: 'styles/none.csl', from: 'front-matter' }, { documentDir: dir });
    assert.match(missingFile.problem ?? '', /style file styles\/none\.csl not found/);
    assert.deepEqual(styleFileCandidates({ name: 'x y', from: 'setting' }, {}), []);
  });

  it('says clearly when the engine bundle is missing', () => {
    assert.throws(() => loadCiteprocBundle([path.join(dir, 'none.js')]), /citation engine is missing/);
  });
});

describe('cite/format: the bibliography section the editor maintains', () => {
  const refs = ['Breslauer, George W. *Leaders*. London, 1982.', 'Tatu, Michel. *Power*. New York, 1968.'];

  it('replaces what is between the markers', () => {
    const text = `# Essay\n\nText.\n\n# References\n\n${BIBLIOGRAPHY_START}\n\nold\n\n${BIBLIOGRAPHY_END}\n\n# Appendix\n`;
    const e = bibliographyEdit(text, refs, 0);
    const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.equal(out, `# Essay\n\nText.\n\n# References\n\n${BIBLIOGRAPHY_START}\n\n${refs[0]}\n\n${refs[1]}\n\n${BIBLIOGRAPHY_END}\n\n# Appendix\n`);
  });

  it('fills an existing References section up to the next heading, keeping CRLF', () => {
    const text = '# Essay\r\n\r\nText.\r\n\r\n## References {#refs}\r\n\r\nhand-written\r\n\r\n## Appendix\r\n';
    const e = bibliographyEdit(text, refs, 0);
    const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.equal(out, `# Essay\r\n\r\nText.\r\n\r\n## References {#refs}\r\n\r\n${BIBLIOGRAPHY_START}\r\n\r\n${refs[0]}\r\n\r\n${refs[1]}\r\n\r\n${BIBLIOGRAPHY_END}\r\n\r\n## Appendix\r\n`);
  });

  it('ignores a References heading inside a code fence and inserts at the cursor', () => {
    const text = 'Text.\n\n```\n# References\n```\n';
    const e = bibliographyEdit(text, refs, text.length);
    assert.equal(e.start, text.length);
    assert.equal(e.newText, `# References\n\n${BIBLIOGRAPHY_START}\n\n${refs[0]}\n\n${refs[1]}\n\n${BIBLIOGRAPHY_END}\n`);
    const mid = bibliographyEdit('abc', [], 2);
    assert.equal(mid.start, 2);
    assert.match(mid.newText, /^\n\n# References\n\n<!-- annalist-bibliography -->\n\n\*No cited source/);
  });
});

describe('CLI: annalist bibliography', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-bib-'));
    fs.writeFileSync(path.join(dir, 'refs.json'), JSON.stringify(BOOKS.map((b) => b.item)));
    fs.writeFileSync(path.join(dir, 'essay.md'), '---\nbibliography: refs.json\ncsl: chicago-author-date\n---\n\nSee [@tatu1968, p. 3] and @breslauer1982, and [-@linden1966].\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const root = path.join(__dirname, '../../..');
  const cli = (file: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'bibliography', path.join(dir, file), ...args], { encoding: 'utf8', cwd: root });

  it('prints the cited sources in the front matter\'s style, sorted', () => {
    const r = cli('essay.md', '--no-shipped');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, [
      'Breslauer, George W. 1982. *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. London: George Allen & Unwin.',
      'Linden, Carl A. 1966. *Khrushchev and the Soviet Leadership 1957–1964*. Baltimore: Johns Hopkins Press.',
      'Tatu, Michel. 1968. *Power in the Kremlin: From Khrushchev to Kosygin*. New York: Viking Press.',
    ].join('\n\n') + '\n');
  });

  it('takes --style over the front matter, and text and json formats', () => {
    const text = cli('essay.md', '--no-shipped', '--style', 'modern-language-association', '--format', 'text');
    assert.equal(text.stdout.split('\n')[0], 'Breslauer, George W. Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics. George Allen & Unwin, 1982.');
    const json = JSON.parse(cli('essay.md', '--no-shipped', '--style', 'apa', '--format', 'json').stdout);
    assert.equal(json.style, 'apa');
    assert.deepEqual(json.references.map((r: { key: string }) => r.key), ['breslauer1982', 'linden1966', 'tatu1968']);
    assert.deepEqual(json.unknownKeys, []);
  });

  it('exits 2 with a reason for an unknown --style', () => {
    const r = cli('essay.md', '--no-shipped', '--style', 'no-such-style');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no-such-style/);
  });
});
