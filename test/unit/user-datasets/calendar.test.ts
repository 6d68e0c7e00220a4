import { strict as assert } from 'assert';
import { calendarReadings, datasetDateText, parseEdtfInCalendar, readAsJulian } from '../../../src/core/dataset/calendar-dates';
import { parseDataset } from '../../../src/core/dataset/loader';
import { buildIndex } from '../../../src/core/dataset/index';
import { dayInterval, dayNumber } from '../../../src/core/dates/interval';
import { findDateExpressions } from '../../../src/core/dates/expressions';
import { doc, julianIndex, JULIAN_YAML, misdated } from './helpers';
import { runChecks } from '../../../src/core/check/index';

function julianDay(text: string): number {
  const r = parseEdtfInCalendar(text, 'julian');
  assert.ok(r.ok, text);
  assert.equal(r.interval.start, r.interval.end);
  return r.interval.start;
}

describe('user datasets: Old Style dates in a dataset', () => {
  it('converts known Old Style days to their New Style days, century years included', () => {
    assert.equal(julianDay('1917-10-25'), dayNumber(1917, 11, 7));
    assert.equal(julianDay('1900-03-01'), dayNumber(1900, 3, 14));
    assert.equal(julianDay('1918-02-01'), dayNumber(1918, 2, 14));
    assert.equal(julianDay('1900-02-29'), dayNumber(1900, 3, 13)); // a Julian leap day, not a Gregorian one
    assert.equal(julianDay('1917-02-23'), dayNumber(1917, 3, 8));
  });

  it('computes months, years and intervals in the Julian calendar, with their precision and qualifiers', () => {
    const month = parseEdtfInCalendar('1900-02', 'julian');
    assert.ok(month.ok);
    assert.deepEqual(month.interval, { start: dayNumber(1900, 2, 13), end: dayNumber(1900, 3, 13), precision: 'month' });
    const year = parseEdtfInCalendar('1917', 'julian');
    assert.ok(year.ok);
    assert.deepEqual(year.interval, { start: dayNumber(1917, 1, 14), end: dayNumber(1918, 1, 13), precision: 'year' });
    const range = parseEdtfInCalendar('1917-07-03/1917-07-07?', 'julian');
    assert.ok(range.ok);
    assert.deepEqual(range.interval, { start: dayNumber(1917, 7, 16), end: dayNumber(1917, 7, 20), precision: 'day', uncertain: true });
  });

  it('refuses what is no Julian date, and leaves Gregorian dates to the EDTF parser', () => {
    const bad = parseEdtfInCalendar('1917-02-29', 'julian');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /28 days/);
    assert.equal(parseEdtfInCalendar('1917-13', 'julian').ok, false);
    assert.equal(parseEdtfInCalendar('1917-11-01/1917-10-01', 'julian').ok, false);
    const greg = parseEdtfInCalendar('1917-11-07');
    assert.ok(greg.ok);
    assert.equal(greg.interval.start, dayNumber(1917, 11, 7));
  });

  it('shifts other EDTF forms (unspecified digits) to the Julian reading', () => {
    const decade = parseEdtfInCalendar('191X', 'julian');
    assert.ok(decade.ok);
    assert.equal(decade.interval.start, dayNumber(1910, 1, 14));
    assert.equal(decade.interval.precision, 'decade');
  });

  it('reads a written interval in the Julian calendar, month ends included', () => {
    assert.deepEqual(readAsJulian(dayInterval(1917, 10, 25)), dayInterval(1917, 11, 7));
    const feb = readAsJulian({ start: dayNumber(1900, 2, 1), end: dayNumber(1900, 2, 28), precision: 'month' });
    // Before 29 February 1900 O.S. the calendars are 12 days apart, after it 13.
    assert.deepEqual(feb, { start: dayNumber(1900, 2, 13), end: dayNumber(1900, 3, 13), precision: 'month' });
  });

  it('builds the index intervals of events, disputes and births in their calendars', () => {
    const index = julianIndex();
    const ev = index.get('lantern-rising');
    assert.ok(ev && ev.kind === 'event');
    assert.deepEqual([ev.interval.start, ev.interval.end], [dayNumber(1917, 11, 7), dayNumber(1917, 11, 7)]);
    const decree = index.get('clock-decree');
    assert.ok(decree && decree.kind === 'event');
    assert.equal(decree.disputeIntervals[0].start, dayNumber(1918, 2, 16)); // a dispute takes its event's calendar
    const treaty = index.get('bridge-treaty');
    assert.ok(treaty && treaty.kind === 'event');
    assert.equal(treaty.interval.start, dayNumber(1918, 3, 3)); // no calendar: Gregorian
    const duke = index.get('duke-rask');
    assert.ok(duke && duke.kind === 'person');
    assert.equal(duke.bornInterval?.start, dayNumber(1870, 4, 22));
    assert.equal(datasetDateText(ev), '25 October 1917 O.S. (7 November 1917 N.S.)');
  });

  it('the loader accepts a Julian leap day and refuses a wrong calendar name', () => {
    assert.deepEqual(parseDataset(JULIAN_YAML, 'memory:/m.yaml').problems, []);
    const wrong = JULIAN_YAML.replace('calendar: julian\n    sources: [vey2001]\n  - id: salt-charter', 'calendar: byzantine\n    sources: [vey2001]\n  - id: salt-charter');
    const parsed = parseDataset(wrong, 'memory:/m.yaml');
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /julian|gregorian/);
    assert.ok(!parsed.file?.events?.some((e) => e.id === 'lantern-rising'));
    assert.ok(parsed.file?.events?.some((e) => e.id === 'salt-charter'));
    const fair = buildIndex([parseDataset(JULIAN_YAML, 'memory:/m.yaml')]).index.get('leap-fair');
    assert.ok(fair && fair.kind === 'event');
    assert.equal(fair.interval.start, dayNumber(1900, 3, 13));
  });
});

describe('user datasets: Old Style and New Style in prose', () => {
  const index = julianIndex();

  it('accepts an Old Style event written in either style without a mark', () => {
    assert.deepEqual(misdated('The Lantern Rising broke out on 25 October 1917.', index), []);
    assert.deepEqual(misdated('The Lantern Rising broke out on 7 November 1917.', index), []);
    assert.deepEqual(misdated('The Salt Charter was sealed on 1 March 1900.', index), []);
    assert.deepEqual(misdated('The Salt Charter was sealed on 14 March 1900.', index), []);
    assert.deepEqual(misdated('The Clock Decree took effect on 1 February 1918.', index), []);
    assert.deepEqual(misdated('The Clock Decree took effect on 14 February 1918.', index), []);
    assert.deepEqual(misdated('The Winter of Bells came in December 1917.', index), []);
  });

  it('accepts a marked date in its own style', () => {
    assert.deepEqual(misdated('The Lantern Rising broke out on 25 October 1917 O.S.', index), []);
    assert.deepEqual(misdated('The Lantern Rising broke out on 7 November 1917 (N.S.).', index), []);
    assert.deepEqual(misdated('The Lantern Rising broke out on 25 October 1917 (Old Style).', index), []);
    assert.deepEqual(misdated('The Leap Fair opened on 29 February 1900 O.S.', index), []);
    assert.deepEqual(misdated('The Leap Fair opened on 13 March 1900 N.S.', index), []);
  });

  it('flags a marked date that is right only in the other style, and says which style it compared in', () => {
    const os = misdated('The Lantern Rising broke out on 7 November 1917 O.S.', index);
    assert.equal(os.length, 1);
    assert.match(os[0].message, /\(compared in the Old Style, Julian calendar\)/);
    assert.match(os[0].message, /25 October 1917 O\.S\. \(7 November 1917 N\.S\.\)/);
    assert.equal(os[0].fixes?.[0].edits[0].newText, '25 October 1917 O.S.');
    const ns = misdated('The Lantern Rising broke out on 25 October 1917 N.S.', index);
    assert.equal(ns.length, 1);
    assert.match(ns[0].message, /\(compared in the New Style, Gregorian calendar\)/);
    assert.equal(ns[0].fixes?.[0].edits[0].newText, '7 November 1917 N.S.');
  });

  it('flags an unmarked date wrong in both styles, saying both were tried, and fixes it in the Old Style', () => {
    const d = misdated('The Lantern Rising broke out on 26 October 1917.', index);
    assert.equal(d.length, 1);
    assert.match(d[0].message, /no style is marked, so it was compared in both the Old Style, Julian, and the New Style, Gregorian calendars/);
    assert.equal(d[0].fixes?.[0].edits[0].newText, '25 October 1917');
    // 13 March 1900 N.S. is 29 February O.S., the day before the charter.
    assert.equal(misdated('The Salt Charter was sealed on 13 March 1900.', index).length, 1);
    assert.equal(misdated('The Winter of Bells came in November 1917.', index).length, 1);
  });

  it('a dispute recorded in the Old Style is recognised in the unmarked text', () => {
    const d = misdated('The Clock Decree took effect on 3 February 1918.', index);
    assert.equal(d.length, 1);
    assert.equal(d[0].data?.disputed, true);
    assert.match(d[0].message, /3 February 1918 O\.S\. \(16 February 1918 N\.S\.\)/);
  });

  it('a New Style event is compared in the New Style only, and its message says nothing of calendars', () => {
    assert.deepEqual(misdated('The Bridge Treaty was signed on 3 March 1918.', index), []);
    const d = misdated('The Bridge Treaty was signed on 18 February 1918.', index);
    assert.equal(d.length, 1);
    assert.doesNotMatch(d[0].message, /compared in|O\.S\./);
  });

  it('a marked date against a New Style event is compared in the marked style', () => {
    const d = misdated('The Bridge Treaty was signed on 3 March 1918 O.S.', index);
    assert.equal(d.length, 1);
    assert.match(d[0].message, /compared in the Old Style, Julian calendar/);
    assert.deepEqual(misdated('The Bridge Treaty was signed on 18 February 1918 O.S.', index), []);
  });

  it('calendarReadings: one reading for a marked date, two for an unmarked Old Style event', () => {
    const [marked] = findDateExpressions('on 25 October 1917 O.S.', 0, 23);
    assert.equal(calendarReadings(marked, marked.interval, { calendar: 'julian' }).length, 1);
    const [plain] = findDateExpressions('on 25 October 1917', 0, 18);
    const two = calendarReadings(plain, plain.interval, { calendar: 'julian' });
    assert.deepEqual(two.map((r) => r.calendar), ['gregorian', 'julian']);
    assert.equal(two[1].interval.start, dayNumber(1917, 11, 7));
    assert.equal(calendarReadings(plain, plain.interval, {}).length, 1);
  });

  it('CRLF text gives the same verdicts', () => {
    const text = 'Intro line.\r\n\r\nThe Lantern Rising broke out on 26 October 1917.\r\nThe Salt Charter was sealed on 1 March 1900.\r\n';
    const d = runChecks(doc(text), { index }).filter((x) => x.code === 'misdated-event');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, 2);
  });
});
