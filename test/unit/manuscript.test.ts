import { strict as assert } from 'assert';
import { countWords, DEFAULT_MANUSCRIPT_INCLUDE, globMatcher, languageOfPath, summarizeManuscript } from '../../src/core/manuscript';
import type { AnnalistDiagnostic } from '../../src/core/types';

function diag(code: string, data?: Record<string, unknown>): AnnalistDiagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
  return { range, severity: 'warning', code, message: code, source: 'Annalist', data };
}

describe('summarizeManuscript', () => {
  it('counts files and problems by code, in words, as the brief example puts it', () => {
    const results = [
      { file: 'a.md', diagnostics: [diag('misdated-event'), diag('misdated-event'), diag('unknown-citation-key')] },
      { file: 'b.md', diagnostics: [diag('misdated-event')] },
      ...Array.from({ length: 10 }, (_, k) => ({ file: `c${k}.md`, diagnostics: [] })),
    ];
    const s = summarizeManuscript(results);
    assert.equal(s.text, '12 files, 3 misdated events, 1 unknown citation key');
    assert.equal(s.files, 12);
    assert.equal(s.filesWithProblems, 2);
    assert.equal(s.problems, 4);
    assert.deepEqual(s.counts, [{ code: 'misdated-event', count: 3 }, { code: 'unknown-citation-key', count: 1 }]);
  });

  it('uses the singular for one and says when nothing was found', () => {
    assert.equal(summarizeManuscript([{ file: 'a.md', diagnostics: [diag('misdated-event')] }]).text, '1 file, 1 misdated event');
    assert.equal(summarizeManuscript([{ file: 'a.md', diagnostics: [] }]).text, '1 file, no problems');
    assert.equal(summarizeManuscript([]).text, '0 files, no problems');
  });

  it('puts known codes first in a fixed order, then others by count', () => {
    const s = summarizeManuscript([
      { file: 'a.tex', diagnostics: [diag('odd-thing'), diag('unknown-citation-key'), diag('weekday-mismatch'), diag('weekday-mismatch'), diag('odd-thing'), diag('stray-entry'), diag('misdated-event')] },
    ]);
    assert.equal(s.text, '1 file, 1 misdated event, 2 weekday mismatches, 1 unknown citation key, 2 odd things, 1 stray entry');
  });

  it('says how many misdated events agree with a disputing source', () => {
    const s = summarizeManuscript([{ file: 'a.md', diagnostics: [diag('misdated-event', { disputed: true }), diag('misdated-event', { disputed: false })] }]);
    assert.equal(s.disputed, 1);
    assert.equal(s.text, '1 file, 2 misdated events (1 disputed)');
  });

  it('tells a cancelled check from a finished one', () => {
    assert.equal(summarizeManuscript([{ file: 'a.md', diagnostics: [] }], { planned: 12 }).text, '1 of 12 files, no problems');
    assert.equal(summarizeManuscript([{ file: 'a.md', diagnostics: [] }], { planned: 1 }).text, '1 file, no problems');
  });

  it('never throws on odd input', () => {
    const odd = [null, { file: 'x', diagnostics: null }, { file: 'y', diagnostics: [{}] }] as unknown as Parameters<typeof summarizeManuscript>[0];
    const s = summarizeManuscript(odd);
    assert.equal(s.files, 2);
    assert.equal(s.text, '2 files, 1 problem');
    assert.equal(summarizeManuscript(undefined as unknown as []).files, 0);
  });
});

describe('countWords', () => {
  it('pluralises the last word of any kebab-case code', () => {
    assert.equal(countWords('weekday-mismatch', 1), '1 weekday mismatch');
    assert.equal(countWords('weekday-mismatch', 3), '3 weekday mismatches');
    assert.equal(countWords('missing-reference', 2), '2 missing references');
    assert.equal(countWords('duplicate-entry', 2), '2 duplicate entries');
    assert.equal(countWords('bad-day', 2), '2 bad days');
    assert.equal(countWords('', 0), '0 problems');
  });
});

describe('globMatcher', () => {
  it('matches the default include over Markdown, Quarto, R Markdown and LaTeX at any depth', () => {
    const include = globMatcher(DEFAULT_MANUSCRIPT_INCLUDE);
    for (const p of ['essay.md', 'chapters/01-intro.md', 'a/b/c/notes.markdown', 'thesis.tex', 'x.qmd', 'y.rmd']) assert.ok(include(p), p);
    for (const p of ['essay.txt', 'library.bib', 'md', 'chapters/md/readme', 'figure.md.png']) assert.ok(!include(p), p);
  });

  it('treats a glob without a slash as a name at any depth, and a matched folder as everything in it', () => {
    const exclude = globMatcher(['drafts', '**/node_modules/**', 'build/*.tex']);
    assert.ok(exclude('drafts/old.md'));
    assert.ok(exclude('part/drafts/old.md'));
    assert.ok(exclude('node_modules/pkg/README.md'));
    assert.ok(exclude('build/out.tex'));
    assert.ok(!exclude('src/build/out.tex'));
    assert.ok(!exclude('chapters/drafting.md'));
  });

  it('supports ?, classes, nested braces and Windows separators', () => {
    const m = globMatcher(['ch?/*.{md,{tex,ltx}}', 'part[0-9].md', 'note[!x].md']);
    assert.ok(m('ch1/a.md'));
    assert.ok(m('ch2\\b.ltx'));
    assert.ok(!m('ch10/a.md'));
    assert.ok(m('part7.md'));
    assert.ok(!m('partx.md'));
    assert.ok(m('notea.md'));
    assert.ok(!m('notex.md'));
  });

  it('matches nothing with no globs, and stays fast on hostile patterns', () => {
    assert.equal(globMatcher([])('a.md'), false);
    assert.equal(globMatcher(undefined)('a.md'), false);
    assert.equal(globMatcher(['', '   ', 7 as unknown as string])('a.md'), false);
    const hostile = globMatcher(['**/*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/x']);
    const path = `${'a/'.repeat(40)}${'a'.repeat(200)}`;
    assert.equal(hostile(path), false);
  });
});

describe('languageOfPath', () => {
  it('reads Markdown, Quarto, R Markdown and LaTeX by extension, anything else as plain text', () => {
    assert.equal(languageOfPath('chapters/one.md'), 'markdown');
    assert.equal(languageOfPath('C:\\thesis\\Intro.MARKDOWN'), 'markdown');
    assert.equal(languageOfPath('a.qmd'), 'quarto');
    assert.equal(languageOfPath('a.Rmd'), 'rmd');
    assert.equal(languageOfPath('thesis.tex'), 'latex');
    assert.equal(languageOfPath('notes.txt'), 'plaintext');
    assert.equal(languageOfPath('.md'), 'plaintext');
    assert.equal(languageOfPath('README'), 'plaintext');
    assert.equal(languageOfPath(undefined as unknown as string), 'plaintext');
  });
});
