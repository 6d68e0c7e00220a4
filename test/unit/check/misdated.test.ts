import { strict as assert } from 'assert';
import { applyFix, check, covered, shippedIndex, syntheticIndex } from './helpers';
import { runChecks } from '../../../src/core/check/index';

const CANONICAL = "In 1961 Stalin's body was removed from the mausoleum and buried by the Kremlin wall.";

describe('misdated-event against the shipped dataset', () => {
  it('flags the canonical sentence on "1961", naming 1962, Gill and the dispute', () => {
    const ds = check(CANONICAL, shippedIndex());
    assert.equal(ds.length, 1);
    const d = ds[0];
    assert.equal(covered(CANONICAL, d), '1961');
    assert.deepEqual(d.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } });
    assert.match(d.message, /1962/);
    assert.match(d.message, /Gill 2004/);
    assert.match(d.message, /Sources differ: 31 October – 1 November 1961/);
    assert.equal(d.source, 'Annalist');
    assert.equal(d.data?.event, 'stalin-body-removal');
    assert.equal(d.data?.written, '1961');
    assert.equal(d.data?.expected, '1962');
    assert.equal(d.data?.disputed, true);
    assert.deepEqual(d.data?.sources, ['gill2004']);
    assert.equal(d.severity, 'warning'); // disputed dates are warnings by default, as the setting's default
    assert.ok(d.related && d.related.length === 1 && /destalinization\.yaml$/.test(d.related[0].uri));
  });

  it('says nothing about correct sentences', () => {
    for (const t of [
      "In 1962 Stalin's body was removed from the mausoleum and buried by the Kremlin wall.",
      'Stalin died on 5 March 1953.',
      'Khrushchev delivered the Secret Speech on 25 February 1956.',
      'The Twentieth Congress met in February 1956.',
    ]) assert.deepEqual(check(t, shippedIndex()), [], t);
  });

  it('flags a wrong date that no source supports as not disputed, at warning', () => {
    const ds = check('Stalin died on 6 March 1953.', shippedIndex());
    assert.equal(ds.length, 1);
    assert.equal(ds[0].data?.event, 'stalin-death');
    assert.equal(ds[0].data?.disputed, false);
    assert.equal(ds[0].severity, 'warning');
    assert.match(ds[0].message, /5 March 1953/);
  });

  it('reports disputed dates per option', () => {
    assert.equal(check(CANONICAL, shippedIndex(), { options: { disputed: 'information' } })[0].severity, 'information');
    assert.deepEqual(check(CANONICAL, shippedIndex(), { options: { disputed: 'off' } }), []);
    // A date that fits no source is still reported when disputed ones are off.
    assert.equal(check("In 1960 Stalin's body was removed from the mausoleum.", shippedIndex(), { options: { disputed: 'off' } }).length, 1);
  });

  it('respects levels: off, and a chosen severity', () => {
    assert.deepEqual(check('Stalin died on 6 March 1953.', shippedIndex(), { options: { levels: { 'misdated-event': 'off' } } }), []);
    assert.equal(check('Stalin died on 6 March 1953.', shippedIndex(), { options: { levels: { 'misdated-event': 'error' } } })[0].severity, 'error');
  });
});

describe('misdated-event phenomena (invented dataset)', () => {
  const idx = () => syntheticIndex();
  const flags = (t: string, languageId?: string) => check(t, idx(), { languageId }).map((d) => `${covered(t, d)}|${d.data?.event}|${d.data?.disputed}`);

  it('flags a wrong year of a named event, with the disputed flag', () => {
    assert.deepEqual(flags('The Old Library fire of 1712 destroyed the charters.'), ['1712|library-fire|false']);
    assert.deepEqual(flags('The Old Library fire of 1710 destroyed the charters.'), ['1710|library-fire|true']);
    assert.deepEqual(flags('The Old Library fire of 1711 destroyed the charters.'), []);
  });

  it('message names the label, the dataset date, the source by author and year, and the dispute', () => {
    const [d] = check('The Old Library fire of 1710 destroyed the charters.', idx());
    assert.match(d.message, /^Burning of the Old Library: the text says 1710, but the dataset dates it 1711 \(Brand 1999\)\./);
    assert.match(d.message, /Sources differ: 3–4 November 1710 \(The Harbour Gazette 2010\)/);
  });

  it('finds paraphrases by cue, possessives, inflections and line breaks', () => {
    assert.deepEqual(flags('In 1712 the archives went up\nin flames.'), ['1712|library-fire|false']);
    assert.deepEqual(flags("Maren's coronation took place on 15 May 1702."), ['15 May 1702|coronation|false']);
    assert.deepEqual(flags('Maren was crowned in 1703.'), ['1703|coronation|false']);
    assert.deepEqual(flags('The coronation of\nMaren was in 1703.'), ['1703|coronation|false']);
  });

  it('a cue with `about` needs its person, and not another person instead', () => {
    assert.deepEqual(flags('Oskar Tol was crowned in 1703.'), []);
    assert.deepEqual(flags('Queen Maren ruled wisely. She was crowned in 1703.'), ['1703|coronation|false']);
  });

  it('accepts the accepted variant and any coarser true writing', () => {
    assert.deepEqual(flags('The Harbour Treaty was signed on 3 March 1715.'), []);
    assert.deepEqual(flags('The Harbour Treaty was signed in March 1715.'), []);
    assert.deepEqual(flags('The Harbour Treaty was signed on 4 March 1715.'), ['4 March 1715|harbour-treaty|false']);
  });

  it('pairs two events and two dates by clause and attachment', () => {
    assert.deepEqual(flags('The Old Library fire came in 1711 and the Harbour Treaty in 1716.'), ['1716|harbour-treaty|false']);
    assert.deepEqual(flags('The Harbour Treaty was signed in 1711, and the Old Library fire came in 1715.'), ['1711|harbour-treaty|false', '1715|library-fire|false']);
  });

  it('takes a date from the clause before and from the previous sentence of the paragraph only', () => {
    assert.deepEqual(flags('In 1712, the archives burned.'), ['1712|library-fire|false']);
    assert.deepEqual(flags('It was 1712. The archives burned.'), ['1712|library-fire|false']);
    assert.deepEqual(flags('It was 1712.\n\nThe archives burned.'), []);
    assert.deepEqual(flags('It was 1712. Later the archives burned.'), []);
  });

  it('ignores negated, contrasted, counterfactual and bounding dates', () => {
    assert.deepEqual(flags('The Old Library fire was not in 1712 but in 1711.'), []);
    assert.deepEqual(flags('The Old Library fire was in 1711 rather than 1712.'), []);
    assert.deepEqual(flags('Had the archives burned in 1690, nothing would have survived.'), []);
    assert.deepEqual(flags('If the Old Library fire had come in 1690, the charters would be lost.'), []);
    assert.deepEqual(flags('The Old Library fire happened after 1705.'), []);
  });

  it('ignores titles, a year after a title, citations, locators, retrieval dates, ages and quantities', () => {
    assert.deepEqual(flags('Brand wrote *The Old Library fire of 1712* as a novel.'), []);
    assert.deepEqual(flags('The Old Library fire is told in *Ashes* (1740).'), []);
    assert.deepEqual(flags('The Old Library fire of 1711 (Brand 1999, p. 1712) is well known.'), []);
    assert.deepEqual(flags('The Old Library fire (retrieved 3 May 2021) is well known.'), []);
    assert.deepEqual(flags('The Old Library fire killed 1712 people.'), []);
  });

  it('ignores relative dates and dates of another event named closer', () => {
    assert.deepEqual(flags('In 1725, ten years after the Harbour Treaty, the archives were rebuilt.'), []);
    assert.deepEqual(flags('The Old Library fire came in 1711; the Harbour Treaty followed in 1715.'), []);
  });

  it('never flags unchecked events or bare names of people and places', () => {
    assert.deepEqual(flags('The exile of Vale came in 1730.'), []);
    assert.deepEqual(flags('Petr Vale sailed from Arvel Harbour in 1690.'), []);
  });

  it('works in LaTeX and plain text, and with CRLF line ends', () => {
    assert.deepEqual(flags('The Old Library fire of 1712 \\cite{brand1999} was a disaster.', 'latex'), ['1712|library-fire|false']);
    assert.deepEqual(flags('Timeline\n1711 Old Library fire\n1716 Harbour Treaty', 'plaintext'), ['1716|harbour-treaty|false']);
    const crlf = 'A first line.\r\n\r\nThe Old Library fire of\r\n1712 destroyed the charters.';
    const [d] = check(crlf, idx());
    assert.deepEqual(d.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
  });
});

describe('misdated-event fixes', () => {
  it('replaces only the year when only the year is wrong', () => {
    const t = 'The Old Library fire of 3 June 1712 destroyed the charters.';
    const [d] = check(t, syntheticIndex());
    const fix = d.fixes!.find((f) => f.preferred)!;
    assert.equal(applyFix(t, fix.edits), 'The Old Library fire of 3 June 1711 destroyed the charters.');
  });

  it('rewrites the whole date in the writer\'s style when more than the year is wrong', () => {
    const t = "Maren's coronation took place on May 15, 1702.";
    const [d] = check(t, syntheticIndex());
    assert.equal(applyFix(t, d.fixes![0].edits), "Maren's coronation took place on May 14, 1702.");
  });

  it('rewrites a clipped year as a clipped year', () => {
    const t = "Stalin's reburial in '63 went almost unnoticed.";
    const [d] = check(t, shippedIndex());
    assert.equal(applyFix(t, d.fixes![0].edits), "Stalin's reburial in '62 went almost unnoticed.");
  });

  it('offers to ignore the line and the document with the comments the text analysis understands (Markdown)', () => {
    const t = '---\ntitle: Essay\n---\nIntro.\n\n  The Old Library fire of 1712 destroyed the charters.\n';
    const [d] = check(t, syntheticIndex());
    const line = d.fixes!.find((f) => /on this line/.test(f.title))!;
    const lineFixed = applyFix(t, line.edits);
    assert.equal(lineFixed, '---\ntitle: Essay\n---\nIntro.\n\n  <!-- annalist-disable-next-line misdated-event -->\n  The Old Library fire of 1712 destroyed the charters.\n');
    assert.deepEqual(check(lineFixed, syntheticIndex()), []);
    const file = d.fixes!.find((f) => /in this document/.test(f.title))!;
    const fileFixed = applyFix(t, file.edits);
    assert.equal(fileFixed, '---\ntitle: Essay\n---\n<!-- annalist-disable-file misdated-event -->\nIntro.\n\n  The Old Library fire of 1712 destroyed the charters.\n');
    assert.deepEqual(check(fileFixed, syntheticIndex()), []);
  });

  it('offers the LaTeX comments, with CRLF kept', () => {
    const t = 'Intro.\r\n\r\nThe Old Library fire of 1712 destroyed the charters.\r\n';
    const [d] = check(t, syntheticIndex(), { languageId: 'latex' });
    const line = d.fixes!.find((f) => /on this line/.test(f.title))!;
    const fixed = applyFix(t, line.edits);
    assert.equal(fixed, 'Intro.\r\n\r\n% annalist-disable-next-line misdated-event\r\nThe Old Library fire of 1712 destroyed the charters.\r\n');
    assert.deepEqual(check(fixed, syntheticIndex(), { languageId: 'latex' }), []);
    const file = d.fixes!.find((f) => /in this document/.test(f.title))!;
    assert.equal(applyFix(t, file.edits), '% annalist-disable-file misdated-event\r\n' + t);
  });

  it('respects suppression comments written by hand', () => {
    const t = 'The Old Library fire of 1712 destroyed the charters. <!-- annalist-disable-line misdated-event -->';
    assert.deepEqual(check(t, syntheticIndex()), []);
    const other = 'The Old Library fire of 1712 destroyed the charters. <!-- annalist-disable-line weekday-mismatch -->';
    assert.equal(check(other, syntheticIndex()).length, 1);
  });
});

describe('runChecks', () => {
  it('returns nothing when cancelled, and never throws on odd input', () => {
    const cancelled = { isCancellationRequested: true };
    assert.deepEqual(check('The Old Library fire of 1712 destroyed the charters.', syntheticIndex(), { token: cancelled }), []);
    const broken = { uri: 'x', languageId: 'markdown', version: 1, getText: () => { throw new Error('gone'); } };
    assert.deepEqual(runChecks(broken, { index: syntheticIndex() }), []);
    assert.deepEqual(runChecks({ uri: 'x', languageId: 'klingon', version: 1, getText: () => '\uD800 1712 \u0000 fire' }, { index: syntheticIndex() }), []);
  });

  it('handles odd Unicode around a date', () => {
    const t = 'The Old Library fire of\u00a01712 🔥 destroyed the charters.';
    const [d] = check(t, syntheticIndex());
    assert.equal(covered(t, d), '1712');
  });
});
