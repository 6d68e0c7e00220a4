// Hostile and odd inputs through the whole core (the same session the editor and the CLI use): each has its
// expected, clear result — no exception, positions inside the text, and the rest of the document still served.
import { strict as assert } from 'node:assert';
import { AnnalistSession } from '../../../src/core/session';
import { loadIndex } from '../../../src/node/datasets';
import { parseDataset } from '../../../src/core/dataset/loader';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { Library } from '../../../src/core/cite/library';
import { LineMap } from '../../../src/core/text/lines';
import type { AnnalistDiagnostic, TextDocumentLike } from '../../../src/core/types';

const { index } = loadIndex();
let version = 0;
function doc(text: string, languageId = 'markdown'): TextDocumentLike {
  const v = ++version;
  return { uri: `mem://adversarial/${v}.md`, languageId, version: v, getText: () => text };
}

function checkAll(text: string, languageId = 'markdown', library?: Library): AnnalistDiagnostic[] {
  const session = new AnnalistSession();
  const d = doc(text, languageId);
  const found = session.check(d, { index, library, bibliographyConfigured: !!library }, { disputed: 'warning' });
  const lines = new LineMap(text);
  for (const x of found) {
    const start = lines.offsetAt(x.range.start);
    const end = lines.offsetAt(x.range.end);
    assert.ok(start >= 0 && end <= text.length && start <= end, `range out of bounds: ${JSON.stringify(x.range)}`);
  }
  return found;
}

const CANONICAL = "In 1961 Stalin's body was removed from the mausoleum and buried by the Kremlin wall.";

describe('adversarial inputs', function () {
  this.timeout(120_000);

  it('1 MB of digits: nothing flagged, nothing thrown', () => {
    assert.deepEqual(checkAll('1'.repeat(1_000_000)), []);
  });

  it('100,000 "[@": completion and checks answer without throwing', () => {
    const text = '[@'.repeat(100_000);
    const lib = new Library();
    const bib = parseBibtex('@book{smith2000, title={T}, author={Smith, J.}, year={2000}}', 'mem://lib.bib');
    lib.add(bib.entries);
    checkAll(text, 'markdown', lib);
    const session = new AnnalistSession();
    const r = session.complete(doc(text), text.length, { index, library: lib }, 10);
    assert.ok(r === undefined || Array.isArray(r.items));
  });

  it('a 5 MB line with no newline, ending in the canonical sentence, still gets its warning', () => {
    const text = 'word '.repeat(1_000_000) + CANONICAL;
    const found = checkAll(text);
    assert.equal(found.filter((d) => d.code === 'misdated-event').length, 1);
    assert.equal(found[0].range.start.line, 0);
  });

  it('deeply nested brackets', () => {
    const text = '['.repeat(50_000) + '@key' + ']'.repeat(50_000) + '\n\n' + '('.repeat(50_000) + ')'.repeat(50_000) + '\n\n' + CANONICAL;
    assert.equal(checkAll(text).filter((d) => d.code === 'misdated-event').length, 1);
  });

  it('binary data opened as text', () => {
    let s = '';
    let seed = 7;
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += String.fromCharCode(seed % 65536);
    }
    checkAll(s);
    checkAll(s, 'latex');
    checkAll(s, 'plaintext');
  });

  it('surrogate pairs, combining marks and right-to-left text around a date keep positions exact', () => {
    const prefix = '𝔄𝔫𝔫𝔞𝔩 é̃ שלום ';
    const text = `${prefix}${CANONICAL}`;
    const d = checkAll(text).find((x) => x.code === 'misdated-event');
    assert.ok(d);
    assert.equal(d.range.start.character, prefix.length + 3);
    assert.equal(text.slice(d.range.start.character, d.range.end.character), '1961');
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['lone CR', '\r']] as const) {
    it(`${name} line endings: the warning sits on the right line and column`, () => {
      const text = ['# Essay', '', 'Some prose first.', '', CANONICAL, ''].join(eol);
      const d = checkAll(text).find((x) => x.code === 'misdated-event');
      assert.ok(d);
      assert.deepEqual(d.range, { start: { line: 4, character: 3 }, end: { line: 4, character: 7 } });
    });
  }

  it('a YAML alias bomb dataset is refused with a clear message, not expanded', () => {
    const lines = ['annalist: 1', 'id: bomb', 'title: Bomb', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const n of 'bcdefghij') {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    const parsed = parseDataset(lines.join('\n'), 'mem://bomb.yaml');
    assert.equal(parsed.file, undefined);
    assert.ok(parsed.problems.some((p) => p.code === 'alias-bomb' && /alias/i.test(p.message)), JSON.stringify(parsed.problems));
  });

  it('a 50 MB dataset is refused with a clear message, not parsed', () => {
    const big = 'annalist: 1\nid: big\ntitle: Big\nevents:\n' + '  # padding\n'.repeat(5_000_000);
    const parsed = parseDataset(big, 'mem://big.yaml');
    assert.equal(parsed.file, undefined);
    const p = parsed.problems.find((x) => x.code === 'too-large');
    assert.ok(p);
    assert.match(p.message, /MB/);
  });

  it('BibTeX with unbalanced braces, unterminated strings, duplicate keys and 10,000 @string macros keeps every good entry', () => {
    const macros = Array.from({ length: 10_000 }, (_, i) => `@string{m${i} = "v${i}"}`).join('\n');
    const text = `${macros}\n@book{good1, title = m9999 # " and more", year = 2000}\n@book{bad1, title = {unbalanced, year = 2001\n@book{bad2, title = "unterminated, year = 2002}\n@book{good1, title = {dup}}\n@book{good2, title = {Fine}, year = 2003}\n`;
    const parsed = parseBibtex(text, 'mem://x.bib');
    const keys = parsed.entries.map((e) => e.key);
    assert.ok(keys.includes('good1') && keys.includes('good2'), keys.join(','));
    assert.equal(parsed.entries.find((e) => e.key === 'good1')?.item.title, 'v9999 and more');
    assert.ok(parsed.problems.length >= 2);
    for (const p of parsed.problems) assert.ok(p.range.start.line >= 10_000, `problem placed at line ${p.range.start.line}: ${p.message}`);
  });

  it('the same input gives the same output', () => {
    const text = `${CANONICAL}\n\nKhrushchev spoke on 25 February 1956. [@tatu1968]\n`;
    assert.deepEqual(checkAll(text), checkAll(text));
  });
});
