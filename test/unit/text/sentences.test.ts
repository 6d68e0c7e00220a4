import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/text/analysis';
import { sentencesOf } from './helpers';

describe('analyzeText: sentences', () => {
  it('ends sentences at . ! ? before a capital, a digit or a quote', () => {
    assert.deepEqual(sentencesOf('He spoke. They listened! Why? 1956 was a year. "Indeed," she said.'), [
      'He spoke.', 'They listened!', 'Why?', '1956 was a year.', '"Indeed," she said.',
    ]);
  });

  it('does not end a sentence before a lower-case word', () => {
    assert.deepEqual(sentencesOf('The speech, i.e. the report, was read. and then nothing.'), ['The speech, i.e. the report, was read. and then nothing.']);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    assert.deepEqual(sentencesOf('He said "Enough." Then he left. (It was late.) Next day.'), ['He said "Enough."', 'Then he left.', '(It was late.)', 'Next day.']);
  });

  it('does not end sentences after abbreviations', () => {
    const cases = [
      'Built c. 1150 by monks.',
      'Built ca. 1150 by monks.',
      'On 14 Oct. 1964 he fell.',
      'On 25 Feb. 1956 he spoke.',
      'See p. 33 and pp. 34–35 for details.',
      'In vol. 2, no. 3 of the journal.',
      'Many leaders, e.g. Malenkov, fell.',
      'One leader, i.e. Khrushchev, rose.',
      'Compare cf. Taubman on this.',
      'The church of St. Basil stands.',
      'Dr. Zhivago was banned.',
      'Mr. Smith went to Moscow.',
    ];
    for (const text of cases) assert.deepEqual(sentencesOf(text), [text], text);
  });

  it('does not end sentences after initials', () => {
    assert.deepEqual(sentencesOf('N. S. Khrushchev spoke. J. V. Stalin had died.'), ['N. S. Khrushchev spoke.', 'J. V. Stalin had died.']);
    assert.deepEqual(sentencesOf('The U.S. Senate met. Then it rose.'), ['The U.S. Senate met.', 'Then it rose.']);
  });

  it('ends a sentence after "etc." when a capital follows, but not mid-sentence', () => {
    assert.deepEqual(sentencesOf('Bread, salt, etc. were scarce.'), ['Bread, salt, etc. were scarce.']);
    assert.deepEqual(sentencesOf('Bread, salt, etc. Then came winter.'), ['Bread, salt, etc.', 'Then came winter.']);
  });

  it('ends a sentence after a year or a number', () => {
    assert.deepEqual(sentencesOf('Stalin died in 1953. Khrushchev rose.'), ['Stalin died in 1953.', 'Khrushchev rose.']);
  });

  it('does not end sentences at line breaks inside a paragraph, and always at paragraph ends', () => {
    assert.deepEqual(sentencesOf('The speech was\ngiven in secret\n\nNext paragraph'), ['The speech was\ngiven in secret', 'Next paragraph']);
  });

  it('numbers sentences by paragraph', () => {
    const a = analyzeText('One. Two.\n\nThree.', 'markdown');
    assert.deepEqual(a.sentences.map((s) => s.paragraph), [0, 0, 1]);
  });

  it('ignores terminators in code and math, keeps citations inside the sentence', () => {
    assert.deepEqual(sentencesOf('Run `a. B` now. It was 1956 [@taubman2003, p. 3]. Next.'), ['Run `a. B` now.', 'It was 1956 [@taubman2003, p. 3].', 'Next.']);
  });

  it('ends a sentence before an in-text citation', () => {
    // Sentences start at prose: the citation itself is not part of the second one.
    assert.deepEqual(sentencesOf('It was 1956. @taubman2003 disagrees.'), ['It was 1956.', 'disagrees.']);
  });

  it('finds sentences in LaTeX and plain text', () => {
    assert.deepEqual(sentencesOf('He spoke \\cite{a}. They listened.', 'latex'), ['He spoke \\cite{a}.', 'They listened.']);
    assert.deepEqual(sentencesOf('He spoke. They listened.', 'plaintext'), ['He spoke.', 'They listened.']);
  });

  it('finds the sentence at an offset', () => {
    const text = 'One two. Three four.';
    const a = analyzeText(text, 'markdown');
    assert.equal(a.sentenceAt(text.indexOf('four'))?.start, text.indexOf('Three'));
    assert.equal(a.sentenceAt(text.indexOf(' Three')), undefined);
  });

  it('works in other scripts (Cyrillic initials, capitals)', () => {
    assert.deepEqual(sentencesOf('Н. С. Хрущёв выступил. Зал молчал.'), ['Н. С. Хрущёв выступил.', 'Зал молчал.']);
  });
});

describe('analyzeText (plain text): list lines', () => {
  it('makes each line opened by *, -, +, • or a short number a sentence of its own', () => {
    const text = 'notes - thaw\n* 1953 stalin dies, amnesty\n- 1954 virgin lands\r\n• 1956 congress\n2. 1961 flight';
    assert.deepEqual(sentencesOf(text, 'plaintext'), ['notes - thaw', '1953 stalin dies, amnesty', '1954 virgin lands', '1956 congress', '1961 flight']);
  });
  it('does not take a year wrapped to the start of a line, or a bare dash, for a list marker', () => {
    assert.deepEqual(sentencesOf('the events of June\n1961. Then it ended.\n-\nmore', 'plaintext'), ['the events of June\n1961.', 'Then it ended.\n-\nmore']);
  });
});
