import { strict as assert } from 'node:assert';
import { citationContextAt, findCitations, type CitationRef } from '../../../src/core/cite/syntax';

const keys = (text: string, lang = 'markdown') => findCitations(text, lang).map((c) => c.key);

function only(text: string, lang = 'markdown'): CitationRef {
  const all = findCitations(text, lang);
  assert.equal(all.length, 1, JSON.stringify(all));
  return all[0];
}

describe('findCitations: Pandoc (the manual\'s "Citation syntax")', () => {
  it('finds bracketed citations separated by semicolons', () => {
    const text = 'Blah blah [@doe99; @smith2000; @smith2004].';
    const refs = findCitations(text, 'markdown');
    assert.deepEqual(refs.map((r) => r.key), ['doe99', 'smith2000', 'smith2004']);
    for (const r of refs) {
      assert.equal(r.syntax, 'pandoc');
      assert.equal(r.groupStart, text.indexOf('['));
      assert.equal(r.groupEnd, text.indexOf(']') + 1);
      assert.equal(text.slice(r.keyStart, r.keyEnd), r.key);
    }
  });

  it('reads prefix, locator and suffix', () => {
    const refs = findCitations('Blah blah [see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1].', 'markdown');
    assert.equal(refs[0].prefix, 'see');
    assert.equal(refs[0].locator, 'pp. 33-35');
    assert.equal(refs[0].suffix, 'and *passim*');
    assert.equal(refs[1].prefix, undefined);
    assert.equal(refs[1].locator, 'chap. 1');
    assert.equal(refs[1].suffix, undefined);
  });

  it('reads locators with en dashes, lists, no label, and braces', () => {
    assert.equal(only('[@key, pp. 33–35]').locator, 'pp. 33–35');
    assert.equal(only('[@item1 pp. 33, 35-37, and nowhere else]').locator, 'pp. 33, 35-37');
    assert.equal(only('[@item1 pp. 33, 35-37, and nowhere else]').suffix, 'and nowhere else');
    assert.equal(only('[@key, 33]').locator, '33');
    assert.equal(only('[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]').locator, 'pp. iv, vi-xi, (xv)-(xvii)');
    assert.equal(only('[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]').suffix, 'with suffix here');
    assert.equal(only('[@item1 and nowhere else]').locator, undefined);
    assert.equal(only('[@item1 and nowhere else]').suffix, 'and nowhere else');
    assert.equal(only('[@key, p. xi]').locator, 'p. xi');
  });

  it('reads author suppression [-@key]', () => {
    const r = only('Smith says blah [-@smith04].');
    assert.equal(r.key, 'smith04');
    assert.equal(r.suppressAuthor, true);
    assert.deepEqual(findCitations('[-@item2 p. 44; see also @item3]', 'markdown').map((c) => [c.key, !!c.suppressAuthor]), [['item2', true], ['item3', false]]);
  });

  it('finds in-text citations, with and without a locator in brackets', () => {
    const a = only('@smith04 says blah.');
    assert.equal(a.syntax, 'pandoc-intext');
    assert.equal(a.groupStart, 0);
    assert.equal(a.groupEnd, '@smith04'.length);
    const text = '@smith04 [p. 33] says blah.';
    const b = only(text);
    assert.equal(b.syntax, 'pandoc-intext');
    assert.equal(b.locator, 'p. 33');
    assert.equal(b.groupEnd, text.indexOf(']') + 1);
  });

  it('keeps an in-text citation and a following bracketed group apart', () => {
    const refs = findCitations('@item1 [-@item2 p. 30; see also @item3] says blah.', 'markdown');
    assert.deepEqual(refs.map((r) => [r.key, r.syntax]), [['item1', 'pandoc-intext'], ['item2', 'pandoc'], ['item3', 'pandoc']]);
  });

  it('applies the key character rules', () => {
    assert.deepEqual(keys('See @Foo_bar.baz. Then'), ['Foo_bar.baz']);
    assert.deepEqual(keys('See @{Foo_bar.baz.} then'), ['Foo_bar.baz.']);
    assert.deepEqual(keys('See @Foo_bar--baz then'), ['Foo_bar']);
    assert.deepEqual(keys('[@{https://example.com/bib?name=foobar&date=2000}, p. 33]'), ['https://example.com/bib?name=foobar&date=2000']);
    assert.deepEqual(keys('[@1657:huygens] and @_under and @a:b#c$d%e&f-g+h?i<j>k~l/m'), ['1657:huygens', '_under', 'a:b#c$d%e&f-g+h?i<j>k~l/m']);
    assert.deepEqual(keys('@пункт3 and @Müller1956'), ['пункт3', 'Müller1956']);
    assert.deepEqual(keys('@http://zotero.org/users/1/items/A'), ['http://zotero.org/users/1/items/A']);
  });

  it('leaves the sentence-ending period (and other trailing punctuation) out of the key', () => {
    assert.deepEqual(keys('As shown by @doe99.'), ['doe99']);
    assert.deepEqual(keys('As shown by @doe99, @roe07; and @moe?'), ['doe99', 'roe07', 'moe']);
    assert.deepEqual(keys('[@doe99.]'), ['doe99']);
  });

  it('rejects what is not a key', () => {
    assert.deepEqual(keys('An @ sign, @-x, @.y and @{} and @{a{b}}'), []);
  });

  it('finds no citation in e-mail addresses, code, URLs, comments or math', () => {
    const text = [
      'Write to me@example.com or a.b+c@ex.org.',
      'Code `@notakey` and',
      '```\n@alsonot\n```',
      'URL https://example.org/@user and <https://x.org/@y>',
      '<!-- @hidden -->',
      'Math $a@b$.',
      'Escaped \\@notcited.',
    ].join('\n\n');
    assert.deepEqual(keys(text), []);
  });

  it('skips Quarto cross-references in Quarto documents only', () => {
    assert.deepEqual(keys('See @fig-plot and @doe99.', 'quarto'), ['doe99']);
    assert.deepEqual(keys('See @fig-plot and @doe99.', 'markdown'), ['fig-plot', 'doe99']);
  });

  it('finds nothing in plain text', () => {
    assert.deepEqual(keys('[@doe99]', 'plaintext'), []);
  });

  it('does not take a link text for a citation group, nor its destination for a key', () => {
    const refs = findCitations('[@doe99](https://example.org/@user)', 'markdown');
    assert.deepEqual(refs.map((r) => [r.key, r.syntax]), [['doe99', 'pandoc-intext']]);
  });
});

describe('findCitations: LaTeX', () => {
  it('finds every command of the cite family, starred and capitalised', () => {
    const commands = ['cite', 'parencite', 'textcite', 'autocite', 'footcite', 'citep', 'citet', 'citeauthor', 'citeyear', 'nocite', 'Textcite', 'Parencite', 'Autocite', 'citep*', 'citeauthor*', 'cite*'];
    for (const command of commands) {
      const text = `As \\${command}{key1} said.`;
      const r = only(text, 'latex');
      assert.equal(r.key, 'key1', command);
      assert.equal(r.syntax, 'latex');
      assert.equal(r.command, command.replace('*', ''));
      assert.equal(r.groupStart, text.indexOf('\\'));
      assert.equal(r.groupEnd, text.indexOf('}') + 1);
    }
  });

  it('reads comma-separated keys with spaces and line breaks, with exact offsets', () => {
    const text = '\\cite{a, b ,c,\n  d}';
    const refs = findCitations(text, 'latex');
    assert.deepEqual(refs.map((r) => r.key), ['a', 'b', 'c', 'd']);
    for (const r of refs) assert.equal(text.slice(r.keyStart, r.keyEnd), r.key);
  });

  it('reads optional [prenote][postnote] arguments', () => {
    const one = only('\\parencite[p. 33]{doe}', 'latex');
    assert.equal(one.locator, 'p. 33');
    assert.equal(one.prefix, undefined);
    const two = only('\\textcite[see][chap. 2, and passim]{doe}', 'latex');
    assert.equal(two.prefix, 'see');
    assert.equal(two.locator, 'chap. 2');
    assert.equal(two.suffix, 'and passim');
    const empty = only('\\autocite[see][]{doe}', 'latex');
    assert.equal(empty.prefix, 'see');
    assert.equal(empty.locator, undefined);
  });

  it('reads multi-cites \\cites{a}{b} with per-key options', () => {
    const text = '\\cites[see][12]{a}[34]{b, c}{d} and more.';
    const refs = findCitations(text, 'latex');
    assert.deepEqual(refs.map((r) => [r.key, r.prefix, r.locator]), [['a', 'see', '12'], ['b', undefined, '34'], ['c', undefined, '34'], ['d', undefined, undefined]]);
    for (const r of refs) {
      assert.equal(r.command, 'cites');
      assert.equal(r.groupEnd, text.indexOf(' and'));
    }
    assert.deepEqual(findCitations('\\textcites(global)(post)[p. 1]{x}{y}', 'latex').map((r) => r.key), ['x', 'y']);
  });

  it('skips \\nocite{*} and citations in comments and verbatim', () => {
    assert.deepEqual(keys('\\nocite{*} % \\cite{commented}\n\\begin{verbatim}\\cite{verb}\\end{verbatim}\\cite{real}', 'latex'), ['real']);
  });

  it('does not read a multi-cite past its last key list', () => {
    const refs = findCitations('\\cites{a}{b} [not an option] text', 'latex');
    assert.deepEqual(refs.map((r) => r.key), ['a', 'b']);
  });
});

describe('citationContextAt', () => {
  const ctx = (marked: string, lang = 'markdown') => {
    const offset = marked.indexOf('|');
    return citationContextAt(marked.replace('|', ''), offset, lang);
  };

  it('completes after @ in brackets and in text', () => {
    assert.deepEqual(ctx('See [@smi|]'), { prefix: 'smi', replaceStart: 6, replaceEnd: 9, syntax: 'pandoc' });
    assert.deepEqual(ctx('As @smi| says'), { prefix: 'smi', replaceStart: 4, replaceEnd: 7, syntax: 'pandoc-intext' });
    assert.deepEqual(ctx('[see @doe99; @|]'), { prefix: '', replaceStart: 14, replaceEnd: 14, syntax: 'pandoc' });
    assert.deepEqual(ctx('@|'), { prefix: '', replaceStart: 1, replaceEnd: 1, syntax: 'pandoc-intext' });
    assert.deepEqual(ctx('[-@do|e99]'), { prefix: 'do', replaceStart: 3, replaceEnd: 8, syntax: 'pandoc' });
  });

  it('replaces the whole key under the cursor, without a trailing period', () => {
    const c = ctx('As @doe|99.');
    assert.equal(c?.prefix, 'doe');
    assert.equal(c?.replaceEnd, 'As @doe99'.length);
  });

  it('completes braced keys', () => {
    assert.deepEqual(ctx('[@{https://ex|ample.org}]'), { prefix: 'https://ex', replaceStart: 3, replaceEnd: 22, syntax: 'pandoc', braced: true });
  });

  it('offers nothing in e-mail addresses, code, comments, or away from an @', () => {
    assert.equal(ctx('me@exa|mple.com'), undefined);
    assert.equal(ctx('Code `@smi|` here'), undefined);
    assert.equal(ctx('```\n@smi|\n```'), undefined);
    assert.equal(ctx('<!-- @smi| -->'), undefined);
    assert.equal(ctx('plain wo|rd'), undefined);
    assert.equal(ctx('[@smi|]', 'plaintext'), undefined);
  });

  it('completes inside \\cite{ after { or a comma, with spaces', () => {
    assert.deepEqual(ctx('\\cite{|}', 'latex'), { prefix: '', replaceStart: 6, replaceEnd: 6, syntax: 'latex', command: 'cite' });
    assert.deepEqual(ctx('\\parencite[p. 3]{doe99, smi|}', 'latex'), { prefix: 'smi', replaceStart: 24, replaceEnd: 27, syntax: 'latex', command: 'parencite' });
    assert.deepEqual(ctx('\\textcite*{a,|b}', 'latex')?.prefix, '');
    assert.deepEqual(ctx('\\cites{a}{b|', 'latex')?.command, 'cites');
    assert.equal(ctx('\\Textcite[see][]{ta|', 'latex')?.prefix, 'ta');
  });

  it('offers nothing outside citation commands or in LaTeX comments', () => {
    assert.equal(ctx('\\ref{sec|}', 'latex'), undefined);
    assert.equal(ctx('% \\cite{smi|}', 'latex'), undefined);
    assert.equal(ctx('\\cite{a} te|xt', 'latex'), undefined);
    assert.equal(ctx('\\cite[p. |3]{a}', 'latex'), undefined);
  });

  it('refuses offsets out of range', () => {
    assert.equal(citationContextAt('@a', -1, 'markdown'), undefined);
    assert.equal(citationContextAt('@a', 99, 'markdown'), undefined);
  });
});
