import { strict as assert } from 'node:assert';
import { type DateExpression, findDateExpressions } from '../../../src/core/dates/expressions';
import { type DateInterval, dayNumber, parseEdtf } from '../../../src/core/dates/interval';

function edtf(s: string): DateInterval {
  const r = parseEdtf(s);
  if (!r.ok) throw new Error(r.reason);
  return r.interval;
}

/** The single expression in `text`, checked to be exactly `expected` (its text) and at the right offsets. */
function one(text: string, expected: string): DateExpression {
  const found = findDateExpressions(text);
  assert.equal(found.length, 1, `one expression in ${JSON.stringify(text)}, got ${JSON.stringify(found.map((e) => e.text))}`);
  const e = found[0];
  assert.equal(e.text, expected);
  assert.equal(e.start, text.indexOf(expected));
  assert.equal(e.end, e.start + expected.length);
  assert.equal(text.slice(e.start, e.end), e.text);
  return e;
}

function spans(text: string, e: DateExpression, key: 'yearSpan' | 'dateSpan' | 'weekdaySpan' | 'calendarSpan'): string | undefined {
  const s = e[key];
  return s ? text.slice(s.start, s.end) : undefined;
}

function sameDays(actual: DateInterval, expected: string): void {
  const x = edtf(expected);
  assert.deepEqual([actual.start, actual.end], [x.start, x.end], `days of ${expected}`);
}

describe('dates/expressions', () => {
  describe('years', () => {
    it('finds a bare year with its year span', () => {
      const text = "In 1961 Stalin's body was removed from the Mausoleum.";
      const e = one(text, '1961');
      assert.equal(e.kind, 'year');
      sameDays(e.interval, '1961');
      assert.equal(e.interval.precision, 'year');
      assert.deepEqual(e.style, { order: 'year', yearForm: 'full' });
      assert.equal(spans(text, e, 'yearSpan'), '1961');
    });

    it("reads apostrophe years in the 1900s by default, in another century on request, or not at all", () => {
      const text = "in '61 the body was moved";
      const e = one(text, "'61");
      sameDays(e.interval, '1961');
      assert.equal(e.style.yearForm, 'apostrophe');
      assert.equal(spans(text, e, 'yearSpan'), '61');
      assert.equal(findDateExpressions(text, 0, text.length, { century: 1800 })[0].interval.start, dayNumber(1861, 1, 1));
      assert.deepEqual(findDateExpressions(text, 0, text.length, { century: null }), []);
      assert.equal(findDateExpressions("summer of ’56 was hot")[0].text, 'summer of ’56');
    });

    it('leaves ambiguous apostrophes alone', () => {
      assert.deepEqual(findDateExpressions("the song '61' was"), []); // a quoted number
      assert.deepEqual(findDateExpressions("rock'61"), []);
    });

    it('marks approximate years and keeps the qualifier inside the span', () => {
      for (const q of ['c.', 'ca.', 'circa', 'around', 'about', 'approximately']) {
        const text = `built ${q} 1962 by`;
        const e = one(text, `${q} 1962`);
        assert.equal(e.qualifiers.approximate, true);
        assert.equal(e.interval.approximate, true);
        assert.equal(spans(text, e, 'dateSpan'), '1962');
        assert.equal(spans(text, e, 'yearSpan'), '1962');
      }
      const e = one('probably 1962', 'probably 1962');
      assert.equal(e.qualifiers.uncertain, true);
    });

    it('records bounding words before a date as a relation', () => {
      assert.equal(one('After 1956 he', '1956').qualifiers.relation, 'after');
      assert.equal(one('since 1953', '1953').qualifiers.relation, 'since');
      assert.equal(one('by 1961 it', '1961').qualifiers.relation, 'by');
      assert.equal(one('until 1964', '1964').qualifiers.relation, 'until');
      assert.equal(one('pre-1956 borders', '1956').qualifiers.relation, 'before');
      assert.equal(one('prior to 1956', '1956').qualifiers.relation, 'before');
      assert.equal(one('in 1956', '1956').qualifiers.relation, undefined);
    });
  });

  describe('days and months', () => {
    const days: [string, Partial<DateExpression['style']>][] = [
      ['31 October 1961', { order: 'dmy', monthForm: 'long' }],
      ['October 31, 1961', { order: 'mdy', monthForm: 'long', comma: true }],
      ['31 Oct. 1961', { order: 'dmy', monthForm: 'short-dot' }],
      ['Oct 31 1961', { order: 'mdy', monthForm: 'short' }],
      ['1961-10-31', { order: 'iso', padded: true }],
      ['31.10.1961', { order: 'dotted', padded: true }],
      ['31st October 1961', { order: 'dmy', ordinal: true }],
      ['October 31st, 1961', { order: 'mdy', ordinal: true }],
      ['the 31st of October 1961', { order: 'dmy', ordinal: true, article: true, of: true }],
    ];
    for (const [written, style] of days) {
      it(`reads "${written}" as 31 October 1961`, () => {
        const text = `On ${written}, the body was removed.`;
        const e = one(text, written);
        assert.equal(e.kind, 'day');
        sameDays(e.interval, '1961-10-31');
        for (const [k, v] of Object.entries(style)) assert.equal(e.style[k as keyof typeof style], v, k);
        assert.equal(spans(text, e, 'yearSpan'), '1961');
      });
    }

    it('reads month and year', () => {
      const e = one('in October 1961 the', 'October 1961');
      assert.equal(e.kind, 'month');
      sameDays(e.interval, '1961-10');
      assert.equal(one('in Feb. 1956', 'Feb. 1956').style.monthForm, 'short-dot');
      assert.equal(one('October of 1961', 'October of 1961').style.of, true);
    });

    it('reads dotted day.month.year without padding', () => {
      const e = one('am 5.3.1953 starb', '5.3.1953');
      sameDays(e.interval, '1953-03-05');
      assert.equal(e.style.padded, undefined);
    });

    it('refuses impossible days', () => {
      assert.deepEqual(findDateExpressions('31 February 1956').map((e) => e.kind), []);
      assert.deepEqual(findDateExpressions('on 30 February 1956 and 1957').map((e) => e.text), ['1957']);
      assert.deepEqual(findDateExpressions('1956-13-01'), []);
      assert.deepEqual(findDateExpressions('29 February 1900'), []);
    });

    it('needs capitalized month names ("may", "march" are words)', () => {
      assert.deepEqual(findDateExpressions('they march 1956 miles'), []);
      assert.equal(findDateExpressions('in may 1956 it')[0].kind, 'year');
    });

    it('records a weekday and its span', () => {
      const text = 'Stalin died on Thursday, 5 March 1953.';
      const e = one(text, 'Thursday, 5 March 1953');
      assert.equal(e.qualifiers.weekday, 4);
      assert.equal(spans(text, e, 'weekdaySpan'), 'Thursday');
      assert.equal(spans(text, e, 'dateSpan'), '5 March 1953');
      assert.equal(one('Thu. 5 March 1953', 'Thu. 5 March 1953').qualifiers.weekday, 4);
      assert.equal(one('Monday, March 5, 1953', 'Monday, March 5, 1953').qualifiers.weekday, 1);
      // A weekday before a month is not part of a day date.
      assert.equal(one('Friday. March 1953', 'March 1953').kind, 'month');
    });

    it('reads calendar marks and interprets the numbers in that calendar', () => {
      for (const mark of ['O.S.', '(O.S.)', '(Old Style)', '[O.S.]', 'Old Style']) {
        const text = `on 25 October 1917 ${mark} the`;
        const e = one(text, `25 October 1917 ${mark}`);
        assert.equal(e.qualifiers.calendar, 'julian');
        sameDays(e.interval, '1917-11-07');
        assert.equal(spans(text, e, 'calendarSpan'), mark);
        assert.equal(spans(text, e, 'dateSpan'), '25 October 1917');
      }
      const ns = one('7 November 1917 (N.S.)', '7 November 1917 (N.S.)');
      assert.equal(ns.qualifiers.calendar, 'gregorian');
      sameDays(ns.interval, '1917-11-07');
      // 29 February 1900 exists in the Julian calendar only.
      sameDays(one('29 February 1900 O.S.', '29 February 1900 O.S.').interval, '1900-03-13');
    });
  });

  describe('ranges', () => {
    const ranges: [string, string, string?][] = [
      ['1953–64', '1953/1964'],
      ['1953-1964', '1953/1964'],
      ['1953—64', '1953/1964'],
      ['1953 – 1964', '1953/1964'],
      ['from 1953 to 1961', '1953/1961'],
      ['between 1953 and 1961', '1953/1961'],
      ['between 14 and 25 February 1956', '1956-02-14/1956-02-25'],
      ['14–25 February 1956', '1956-02-14/1956-02-25'],
      ['from 14 to 25 February 1956', '1956-02-14/1956-02-25'],
      ['February 14–25, 1956', '1956-02-14/1956-02-25'],
      ['the night of 31 October–1 November 1961', '1961-10-31/1961-11-01'],
      ['31 October – 1 November 1961', '1961-10-31/1961-11-01'],
      ['31 December 1961 – 2 January 1962', '1961-12-31/1962-01-02'],
      ['October 31 – November 1, 1961', '1961-10-31/1961-11-01'],
      ['October–November 1961', '1961-10/1961-11'],
      ['October 1961 – March 1962', '1961-10/1962-03'],
      ['1956/57', '1956/1957'],
    ];
    for (const [written, days] of ranges) {
      it(`reads "${written}"`, () => {
        const text = `It lasted ${written}, as reported.`;
        const e = one(text, written);
        assert.equal(e.kind, 'range');
        sameDays(e.interval, days);
        assert.ok(e.parts, 'a range has parts');
      });
    }

    it('keeps the parts of a range so one end can be fixed', () => {
      const text = 'Khrushchev (1953–64) led';
      const e = one(text, '1953–64');
      assert.equal(e.yearSpan, undefined);
      const [a, b] = e.parts!;
      assert.equal(a.text, '1953');
      assert.equal(b.text, '64');
      assert.equal(text.slice(b.yearSpan!.start, b.yearSpan!.end), '64');
      sameDays(b.interval, '1964');
      assert.equal(e.style.endYearForm, 'short');
      assert.equal(e.style.separator, '–');
      const d = one('14–25 February 1956', '14–25 February 1956');
      sameDays(d.parts![0].interval, '1956-02-14');
      assert.equal(d.parts![0].text, '14');
      assert.equal(d.yearSpan && '14–25 February 1956'.slice(d.yearSpan.start, d.yearSpan.end), '1956');
    });

    it('refuses backwards ranges', () => {
      assert.deepEqual(findDateExpressions('1964–53').map((e) => e.text), []);
      assert.ok(findDateExpressions('25–14 February 1956').every((e) => e.kind !== 'range'));
    });
  });

  describe('seasons, parts, decades, centuries', () => {
    it('reads seasons (meteorological, northern hemisphere)', () => {
      const e = one('in the autumn of 1956 the', 'the autumn of 1956');
      assert.equal(e.kind, 'season');
      sameDays(e.interval, '1956-09/1956-11');
      assert.equal(e.interval.approximate, true);
      sameDays(one('spring 1956', 'spring 1956').interval, '1956-03/1956-05');
      sameDays(one('summer of 1956', 'summer of 1956').interval, '1956-06/1956-08');
      const w = one('during the winter of 1956–57 many', 'the winter of 1956–57');
      sameDays(w.interval, '1956-12/1957-02');
      // A winter with one year may be either side of New Year: both are taken, and it is uncertain.
      const w1 = one('the winter of 1956', 'the winter of 1956');
      sameDays(w1.interval, '1955-12/1957-02');
      assert.equal(w1.qualifiers.uncertain, true);
    });

    it('reads early, mid and late of a year, a month, a decade, a century', () => {
      const early = one('in early 1962 the', 'early 1962');
      assert.equal(early.kind, 'part');
      sameDays(early.interval, '1962-01/1962-04');
      assert.equal(early.qualifiers.approximate, true);
      sameDays(one('by mid-1962', 'mid-1962').interval, '1962-05/1962-08');
      sameDays(one('late 1962', 'late 1962').interval, '1962-09/1962-12');
      sameDays(one('the early 1960s', 'the early 1960s').interval, '1960/1963');
      sameDays(one('the late 1950s', 'the late 1950s').interval, '1956/1959');
      sameDays(one('mid-October 1961', 'mid-October 1961').interval, '1961-10-11/1961-10-20');
      sameDays(one('the early 20th century', 'the early 20th century').interval, '1900/1939');
    });

    it('reads decades and centuries', () => {
      const d = one('in the 1950s the', 'the 1950s');
      assert.equal(d.kind, 'decade');
      sameDays(d.interval, '1950/1959');
      assert.equal(one("the 1950's", "the 1950's").kind, 'decade');
      sameDays(one("the '50s", "the '50s").interval, '1950/1959');
      const both = one('the 1950s and 1960s', 'the 1950s and 1960s');
      assert.equal(both.kind, 'range');
      sameDays(both.interval, '1950/1969');
      const c = one('in the 19th century', 'the 19th century');
      assert.equal(c.kind, 'century');
      sameDays(c.interval, '1800/1900');
      assert.equal(one('the nineteenth century', 'the nineteenth century').kind, 'century');
      assert.equal(one('twentieth-century Russia', 'twentieth-century').kind, 'century');
      // "the 1900s" may be a decade or a century: the wider reading, uncertain.
      const ambiguous = one('the 1900s', 'the 1900s');
      sameDays(ambiguous.interval, '1900/1999');
      assert.equal(ambiguous.interval.uncertain, true);
    });
  });

  describe('not dates', () => {
    const negatives = [
      'p. 33', 'see pp. 1957–64', 'chap. 19', 'vol. 1961', 'no. 1956', '§ 1953', '§§ 1953', 'page 1956', 'pp. 12, 1957',
      '1,200 prisoners', '1200 km', '1956 delegates', '1956 people came', 'the 1953 – 64 prisoners', 'aged 59', 'at 59',
      '19.56', '1956.5', '0.1956', '19:56', '10:1956', '1956a', 'A1956', 'x1956y', '19571964', '11956', '1956%', '$1956',
      '€1956', '+7 495 1956 2000', 'ISBN 978-1-1956-3', '978-1956-12', '1956-12', '1956,000', '1,956', '956', '999',
      '2200', '0956', 'op. 30, d. 1956', 'f. 5, op. 30, d. 1956', '#1956', '№ 1956', 'tel. 1956', '5/3/1953', '3/1953',
      '1956 hours',
    ];
    for (const text of negatives) {
      it(`finds nothing in "${text}"`, () => {
        assert.deepEqual(findDateExpressions(text).map((e) => e.text), []);
      });
    }

    it('still reads "d." as died outside a locator list', () => {
      assert.deepEqual(findDateExpressions('Stalin (d. 1953)').map((e) => e.text), ['1953']);
    });

    it('keeps a year followed by a number that is not a run', () => {
      assert.deepEqual(findDateExpressions('In 1956 1,200 prisoners were released').map((e) => e.text), ['1956']);
    });
  });

  describe('positions in odd text', () => {
    it('counts UTF-16 units past surrogate pairs and combining marks', () => {
      const text = '𝔗𝔥𝔢 café\u0301 😀 opened on 5 March 1953 😀 and closed in 1961.';
      const found = findDateExpressions(text);
      assert.deepEqual(found.map((e) => e.text), ['5 March 1953', '1961']);
      for (const e of found) assert.equal(text.slice(e.start, e.end), e.text);
      assert.equal(found[0].start, text.indexOf('5 March'));
    });

    it('works in right-to-left text', () => {
      const text = 'في عام 1956 ألقى خروتشوف خطابه، ثم في 1961.';
      const found = findDateExpressions(text);
      assert.deepEqual(found.map((e) => e.text), ['1956', '1961']);
      assert.equal(found[0].start, text.indexOf('1956'));
    });

    it('refuses digits glued to letters in other scripts', () => {
      assert.deepEqual(findDateExpressions('год1956'), []);
      assert.deepEqual(findDateExpressions('1956г'), []);
      assert.deepEqual(findDateExpressions('1956\u0301'), []);
    });

    it('handles CRLF around and inside dates', () => {
      const text = 'Line one\r\n31 October\r\n1961\r\nand 1953 –\r\n64.\r\n';
      const found = findDateExpressions(text);
      assert.deepEqual(found.map((e) => e.text), ['31 October\r\n1961', '1953 –\r\n64']);
      // A blank line (paragraph break) ends a date.
      assert.deepEqual(findDateExpressions('31 October\r\n\r\n1961').map((e) => e.text), ['1961']);
    });

    it('scans only text[from:to] but reports offsets into text', () => {
      const text = 'In 1953 and 1956 and 1961.';
      const found = findDateExpressions(text, 8, 20);
      assert.deepEqual(found.map((e) => [e.text, e.start]), [['1956', 12]]);
      assert.deepEqual(findDateExpressions(text, 20, 5), []);
      assert.deepEqual(findDateExpressions(text, -5, 1e9).length, 3);
    });

    it('finds several expressions in order without overlap', () => {
      const text = 'Stalin died on 5 March 1953; the speech of 25 February 1956 (c. 1956) came in the 1950s, before 1961–62.';
      const found = findDateExpressions(text);
      assert.deepEqual(found.map((e) => e.text), ['5 March 1953', '25 February 1956', 'c. 1956', 'the 1950s', '1961–62']);
    });

    it('is fast on a megabyte of digits and of years', () => {
      assert.deepEqual(findDateExpressions('1'.repeat(1_000_000)), []);
      const many = 'in 1956, '.repeat(100_000);
      assert.equal(findDateExpressions(many).length, 100_000);
    });
  });

  it('words that name properties of every object ("constructor", "toString") are plain words: the dates around them stay', () => {
    assert.deepEqual(findDateExpressions('Built by the constructor 1961–64, in the 1950s and the nineteenth century.').map((d) => d.text), ['1961–64', 'the 1950s', 'the nineteenth century']);
    assert.deepEqual(findDateExpressions('5 toString 1956, hasOwnProperty 1957 valueOf').map((d) => d.text), ['1956', '1957']);
  });

  it('paragraphs without digits or a century hold no date; long digit-free runs before a date do not hide it', () => {
    assert.deepEqual(findDateExpressions('No date here at all, only words and the spring.'), []);
    const long = `${'word '.repeat(300)}on 14 February 1956 and ${'more '.repeat(300)}in the twentieth century`;
    assert.deepEqual(findDateExpressions(long).map((d) => d.text), ['14 February 1956', 'the twentieth century']);
  });
});

describe('findDateExpressions: line breaks and LaTeX ties inside a date', () => {
  it('reads a date split by one line break (LF or CRLF) as one date', () => {
    assert.equal(one('the events of June\n1961.', 'June\n1961').kind, 'month');
    assert.deepEqual(one('on 25\r\nFebruary 1956 he spoke', '25\r\nFebruary 1956').interval, edtf('1956-02-25'));
  });
  it('reads a tie (~) between day, month and year as a space', () => {
    assert.deepEqual(one('on 25~February~1956 he spoke', '25~February~1956').interval, edtf('1956-02-25'));
    assert.deepEqual(one('in Feb.~1956', 'Feb.~1956').interval, edtf('1956-02'));
  });
  it('does not read a tilde before a number or a doubled one as a tie', () => {
    assert.equal(one('about ~1956 or so', '1956').kind, 'year');
    assert.equal(one('June~~1961', '1961').kind, 'year');
  });
});

describe('findDateExpressions: "from DATE" with and without an end', () => {
  it('reads "from" + a full day alone as the day the event began (no bound)', () => {
    assert.equal(one('He lay in state from 16 March 1953; crowds came.', '16 March 1953').qualifiers.relation, undefined);
  });
  it('keeps "from" a bound when the time runs on or an end follows', () => {
    assert.equal(one('from 16 March 1953 onwards', '16 March 1953').qualifiers.relation, 'since');
    assert.equal(one('from 16 March 1953 on, he ruled', '16 March 1953').qualifiers.relation, 'since');
    assert.equal(one('from 16 March 1953 until his fall', '16 March 1953').qualifiers.relation, 'since');
  });
  it('keeps "from" + a month or a year a bound (since when a state held)', () => {
    assert.equal(one('ran the Secretariat from March 1953, and more', 'March 1953').qualifiers.relation, 'since');
    assert.equal(one('lay there from 1953.', '1953').qualifiers.relation, 'since');
  });
});

describe('findDateExpressions: inline emphasis inside a date', () => {
  it('reads through emphasis markers that wrap part of a date', () => {
    assert.deepEqual(one('in \\emph{November} 1964 came', 'November} 1964').interval, edtf('1964-11'));
    assert.deepEqual(one('in *November* 1964.', 'November* 1964').interval, edtf('1964-11'));
    assert.deepEqual(one('on **25 February** 1956.', '25 February** 1956').interval, edtf('1956-02-25'));
    assert.deepEqual(one('on 25 _February 1956_.', '25 _February 1956').interval, edtf('1956-02-25'));
  });
  it('does not read an asterisk inside a word or a long run as emphasis', () => {
    assert.equal(findDateExpressions('May****1956').map((e) => e.text).join('|'), '1956');
  });
});
