import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/text/analysis';

function at(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i;
}

describe('analyzeText: suppression comments', () => {
  it('disable-next-line applies to the next line only, for the named codes', () => {
    const text = 'Line one.\n<!-- annalist-disable-next-line misdated-event -->\nLine three.\nLine four.';
    const a = analyzeText(text, 'markdown');
    assert.equal(a.isSuppressed(at(text, 'three'), 'misdated-event'), true);
    assert.equal(a.isSuppressed(at(text, 'three'), 'weekday-mismatch'), false);
    assert.equal(a.isSuppressed(at(text, 'four'), 'misdated-event'), false);
    assert.equal(a.isSuppressed(at(text, 'one'), 'misdated-event'), false);
  });

  it('disable-line applies to its own line; no codes means every code', () => {
    const text = 'Wrong date 1957. <!-- annalist-disable-line -->\nNext line.';
    const a = analyzeText(text, 'markdown');
    assert.equal(a.isSuppressed(at(text, '1957'), 'misdated-event'), true);
    assert.equal(a.isSuppressed(at(text, '1957'), 'anything-else'), true);
    assert.equal(a.isSuppressed(at(text, 'Next'), 'misdated-event'), false);
  });

  it('disable … enable covers the block between, with codes separated by spaces or commas', () => {
    const text = 'A.\n<!-- annalist-disable misdated-event, weekday-mismatch -->\nB.\n<!-- annalist-enable -->\nC.';
    const a = analyzeText(text, 'markdown');
    assert.equal(a.isSuppressed(at(text, 'B.'), 'misdated-event'), true);
    assert.equal(a.isSuppressed(at(text, 'B.'), 'weekday-mismatch'), true);
    assert.equal(a.isSuppressed(at(text, 'B.'), 'other'), false);
    assert.equal(a.isSuppressed(at(text, 'C.'), 'misdated-event'), false);
    assert.equal(a.isSuppressed(at(text, 'A.'), 'misdated-event'), false);
  });

  it('an unclosed disable runs to the end; disable-file covers the whole file', () => {
    const text = 'A.\n<!-- annalist-disable -->\nB.';
    assert.equal(analyzeText(text, 'markdown').isSuppressed(at(text, 'B.'), 'x'), true);
    const file = 'A.\n\nB.\n<!-- annalist-disable-file unknown-citation-key -->';
    const f = analyzeText(file, 'markdown');
    assert.equal(f.isSuppressed(0, 'unknown-citation-key'), true);
    assert.equal(f.isSuppressed(0, 'misdated-event'), false);
    assert.equal(f.suppressions[0].kind, 'file');
  });

  it('works with LaTeX % comments', () => {
    const text = 'A.\n% annalist-disable-next-line misdated-event\nB.\n%annalist-disable\nC.\n% annalist-enable\nD.';
    const a = analyzeText(text, 'latex');
    assert.equal(a.isSuppressed(at(text, 'B.'), 'misdated-event'), true);
    assert.equal(a.isSuppressed(at(text, 'C.'), 'misdated-event'), true);
    assert.equal(a.isSuppressed(at(text, 'D.'), 'misdated-event'), false);
  });

  it('ignores suppression comments in code, and unknown directives', () => {
    const text = '```\n<!-- annalist-disable-file -->\n```\n<!-- annalist-disablefoo -->\nText.';
    const a = analyzeText(text, 'markdown');
    assert.deepEqual(a.suppressions, []);
    assert.equal(a.isSuppressed(at(text, 'Text'), 'x'), false);
  });

  it('finds the next line after CRLF and lone CR line breaks', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = `A.${eol}<!-- annalist-disable-next-line -->${eol}B.${eol}C.`;
      const a = analyzeText(text, 'markdown');
      assert.equal(a.isSuppressed(at(text, 'B.'), 'x'), true, JSON.stringify(eol));
      assert.equal(a.isSuppressed(at(text, 'C.'), 'x'), false, JSON.stringify(eol));
    }
  });
});

describe('analyzeText: line breaks and Unicode', () => {
  it('gives the same regions for LF, CRLF and CR, shifted by the line breaks', () => {
    const lf = 'First para.\n\n```\ncode\n```\n\nSecond *Title* here.';
    for (const eol of ['\r\n', '\r']) {
      const text = lf.split('\n').join(eol);
      const a = analyzeText(text, 'markdown');
      assert.deepEqual(a.prose.map((r) => text.slice(r.start, r.end).split(eol).join('\n')), analyzeText(lf, 'markdown').prose.map((r) => lf.slice(r.start, r.end)));
      assert.deepEqual(a.titles.map((r) => text.slice(r.start, r.end)), ['Title']);
      assert.equal(a.paragraphs.length, 2);
      assert.equal(a.lines.positionAt(text.indexOf('Second')).line, 6);
    }
  });

  it('keeps exact offsets with surrogate pairs', () => {
    const text = '𝔄 old 🙂 text `code` after.';
    const a = analyzeText(text, 'markdown');
    const after = text.indexOf('after');
    assert.ok(a.isProse(after));
    assert.equal(a.isProse(text.indexOf('code')), false);
    assert.equal(text.slice(a.prose[0].start, a.prose[0].end), '𝔄 old 🙂 text');
    const last = a.sentences[a.sentences.length - 1];
    assert.equal(text.slice(last.start, last.end), text);
  });

  it('never cuts a surrogate pair at a sentence end', () => {
    const text = 'Ends with an emoji 🙂';
    const a = analyzeText(text, 'plaintext');
    assert.equal(a.sentences[0].end, text.length);
  });
});
