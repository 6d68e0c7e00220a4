import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionsAt, describeDiagnostics, discard, fixtureUri, labelOf, openFixture, typeAt, waitFor, waitForActivation, waitForDiagnostics } from './helpers';

describe('A .bib with a broken entry', () => {
  it('shows a diagnostic on the broken entry and still completes the good keys', async () => {
    const doc = await openFixture('cite-broken.md');
    const bib = fixtureUri('broken.bib');
    try {
      await waitForActivation();
      const line = doc.lineCount - 1;
      await typeAt(doc, new vscode.Position(line, 0), 'Cited [@');
      const pos = new vscode.Position(line, 'Cited [@'.length);
      let labels: string[] = [];
      await waitFor(
        'completion to offer fixtureok2001 and fixturegood2003',
        async () => {
          labels = (await completionsAt(doc.uri, pos, '@')).map(labelOf);
          return labels.includes('fixtureok2001') && labels.includes('fixturegood2003');
        },
        undefined,
        () => (labels.length ? labels.slice(0, 20).join(', ') : '(no items)'),
      );
      assert.ok(!labels.includes('fixturebroken2002'), 'the broken entry is skipped, so it should not be offered');

      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(bib)).split(/\r?\n/);
      const first = text.findIndex((l) => l.startsWith('@book{fixturebroken2002'));
      const next = text.findIndex((l) => l.startsWith('@article{fixturegood2003'));
      assert.ok(first > 0 && next > first, 'broken.bib should hold the broken entry before fixturegood2003');
      const ds = await waitForDiagnostics(bib, (d) => d.length > 0, undefined, 'a problem in broken.bib');
      const onEntry = ds.filter((d) => d.range.start.line >= first && d.range.start.line < next);
      assert.ok(onEntry.length > 0, `a diagnostic should stand on the broken entry (lines ${first + 1}–${next}):\n    ${describeDiagnostics(ds)}`);
      assert.ok(onEntry.some((d) => d.message.includes('fixturebroken2002')), `the message should name the entry:\n    ${describeDiagnostics(ds)}`);
      assert.ok(ds.every((d) => d.range.start.line >= first && d.range.start.line < next), `no problem outside the broken entry:\n    ${describeDiagnostics(ds)}`);
    } finally {
      await discard(doc);
    }
  });
});
