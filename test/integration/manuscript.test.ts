import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, fixtureUri, waitFor, withCode, withSetting } from './helpers';

/** drafts/reburial-draft.md: no test opens it, so only Check Manuscript (reading it from disk) reports on it. */
const DRAFT = 'drafts/reburial-draft.md';

function fileCount(summary: string): number {
  const m = /^(\d+) files?,/.exec(summary);
  assert.ok(m, `the summary should start with a file count: ${JSON.stringify(summary)}`);
  return Number(m[1]);
}

async function checkManuscript(): Promise<string> {
  const summary = await vscode.commands.executeCommand<string | undefined>('annalist.checkManuscript');
  assert.equal(typeof summary, 'string', `annalist.checkManuscript should resolve to its summary, got ${JSON.stringify(summary)}`);
  return summary as string;
}

describe('Check Manuscript', () => {
  it('summarises the fixture workspace and reports on a file that is not open', async () => {
    const draft = fixtureUri(DRAFT);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === draft.toString()), `${DRAFT} must not be open for this test`);
    const summary = await checkManuscript();
    assert.match(summary, /\d+ files?, .*misdated event/, 'the summary should count files and misdated events');
    assert.ok(fileCount(summary) >= 5, `the fixture workspace holds at least 5 Markdown/LaTeX files: ${summary}`);
    // The closed file's problems are in the manuscript's own collection ('annalist-manuscript').
    const ds = vscode.languages.getDiagnostics(draft);
    const found = withCode(ds, 'misdated-event');
    assert.equal(found.length, 1, `the closed draft should carry its misdated-event:\n    ${describeDiagnostics(ds)}`);
    assert.equal(found[0].range.start.line, 4, 'on the line of the misdated sentence');
    assert.match(found[0].message, /1962/);
  });

  it('leaves out files matched by annalist.manuscript.exclude', async () => {
    const draft = fixtureUri(DRAFT);
    const before = fileCount(await checkManuscript());
    await withSetting('manuscript.exclude', ['drafts'], async () => {
      await waitFor('the exclude setting to reach the extension host', () =>
        (vscode.workspace.getConfiguration('annalist.manuscript').get<string[]>('exclude') ?? []).includes('drafts'));
      const summary = await checkManuscript();
      assert.equal(fileCount(summary), before - 1, `excluding "drafts" should leave out one file: before ${before}, now: ${summary}`);
      assert.equal(withCode(vscode.languages.getDiagnostics(draft), 'misdated-event').length, 0,
        `the excluded draft should keep no manuscript diagnostics:\n    ${describeDiagnostics(vscode.languages.getDiagnostics(draft))}`);
    });
  });
});
