/**
 * `weekday-mismatch`: a weekday written with a day date that fell on another weekday ("Monday, 18 June 1815" —
 * it was a Sunday). Dates marked O.S. are read in the Julian calendar before the weekday is computed.
 */
import { formatInterval, weekdayName } from '../dates/format';
import { weekday } from '../dates/interval';
import type { AnnalistDiagnostic, CancellationLike, Fix, Severity } from '../types';
import type { DocumentAnalysis } from './document';
import { suppressionFixes } from './fixes';

export const WEEKDAY_MISMATCH = 'weekday-mismatch';

/** The right weekday written the way the writer wrote the wrong one (case, abbreviation). */
function writtenLike(written: string, right: number): string {
  const full = weekdayName(right);
  const letters = written.replace(/[^\p{L}]/gu, '');
  let out = letters.length <= 4 ? full.slice(0, 3) : full;
  if (letters.length > 0 && letters === letters.toUpperCase()) out = out.toUpperCase();
  else if (letters.length > 0 && letters[0] === letters[0].toLowerCase()) out = out.toLowerCase();
  return out + (written.endsWith('.') ? '.' : '');
}

/** Diagnostics for weekdays that do not match the day date they are written with. */
export function checkWeekdays(doc: DocumentAnalysis, severity: Severity | 'off', token?: CancellationLike): AnnalistDiagnostic[] {
  const out: AnnalistDiagnostic[] = [];
  if (severity === 'off') return out;
  let n = 0;
  for (const date of doc.dates) {
    if (++n % 256 === 0 && token?.isCancellationRequested) return out;
    const said = date.qualifiers.weekday;
    const span = date.weekdaySpan;
    if (said === undefined || !span || date.interval.precision !== 'day' || date.interval.start !== date.interval.end) continue;
    const right = weekday(date.interval.start);
    if (right === said) continue;
    if (doc.analysis.isSuppressed(span.start, WEEKDAY_MISMATCH)) continue;
    const julian = date.qualifiers.calendar === 'julian';
    const day = formatInterval(date.interval, julian ? { calendar: 'julian' } : {});
    const writtenWeekday = doc.text.slice(span.start, span.end);
    const lines = doc.analysis.lines;
    const fixes: Fix[] = [
      {
        title: `Change to '${writtenLike(writtenWeekday, right)}'`,
        edits: [{ range: lines.rangeOf(span.start, span.end), newText: writtenLike(writtenWeekday, right) }],
        preferred: true,
      },
      ...suppressionFixes(doc.analysis, WEEKDAY_MISMATCH, span.start, 'this weekday check'),
    ];
    out.push({
      range: lines.rangeOf(span.start, span.end),
      severity,
      code: WEEKDAY_MISMATCH,
      message: `${day} was a ${weekdayName(right)}, not a ${weekdayName(said)}${julian ? ' (read in the Julian calendar, as marked)' : ''}.`,
      source: 'Annalist',
      data: { written: date.text, weekday: weekdayName(said), expected: weekdayName(right), calendar: julian ? 'julian' : 'gregorian' },
      fixes,
    });
  }
  return out;
}
