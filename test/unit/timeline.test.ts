import { strict as assert } from 'assert';
import { buildIndex, type DatasetIndex } from '../../src/core/dataset/index';
import { parseDataset } from '../../src/core/dataset/loader';
import { analyzeDocument, runChecksOn } from '../../src/core/check/index';
import { dayNumber, fromDayNumber } from '../../src/core/dates/interval';
import { timelineAxis, timelineModel } from '../../src/core/timeline';
import { LineMap } from '../../src/core/text/lines';

/** An invented principality: a span, a day-precise point, a year-precise point with a dispute, an unchecked event. */
const YAML = `annalist: 1
id: veldra
title: The Principality of Veldra
sources:
  - id: orm2001
    type: book
    author: [{family: Orm, given: Tilde}]
    title: Veldra, a Short History
    issued: "2001"
  - id: quay-letters
    type: book
    author: [{family: Sand, given: Piet}]
    title: Letters from the Quay
    issued: "1988"
events:
  - id: salt-war
    label: Salt War
    names: [Salt War]
    date: "1801-04-02/1803-09-30"
    sources: [orm2001]
  - id: charter
    label: Signing of the Charter
    names: [the Charter, Charter of Veldra]
    date: "1805-06-12"
    description: "The <b>charter</b> & its seals."
    sources: [orm2001]
  - id: bridge-collapse
    label: Collapse of the Long Bridge
    names: [collapse of the Long Bridge, Long Bridge collapse]
    date: "1807"
    disputes:
      - date: "1806-12-24/1806-12-25"
        text: "Christmas night 1806"
        sources: [quay-letters]
    sources: [orm2001]
  - id: census
    label: First Census
    names: [First Census]
    date: "1804"
    check: false
    sources: [orm2001]
`;

let cached: DatasetIndex | undefined;
function index(): DatasetIndex {
  if (!cached) {
    const parsed = parseDataset(YAML, 'memory:/veldra.yaml');
    assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
    cached = buildIndex([parsed]).index;
  }
  return cached;
}

function model(text: string, options = {}) {
  const idx = index();
  return timelineModel(idx, analyzeDocument(text, 'markdown', idx), options);
}

describe('timelineModel: events', () => {
  it('lists every event by start date, spans as spans and single dates as points', () => {
    const m = timelineModel(index());
    assert.deepEqual(m.events.map((e) => e.id), ['salt-war', 'census', 'charter', 'bridge-collapse']);
    const war = m.events[0];
    assert.equal(war.shape, 'span');
    assert.equal(war.date.start, dayNumber(1801, 4, 2));
    assert.equal(war.date.end, dayNumber(1803, 9, 30));
    assert.equal(war.date.precision, 'day');
    const charter = m.events.find((e) => e.id === 'charter')!;
    assert.equal(charter.shape, 'point');
    assert.equal(charter.date.start, charter.date.end);
    assert.equal(charter.date.label, '12 June 1805');
    assert.equal(charter.sources, 'Orm 2001');
    // Dataset text is carried as data, untouched (the view escapes it).
    assert.equal(charter.description, 'The <b>charter</b> & its seals.');
    const bridge = m.events.find((e) => e.id === 'bridge-collapse')!;
    assert.equal(bridge.shape, 'point');
    assert.equal(bridge.date.precision, 'year');
    assert.equal(bridge.date.start, dayNumber(1807, 1, 1));
    assert.equal(bridge.date.end, dayNumber(1807, 12, 31));
    assert.equal(m.events.find((e) => e.id === 'census')!.checked, false);
    assert.equal(m.document, undefined);
    assert.deepEqual(m.mentions, []);
  });

  it('shows a disputed date as both the curated value and the disputing one, with their sources', () => {
    const bridge = timelineModel(index()).events.find((e) => e.id === 'bridge-collapse')!;
    assert.equal(bridge.date.label, '1807');
    assert.equal(bridge.disputes.length, 1);
    const d = bridge.disputes[0];
    assert.equal(d.date.start, dayNumber(1806, 12, 24));
    assert.equal(d.date.end, dayNumber(1806, 12, 25));
    assert.equal(d.date.label, '24–25 December 1806');
    assert.equal(d.text, 'Christmas night 1806');
    assert.equal(d.sources, 'Sand 1988');
    assert.equal(bridge.sources, 'Orm 2001');
  });

  it('never throws on an empty index and gives an empty axis', () => {
    const empty = buildIndex([]).index;
    const m = timelineModel(empty, analyzeDocument('The Salt War began in 1801.', 'markdown', empty));
    assert.deepEqual(m.events, []);
    assert.deepEqual(m.axis.ticks, []);
    assert.deepEqual(m.document, { mentioned: 0, misdated: 0, mentions: 0 });
  });
});

describe('timelineModel: mentions of the document', () => {
  it('marks mentioned events and carries each mention with its offsets and written date', () => {
    const text = 'The Charter was signed on 12 June 1805. Nobody mourned the Salt War.';
    const m = model(text);
    const charter = m.events.find((e) => e.id === 'charter')!;
    const war = m.events.find((e) => e.id === 'salt-war')!;
    const bridge = m.events.find((e) => e.id === 'bridge-collapse')!;
    assert.equal(charter.mentioned, true);
    assert.equal(war.mentioned, true);
    assert.equal(bridge.mentioned, false);
    assert.deepEqual(bridge.mentions, []);
    assert.equal(m.mentions.length, 2);
    const [first, second] = m.mentions;
    assert.deepEqual(charter.mentions, [0]);
    assert.equal(first.eventId, 'charter');
    assert.equal(text.slice(first.start, first.end), first.text);
    assert.match(first.text, /Charter/);
    assert.equal(first.written?.text, '12 June 1805');
    assert.equal(text.slice(first.written!.start, first.written!.end), '12 June 1805');
    assert.equal(first.written?.date.start, dayNumber(1805, 6, 12));
    assert.equal(first.misdated, false);
    assert.equal(second.eventId, 'salt-war');
    assert.equal(second.written, undefined);
    assert.deepEqual(second.range, new LineMap(text).rangeOf(second.start, second.end));
    assert.deepEqual(m.document, { mentioned: 2, misdated: 0, mentions: 2 });
  });

  it('flags a misdated mention and keeps the date as written (the ghost mark off its event)', () => {
    const text = 'The Charter was signed in 1809.';
    const m = model(text);
    const mention = m.mentions.find((x) => x.eventId === 'charter')!;
    assert.equal(mention.misdated, true);
    assert.equal(mention.disputed, false);
    assert.equal(mention.written?.text, '1809');
    assert.equal(mention.written?.date.precision, 'year');
    assert.equal(fromDayNumber(mention.written!.date.start).year, 1809);
    const charter = m.events.find((e) => e.id === 'charter')!;
    assert.equal(charter.misdated, true);
    assert.ok(mention.written!.date.start > charter.date.end, 'the written date lies after the event');
    assert.equal(m.document?.misdated, 1);
    // The axis takes in the written date as well as the event's.
    assert.ok(m.axis.end > dayNumber(1809, 12, 31));
  });

  it('tells a date that agrees with a disputing source from one no source supports', () => {
    const disputed = model('The collapse of the Long Bridge came on 24 December 1806.').mentions.find((x) => x.eventId === 'bridge-collapse')!;
    assert.equal(disputed.misdated, true);
    assert.equal(disputed.disputed, true);
    const wrong = model('The collapse of the Long Bridge came in 1812.').mentions.find((x) => x.eventId === 'bridge-collapse')!;
    assert.equal(wrong.misdated, true);
    assert.equal(wrong.disputed, false);
    const right = model('The collapse of the Long Bridge came in 1807.').mentions.find((x) => x.eventId === 'bridge-collapse')!;
    assert.equal(right.misdated, false);
  });

  it('never flags an event the dataset says not to check', () => {
    const m = model('The First Census was taken in 1790.');
    const mention = m.mentions.find((x) => x.eventId === 'census')!;
    assert.equal(mention.written?.text, '1790');
    assert.equal(mention.misdated, false);
  });

  it('takes the misdated flags from the diagnostics it is given', () => {
    const idx = index();
    const text = 'The Charter was signed in 1809.';
    const analysis = analyzeDocument(text, 'markdown', idx);
    const diagnostics = runChecksOn(analysis, { index: idx });
    assert.equal(timelineModel(idx, analysis, { diagnostics }).mentions[0].misdated, true);
    // With the check turned off in the editor, the view shows no misdated mark either.
    assert.equal(timelineModel(idx, analysis, { diagnostics: [] }).mentions[0].misdated, false);
  });

  it('counts mentions in CRLF text with the right ranges', () => {
    const text = 'Intro.\r\n\r\nThe Charter was signed in 1809.\r\n';
    const m = model(text);
    const mention = m.mentions.find((x) => x.eventId === 'charter')!;
    assert.equal(mention.range.start.line, 2);
    assert.equal(mention.written?.range.start.line, 2);
    assert.equal(text.slice(mention.written!.start, mention.written!.end), '1809');
  });

  it('with scope "mentioned" keeps only the mentioned events, and all when none is mentioned', () => {
    const some = model('The Charter was signed on 12 June 1805.', { scope: 'mentioned' });
    assert.deepEqual(some.events.map((e) => e.id), ['charter']);
    assert.equal(some.document?.mentioned, 1);
    // The axis fits the one event: a few weeks, not decades.
    assert.ok(some.axis.end - some.axis.start < 120);
    const none = model('Nothing happened.', { scope: 'mentioned' });
    assert.equal(none.events.length, 4);
  });
});

describe('timelineAxis', () => {
  const years = (from: number, to: number) => [{ start: dayNumber(from, 1, 1), end: dayNumber(to, 12, 31) }];

  it('covers every interval with a margin and ticks inside it, in order, at most maxTicks', () => {
    for (const [from, to] of [[1801, 1809], [1953, 1964], [1500, 2000], [1956, 1956], [-300, 200]]) {
      const spans = years(from, to);
      const axis = timelineAxis(spans, 10);
      assert.ok(axis.start < spans[0].start && axis.end > spans[0].end, `${from}–${to}`);
      assert.ok(axis.ticks.length >= 2 && axis.ticks.length <= 10, `${from}–${to}: ${axis.ticks.length}`);
      for (let k = 0; k < axis.ticks.length; k++) {
        assert.ok(axis.ticks[k].day >= axis.start && axis.ticks[k].day <= axis.end);
        if (k > 0) assert.ok(axis.ticks[k].day > axis.ticks[k - 1].day);
      }
    }
  });

  it('ticks years on 1 January, labelled with the year, decades as major', () => {
    const axis = timelineAxis(years(1953, 1964), 12);
    assert.equal(axis.step, '2 years');
    assert.deepEqual(axis.ticks.map((t) => t.label), ['1954', '1956', '1958', '1960', '1962', '1964']);
    for (const t of axis.ticks) assert.deepEqual(fromDayNumber(t.day), { year: Number(t.label), month: 1, day: 1 });
    assert.deepEqual(axis.ticks.filter((t) => t.major).map((t) => t.label), ['1960']);
  });

  it('ticks months within a year, the January tick major and labelled with its year', () => {
    const axis = timelineAxis([{ start: dayNumber(1956, 2, 14), end: dayNumber(1956, 11, 4) }], 12);
    assert.equal(axis.step, 'month');
    assert.equal(axis.ticks[0].label, 'Feb');
    for (const t of axis.ticks) assert.equal(fromDayNumber(t.day).day, 1);
    const across = timelineAxis([{ start: dayNumber(1956, 9, 1), end: dayNumber(1957, 4, 1) }], 12);
    const january = across.ticks.find((t) => t.label === 'Jan 1957');
    assert.ok(january && january.major);
  });

  it('ticks days or weeks over a few weeks', () => {
    const axis = timelineAxis([{ start: dayNumber(1961, 10, 17), end: dayNumber(1961, 10, 31) }], 12);
    assert.equal(axis.step, '7 days');
    for (const t of axis.ticks) assert.equal(new Date(t.day * 86_400_000).getUTCDay(), 1, 'weekly ticks fall on Mondays');
  });

  it('gives an empty axis for nothing and ignores non-finite input', () => {
    assert.deepEqual(timelineAxis([]), { start: 0, end: 0, step: 'year', ticks: [] });
    assert.deepEqual(timelineAxis([{ start: NaN, end: Infinity }]).ticks, []);
  });
});
