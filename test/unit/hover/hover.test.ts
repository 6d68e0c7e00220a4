import { strict as assert } from 'assert';
import { analyzeDocument } from '../../../src/core/check/index';
import type { DatasetIndex } from '../../../src/core/dataset/index';
import { CARD_LIMITS, definitionAt, hoverAt, type Hover, type HoverInput } from '../../../src/core/hover/index';
import { analyzeText } from '../../../src/core/text/analysis';
import { loadIndex } from '../../../src/node/datasets';

let index: DatasetIndex;

before(() => {
  index = loadIndex().index;
});

/** The hover on the `nth` occurrence of `word` in `text` (cursor on its second character). */
function hoverOn(text: string, word: string, extra: Partial<HoverInput> = {}, nth = 0): Hover | undefined {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `'${word}' is not in the text`);
  return hoverAt({ text, languageId: 'markdown', offset: at + Math.min(1, word.length - 1), index, ...extra });
}

function spanOf(text: string, h: Hover | undefined): string | undefined {
  return h ? text.slice(h.start, h.end) : undefined;
}

describe('hoverAt: people', () => {
  const text = 'Nikita Khrushchev spoke. Later Khrushchev’s allies, and N. S. Khrushchev, and Khrushchëv, and Kruschev.';

  it('shows a person card for the full name: label, life dates with places, roles, summary, sources', () => {
    const h = hoverOn(text, 'Nikita');
    assert.ok(h);
    assert.equal(spanOf(text, h), 'Nikita Khrushchev');
    assert.deepEqual(h.entryIds, ['khrushchev']);
    const md = h.markdown;
    assert.match(md, /^\*\*Nikita Sergeyevich Khrushchev\*\* · \*person\*/);
    assert.match(md, /Born 15 April 1894 · died 11 September 1971, Moscow/);
    assert.match(md, /First Secretary of the CPSU \(September 1953 – 14 October 1964\)/);
    assert.match(md, /Chairman of the Council of Ministers \(27 March 1958 – 14 October 1964\)/);
    assert.match(md, /First Secretary of the CPSU from 1953/);
    assert.match(md, /Sources: Gill 2004; \[Wikipedia \\\(Kiwix copy/);
    assert.match(md, /\]\(https:\/\/www\.prlib\.ru\/en\/history\/619123\)/);
  });

  it('lists the events the person took part in, by date, capped with "and N more"', () => {
    const md = hoverOn(text, 'Nikita')!.markdown;
    const block = md.split('\n\n').find((b) => b.startsWith('Took part in:'));
    assert.ok(block, md);
    const lines = block.split('\n').slice(1);
    assert.equal(lines.length, CARD_LIMITS.events + 1);
    assert.match(lines[CARD_LIMITS.events], /^- and \d+ more$/);
    assert.ok(lines.includes('- 25 February 1956: Khrushchev\'s Secret Speech'));
    assert.ok(lines.indexOf('- 14–25 February 1956: Twentieth Congress of the CPSU') < lines.indexOf('- 25 February 1956: Khrushchev\'s Secret Speech'));
  });

  it('finds possessive, initialled, diacritic and transliterated forms', () => {
    for (const [word, span] of [['Khrushchev’s', 'Khrushchev'], ['N. S.', 'N. S. Khrushchev'], ['Khrushchëv', 'Khrushchëv'], ['Kruschev', 'Kruschev']]) {
      const h = hoverOn(text, word);
      assert.ok(h, word);
      assert.equal(spanOf(text, h), span);
      assert.deepEqual(h.entryIds, ['khrushchev'], word);
    }
  });

  it('shows a birthplace that is a dataset place', () => {
    const h = hoverOn('Stalin was born in Georgia.', 'Stalin');
    assert.match(h!.markdown, /Born 18 December 1878, Gori · died 5 March 1953/);
  });

  it('leaves out what the dataset does not give (no life dates for Zhukov)', () => {
    const md = hoverOn('Zhukov arrested Beria.', 'Zhukov')!.markdown;
    assert.doesNotMatch(md, /Born|died/i);
    assert.match(md, /Minister of Defence \(1955 – 26 October 1957\)/);
  });
});

describe('hoverAt: epithets', () => {
  it('names the person when the sentence is dated within the epithet, and says so', () => {
    const text = 'In 1960 the First Secretary flew to New York.';
    const h = hoverOn(text, 'First Secretary');
    assert.ok(h);
    assert.equal(spanOf(text, h), 'the First Secretary');
    assert.deepEqual(h.entryIds, ['khrushchev']);
    assert.match(h.markdown, /“the First Secretary” names Nikita Sergeyevich Khrushchev for September 1953 – 14 October 1964 only/);
  });

  it('does not name him for a date outside the epithet', () => {
    assert.equal(hoverOn('In 1970 the First Secretary flew to New York.', 'First Secretary'), undefined);
    assert.equal(hoverOn('In 1950 the First Secretary was someone else.', 'First Secretary'), undefined);
  });

  it('takes the date from earlier in the paragraph when the sentence has none', () => {
    assert.ok(hoverOn('It was 1962. The First Secretary hesitated.', 'First Secretary'));
    assert.equal(hoverOn('It was 1975. The First Secretary hesitated.', 'First Secretary'), undefined);
  });
});

describe('hoverAt: events', () => {
  it('"the Secret Speech": 25 February 1956, Moscow, the Twentieth Congress, accepted alternative, sources', () => {
    const text = 'He gave the Secret Speech to a closed session.';
    const h = hoverOn(text, 'Secret');
    assert.ok(h);
    assert.deepEqual(h.entryIds, ['secret-speech']);
    assert.equal(spanOf(text, h), 'the Secret Speech');
    const md = h.markdown;
    assert.match(md, /^\*\*Khrushchev's Secret Speech\*\* · \*event\*\n\n25 February 1956 · Moscow\n\n/);
    assert.match(md, /Also accepted: 24–25 February 1956/);
    assert.match(md, /Part of: Twentieth Congress of the CPSU \(14–25 February 1956\)/);
    assert.match(md, /Participants: Nikita Sergeyevich Khrushchev/);
    assert.match(md, /Sources: Gill 2004; /);
    assert.doesNotMatch(md, /Sources differ/);
  });

  it('the disputed reburial shows 1962 after Gill and the 1961 dispute with its sources', () => {
    const text = 'After Stalin’s reburial the square was quiet.';
    const h = hoverOn(text, 'reburial');
    assert.ok(h);
    assert.deepEqual(h.entryIds, ['stalin-body-removal']);
    const md = h.markdown;
    assert.match(md, /\n\n1962 · Lenin Mausoleum, Red Square, Kremlin Wall Necropolis\n\n/);
    assert.match(md, /Sources differ: 1962 \(Gill 2004\); 31 October – 1 November 1961 \(\[TIME, /);
    assert.match(md, /and 5 more\)/);
    assert.match(md, /Participants: Joseph Vissarionovich Stalin/);
  });

  it('"the Twenty-Second Congress": 17–31 October 1961', () => {
    const h = hoverOn('At the Twenty-Second Congress he attacked Stalin again.', 'Twenty');
    assert.deepEqual(h!.entryIds, ['congress-22']);
    assert.match(h!.markdown, /\n\n17–31 October 1961\n\n/);
  });

  it('"his ouster": an event found by paraphrase', () => {
    const text = 'Khrushchev lost his allies. His ouster came quickly.';
    const h = hoverOn(text, 'ouster');
    assert.ok(h);
    assert.deepEqual(h.entryIds, ['khrushchev-ouster']);
    assert.match(h.markdown, /\*\*Khrushchev's ouster\*\* · \*event\*\n\n14 October 1964/);
  });

  it('without the paraphrase finder, names and dates still work', () => {
    const text = 'Khrushchev lost his allies. His ouster came in 1964.';
    assert.equal(hoverOn(text, 'ouster', { findEventMentions: null }), undefined);
    assert.deepEqual(hoverOn(text, 'Khrushchev', { findEventMentions: null })!.entryIds, ['khrushchev']);
    assert.ok(hoverOn(text, '1964', { findEventMentions: null }));
  });
});

describe('hoverAt: places', () => {
  it('a place shows what it lies within and the events there, including places within it', () => {
    const h = hoverOn('Crowds filled Red Square.', 'Red Square');
    assert.ok(h);
    assert.deepEqual(h.entryIds, ['red-square']);
    assert.match(h.markdown, /^\*\*Red Square\*\* · \*place\*, in Moscow/);
    assert.match(h.markdown, /Events here:\n- 6–9 March 1953: Stalin's lying in state and funeral\n/);
    assert.match(h.markdown, /- 1962: Removal of Stalin's body from the mausoleum/);
  });

  it('"Gori" and "the Kremlin wall"', () => {
    assert.match(hoverOn('He was born in Gori.', 'Gori')!.markdown, /Stalin's birthplace in Georgia/);
    const text = 'He lies by the Kremlin wall.';
    const h = hoverOn(text, 'Kremlin');
    assert.equal(spanOf(text, h), 'the Kremlin wall');
    assert.deepEqual(h!.entryIds, ['kremlin-wall-necropolis']);
  });
});

describe('hoverAt: dates', () => {
  it('"1956" lists the year\'s events in order, capped', () => {
    const h = hoverOn('Everything changed in 1956.', '1956');
    assert.ok(h);
    const lines = h.markdown.split('\n');
    assert.match(lines[0], /^\*\*1956\*\* · \*\d+ events in the dataset\*$/);
    const items = lines.filter((l) => l.startsWith('- '));
    assert.equal(items.length, CARD_LIMITS.events + 1);
    assert.match(items[CARD_LIMITS.events], /^- and \d+ more$/);
    assert.ok(items.indexOf('- 14–25 February 1956: Twentieth Congress of the CPSU') < items.indexOf('- 25 February 1956: Khrushchev\'s Secret Speech'));
    const total = Number(/\*(\d+) events/.exec(lines[0])![1]);
    assert.equal(h.entryIds.length, total);
    assert.equal(total, index.eventsIn({ start: Date.UTC(1956, 0, 1) / 864e5, end: Date.UTC(1956, 11, 31) / 864e5, precision: 'year' }).length);
  });

  it('a wide range is capped, with the rest counted', () => {
    const text = 'Across 1953–64 the party changed.';
    const h = hoverOn(text, '1953');
    assert.equal(spanOf(text, h), '1953–64');
    const more = /- and (\d+) more/.exec(h!.markdown);
    assert.ok(more);
    assert.equal(Number(more[1]) + CARD_LIMITS.events, h!.entryIds.length);
  });

  it('"25 February 1956", "March 1953" and "the early 1960s"', () => {
    const a = hoverOn('On 25 February 1956 he spoke.', '25 February');
    assert.ok(a!.entryIds.includes('secret-speech'));
    const b = hoverOn('In March 1953 Stalin died.', 'March');
    assert.deepEqual(b!.entryIds, ['stalin-death', 'stalin-lying-in-state-and-funeral', 'amnesty-1953']);
    const c = hoverOn('In the early 1960s poets read in squares.', 'early');
    assert.match(c!.markdown, /^\*\*the early 1960s\*\* \(c\\\. 1960–63\)/);
  });

  it('a date with no events in the dataset has no hover', () => {
    assert.equal(hoverOn('In 1820 nothing happened.', '1820'), undefined);
  });
});

describe('hoverAt: where there is no hover', () => {
  it('a word the dataset does not know', () => {
    assert.equal(hoverOn('The weather was cold.', 'weather'), undefined);
  });

  it('code spans, code blocks, URLs, front matter and citations', () => {
    const text = '---\ntitle: Khrushchev in 1956\n---\n\nUse `Khrushchev` and <https://x.org/Khrushchev> [@khrushchev1970].\n\n```\nKhrushchev 1956\n```\n';
    assert.equal(hoverOn(text, 'Khrushchev', {}, 0), undefined, 'front matter');
    assert.equal(hoverOn(text, '1956', {}, 0), undefined, 'front matter date');
    assert.equal(hoverOn(text, 'Khrushchev', {}, 1), undefined, 'code span');
    assert.equal(hoverOn(text, 'Khrushchev', {}, 2), undefined, 'URL');
    assert.equal(hoverOn(text, 'khrushchev1970'), undefined, 'citation');
    assert.equal(hoverOn(text, 'Khrushchev', {}, 3), undefined, 'code block');
    assert.equal(hoverOn(text, '1956', {}, 1), undefined, 'code block date');
  });

  it('LaTeX commands and comments', () => {
    const text = 'Khrushchev spoke \\cite{Khrushchev}. % Khrushchev\n';
    const at = (nth: number) => hoverAt({ text, languageId: 'latex', offset: text.split('Khrushchev', nth + 1).join('Khrushchev').length + 1, index });
    assert.ok(at(0));
    assert.equal(at(1), undefined);
    assert.equal(at(2), undefined);
  });

  it('settings turn each kind off', () => {
    const text = 'In 1956 Khrushchev spoke in Moscow at the Twentieth Congress.';
    const off = { people: false, events: false, places: false, dates: false };
    assert.equal(hoverOn(text, 'Khrushchev', { options: { people: false } }), undefined);
    assert.equal(hoverOn(text, 'Moscow', { options: { places: false } }), undefined);
    assert.equal(hoverOn(text, 'Twentieth', { options: { events: false } }), undefined);
    assert.equal(hoverOn(text, '1956', { options: { dates: false } }), undefined);
    assert.ok(hoverOn(text, 'Khrushchev', { options: { ...off, people: true } }));
  });

  it('bad input gives no hover and no exception', () => {
    const text = 'Khrushchev spoke.';
    for (const offset of [-1, 1e9, 1.5, NaN]) assert.equal(hoverAt({ text, languageId: 'markdown', offset, index }), undefined);
    assert.equal(hoverAt({ text: undefined as unknown as string, languageId: 'markdown', offset: 0, index }), undefined);
    assert.equal(hoverAt(undefined as unknown as HoverInput), undefined);
    assert.deepEqual(definitionAt({ text, languageId: 'markdown', offset: -5, index }), []);
  });

  it('a cursor right after a word still means it; the possessive ending does not extend the span', () => {
    const text = 'Khrushchev spoke.';
    assert.deepEqual(hoverAt({ text, languageId: 'markdown', offset: 10, index })?.entryIds, ['khrushchev']);
    assert.equal(hoverAt({ text, languageId: 'markdown', offset: 12, index }), undefined);
  });
});

describe('hoverAt: the shared analysis', () => {
  it('gives the same hovers from analyzeDocument, from analyzeText and from nothing', () => {
    const text = 'Khrushchev lost his allies in 1964. His ouster followed.\r\n\r\nStalin’s reburial took place by the Kremlin wall.';
    const doc = analyzeDocument(text, 'markdown', index);
    const bare = analyzeText(text, 'markdown');
    for (let offset = 0; offset < text.length; offset += 3) {
      const plain = hoverAt({ text, languageId: 'markdown', offset, index });
      assert.deepEqual(hoverAt({ text, languageId: 'markdown', offset, index, analysis: doc }), plain, `offset ${offset}`);
      assert.deepEqual(hoverAt({ text, languageId: 'markdown', offset, index, analysis: bare }), plain, `offset ${offset}`);
    }
  });

  it('ignores an analysis of another text', () => {
    const stale = analyzeText('Nothing here.', 'markdown');
    const h = hoverAt({ text: 'Khrushchev spoke.', languageId: 'markdown', offset: 2, index, analysis: stale });
    assert.deepEqual(h?.entryIds, ['khrushchev']);
  });
});

describe('definitionAt', () => {
  it('points at the entry in its dataset for people, places and events', () => {
    const text = 'Khrushchev gave the Secret Speech in Moscow in 1956.';
    for (const [word, id] of [['Khrushchev', 'khrushchev'], ['Secret', 'secret-speech'], ['Moscow', 'moscow']]) {
      const defs = definitionAt({ text, languageId: 'markdown', offset: text.indexOf(word) + 1, index });
      assert.equal(defs.length, 1, word);
      assert.equal(defs[0].entryId, id);
      assert.deepEqual({ uri: defs[0].uri, range: defs[0].range }, index.location(id));
      assert.match(defs[0].uri, /destalinization\.yaml$/);
    }
  });

  it('has nothing for dates and unknown words', () => {
    const text = 'In 1956 the weather was cold.';
    assert.deepEqual(definitionAt({ text, languageId: 'markdown', offset: 4, index }), []);
    assert.deepEqual(definitionAt({ text, languageId: 'markdown', offset: text.indexOf('weather'), index }), []);
  });

  it('goes to an event found by paraphrase', () => {
    const text = 'Khrushchev lost his allies. His ouster came quickly.';
    const defs = definitionAt({ text, languageId: 'markdown', offset: text.indexOf('ouster') + 2, index });
    assert.deepEqual(defs.map((d) => d.entryId), ['khrushchev-ouster']);
  });
});
