import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/text/analysis';
import { clauseBreaks, clauseIndex, cueMatcherOf, findEntityMentions, findEventMentions, wordsOf } from '../../../src/core/mentions/index';
import { shippedIndex, syntheticIndex } from '../check/helpers';
import type { DatasetIndex } from '../../../src/core/dataset/index';

function events(text: string, index: DatasetIndex, languageId = 'markdown'): string[] {
  const a = analyzeText(text, languageId);
  return findEventMentions(a, text, index).map((m) => `${m.event.id}:${m.via}:${text.slice(m.start, m.end)}`);
}

describe('findEventMentions', () => {
  it('finds events by name, possessive and line break', () => {
    assert.deepEqual(events("The Old Library fire's cost was great.", syntheticIndex()), ['library-fire:name:Old Library fire', 'library-fire:cue:Library fire']);
    assert.deepEqual(events('The burning of the\nOld Library ruined Arvel.', syntheticIndex()).filter((m) => m.includes(':name:')), ['library-fire:name:burning of the\nOld Library']);
  });

  it('finds paraphrases: every group within the sentence, any order, wildcards, multi-word alternatives, any case', () => {
    assert.deepEqual(events('The ARCHIVES went up in flames.', syntheticIndex()), ['library-fire:cue:ARCHIVES went up in flames']);
    assert.deepEqual(events('Flames? No: the archives burned.', syntheticIndex()), ['library-fire:cue:archives burned']);
    assert.deepEqual(events('The archives. They burned.', syntheticIndex()), []); // two sentences
    // `reburi*` matches inflections.
    assert.ok(events("Stalin's reburial was quiet. Stalin was reburied at night.", shippedIndex()).some((m) => m.startsWith('stalin-body-removal:cue:reburied')));
  });

  it('applies `about`: named in the sentence or earlier in the paragraph, and no other person instead', () => {
    const idx = syntheticIndex();
    assert.deepEqual(events('Maren was crowned.', idx).filter((m) => m.includes(':cue:')), ['coronation:cue:crowned']);
    assert.deepEqual(events('Queen Maren arrived. She was crowned.', idx).filter((m) => m.includes(':cue:')), ['coronation:cue:crowned']);
    assert.deepEqual(events('Queen Maren arrived.\n\nShe was crowned.', idx).filter((m) => m.includes(':cue:')), []);
    assert.deepEqual(events('Queen Maren arrived. Oskar Tol was crowned.', idx).filter((m) => m.includes(':cue:')), []);
  });

  it('restricts paraphrase search to the sentences asked for', () => {
    const t = 'The archives burned. The archives burned again.';
    const a = analyzeText(t, 'markdown');
    assert.deepEqual(findEventMentions(a, t, syntheticIndex(), { sentenceFilter: (s) => s === 1 }).map((m) => m.sentence), [1]);
  });

  it('skips code and other non-prose text', () => {
    assert.deepEqual(events('Look: `the archives burned` and nothing else.', syntheticIndex()), []);
  });
});

describe('findEntityMentions', () => {
  it('returns both candidates of a shared surname, resolved when the paragraph names one of them in full', () => {
    const idx = syntheticIndex();
    const show = (t: string) => findEntityMentions(analyzeText(t, 'markdown'), t, idx).map((x) => `${t.slice(x.start, x.end)}=${x.candidates.join('+')}>${x.resolved ?? '?'}`);
    assert.deepEqual(show('Tol ruled.'), ['Tol=oskar-tol+ida-tol>?']);
    assert.deepEqual(show('Ida Tol arrived. Tol ruled.'), ['Ida Tol=ida-tol>ida-tol', 'Tol=oskar-tol+ida-tol>ida-tol']);
    assert.deepEqual(show('Ida Tol arrived.\n\nTol ruled.'), ['Ida Tol=ida-tol>ida-tol', 'Tol=oskar-tol+ida-tol>?']);
    assert.deepEqual(show('Maren Tol and Oskar Tol met.'), ['Maren Tol=maren>maren', 'Oskar Tol=oskar-tol>oskar-tol']);
  });

  it('lists events named and paraphrased, and places', () => {
    const t = 'Stalin died in 1953 in Moscow.';
    const ms = findEntityMentions(analyzeText(t, 'markdown'), t, shippedIndex());
    assert.deepEqual(ms.map((m) => `${t.slice(m.start, m.end)}:${m.kind}:${m.resolved}`), ['Stalin died:event:stalin-death', 'Moscow:place:moscow']);
  });
});

describe('cue matcher', () => {
  it('is built once per index', () => {
    assert.equal(cueMatcherOf(syntheticIndex()), cueMatcherOf(syntheticIndex()));
    assert.ok(cueMatcherOf(shippedIndex()).cues.length > 20);
  });

  it('tokenises possessives and diacritics alike on both sides', () => {
    assert.deepEqual(wordsOf("Gorbačëv's «reform»", 0, 19).map((w) => w.text), ['gorbacev', 's', 'reform']);
  });
});

describe('clauseBreaks: parenthetical relative clauses', () => {
  const breaksOf = (text: string) => {
    const words = wordsOf(text, 0, text.length);
    return clauseBreaks(text, words, 0, text.length, () => true).offsets;
  };
  it('closes ", who …," at its comma: the main clause after it is apart from the relative clause', () => {
    const text = 'Gagarin, who died in a training crash in 1968, flew into space on 12 April 1963.';
    const b = breaksOf(text);
    const at = (s: string) => clauseIndex(b, text.indexOf(s));
    assert.notEqual(at('1968'), at('12 April'));
    assert.equal(at('who'), at('1968'));
    assert.equal(at('flew'), at('12 April'));
  });
  it('does not close at a comma before a number or a conjunction', () => {
    const text = 'Zhukov, which met in 1953, 1954 and 1955, and then left.';
    const b = breaksOf(text);
    assert.equal(clauseIndex(b, text.indexOf('1953')), clauseIndex(b, text.indexOf('1955')));
    assert.deepEqual(b, [text.indexOf('which'), text.indexOf('and then')]);
  });
});
