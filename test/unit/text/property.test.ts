import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeText, type Region } from '../../../src/core/text/analysis';
import { citationContextAt, findCitations } from '../../../src/core/cite/syntax';

const NUM_RUNS = Number(process.env.ANNALIST_FC_RUNS) > 0 ? Number(process.env.ANNALIST_FC_RUNS) : 300;

/** Text made of the characters and fragments the scanners care about. */
const markupText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '`', '```', '~~~', '$', '$$', '\\(', '\\)', '\\[', '\\]', '[', ']', '(', ')', '{', '}', '<', '>', '<!--', '-->',
        '@', '@key', '[@a; -@b, p. 3]', '\\cite{', '\\begin{equation}', '\\end{equation}', '%', '\\', '*', '_', '"',
        '\u201c', '\u201d', '---', '...', '. ', 'Dr. ', 'N. ', '\n', '\r\n', '\r', '\n\n', '    ', '\t', '# ', '- ', '> ',
        '|', 'http://x.org/a', 'www.', 'me@ex.com', '\uD83D\uDE42', '\uD83D', '\uDE42', 'annalist-disable', ' ',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const language = fc.constantFrom('markdown', 'quarto', 'rmd', 'latex', 'plaintext', 'unknown');

function assertSortedDisjoint(regions: Region[], length: number, what: string): void {
  let previousEnd = 0;
  for (const r of regions) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), what);
    assert.ok(r.start >= previousEnd, `${what} sorted and disjoint`);
    assert.ok(r.start < r.end, `${what} non-empty`);
    assert.ok(r.end <= length, `${what} in bounds`);
    previousEnd = r.end;
  }
}

describe('analyzeText: properties', () => {
  it('never throws; regions are in bounds, sorted and disjoint; results are deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(markupText, fc.string({ maxLength: 200 })), language, (text, lang) => {
        const a = analyzeText(text, lang);
        assertSortedDisjoint(a.prose, text.length, 'prose');
        assertSortedDisjoint(a.paragraphs, text.length, 'paragraphs');
        assertSortedDisjoint(a.sentences, text.length, 'sentences');
        for (const t of a.titles) assert.ok(t.start >= 0 && t.start <= t.end && t.end <= text.length, 'titles in bounds');
        for (let k = 1; k < a.titles.length; k++) assert.ok(a.titles[k - 1].start <= a.titles[k].start, 'titles sorted');
        for (const s of a.sentences) {
          const p = a.paragraphs[s.paragraph];
          assert.ok(p && s.start >= p.start && s.end <= p.end, 'sentence inside its paragraph');
          assert.ok(a.isProse(s.start), 'sentence starts at prose');
        }
        for (const r of a.prose) for (let i = r.start; i < r.end; i++) assert.ok(a.isProse(i));
        const again = analyzeText(text, lang);
        assert.deepEqual(again.prose, a.prose);
        assert.deepEqual(again.sentences, a.sentences);
        assert.deepEqual(again.titles, a.titles);
        assert.deepEqual(again.suppressions, a.suppressions);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('citations and completion contexts never throw and stay in bounds', () => {
    fc.assert(
      fc.property(markupText, language, fc.nat(), (text, lang, seed) => {
        for (const c of findCitations(text, lang)) {
          assert.ok(c.groupStart <= c.keyStart && c.keyStart <= c.keyEnd && c.keyEnd <= c.groupEnd && c.groupEnd <= text.length);
          assert.equal(text.slice(c.keyStart, c.keyEnd), c.key);
        }
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        const ctx = citationContextAt(text, offset, lang);
        if (ctx) {
          assert.ok(ctx.replaceStart <= offset && offset <= ctx.replaceEnd && ctx.replaceEnd <= text.length);
          assert.equal(text.slice(ctx.replaceStart, offset), ctx.prefix);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stays linear on long pathological inputs (no super-linear regexes)', () => {
    // Not a timing assertion: these inputs hang a quadratic scanner for minutes, so finishing is the test.
    for (const unit of ['[', '`', '$', '<', '\\(', '*', '"', '<!--', '\\cite{', '@a.', '``', 'a.b@c', '{', '](']) {
      const text = `${unit} x `.repeat(40_000);
      for (const lang of ['markdown', 'latex', 'plaintext']) {
        const a = analyzeText(text, lang);
        assert.ok(a.prose.length >= 0);
        findCitations(text, lang);
      }
    }
  });
});
