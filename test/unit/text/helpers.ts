import { strict as assert } from 'node:assert';
import { analyzeText, type TextAnalysis } from '../../../src/core/text/analysis';

/** The prose regions' text, joined with `|`. */
export function proseOf(text: string, languageId: string): string {
  const a = analyzeText(text, languageId);
  return a.prose.map((r) => text.slice(r.start, r.end)).join('|');
}

/** Asserts that no character of the (first or nth) occurrence of `needle` is prose. */
export function assertExcluded(text: string, languageId: string, needle: string, nth = 0): TextAnalysis {
  const a = analyzeText(text, languageId);
  const at = occurrence(text, needle, nth);
  for (let i = at; i < at + needle.length; i++) {
    assert.equal(a.isProse(i), false, `expected ${JSON.stringify(needle)} not to be prose (offset ${i} ${JSON.stringify(text[i])})`);
  }
  return a;
}

/** Asserts that every non-space character of the occurrence of `needle` is prose. */
export function assertProse(text: string, languageId: string, needle: string, nth = 0): TextAnalysis {
  const a = analyzeText(text, languageId);
  const at = occurrence(text, needle, nth);
  for (let i = at; i < at + needle.length; i++) {
    if (/\s/.test(text[i])) continue;
    assert.equal(a.isProse(i), true, `expected ${JSON.stringify(needle)} to be prose (offset ${i} ${JSON.stringify(text[i])})`);
  }
  return a;
}

function occurrence(text: string, needle: string, nth: number): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} #${nth} not in the text`);
  }
  return at;
}

/** The sentences' text. */
export function sentencesOf(text: string, languageId = 'markdown'): string[] {
  const a = analyzeText(text, languageId);
  return a.sentences.map((s) => text.slice(s.start, s.end));
}

/** The titles' text. */
export function titlesOf(text: string, languageId = 'markdown'): string[] {
  const a = analyzeText(text, languageId);
  return a.titles.map((s) => text.slice(s.start, s.end));
}
