import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionsAt, discard, labelOf, openFixture, typeAt, waitFor, waitForActivation } from './helpers';

async function labelsOffered(uri: vscode.Uri, pos: vscode.Position, expected: string, trigger?: string): Promise<string[]> {
  let labels: string[] = [];
  await waitFor(
    `completion to offer ${expected}`,
    async () => {
      labels = (await completionsAt(uri, pos, trigger)).map(labelOf);
      return labels.includes(expected);
    },
    undefined,
    () => (labels.length ? labels.slice(0, 20).join(', ') : '(no items)'),
  );
  return labels;
}

describe('Citation completion', () => {
  it('offers breslauer1982 after "[@bres" in Markdown', async () => {
    const doc = await openFixture('citations.md');
    try {
      await waitForActivation();
      const end = new vscode.Position(doc.lineCount - 1, 0);
      await typeAt(doc, end, 'As argued in [@bres');
      const pos = new vscode.Position(doc.lineCount - 1, 'As argued in [@bres'.length);
      const labels = await labelsOffered(doc.uri, pos, 'breslauer1982');
      assert.ok(labels.includes('breslauer1982'));
    } finally {
      await discard(doc);
    }
  });

  it('offers linden1966 inside \\parencite{lin} in LaTeX', async () => {
    const doc = await openFixture('chapter.tex');
    try {
      assert.equal(doc.languageId, 'latex', 'the built-in LaTeX language should claim .tex');
      await waitForActivation();
      const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('\\end{document}'));
      assert.ok(line > 0);
      // The editor closes the brace as one types; the cursor stands after "lin".
      await typeAt(doc, new vscode.Position(line, 0), 'See \\parencite{lin}.\n\n');
      const pos = new vscode.Position(line, 'See \\parencite{lin'.length);
      const labels = await labelsOffered(doc.uri, pos, 'linden1966');
      assert.ok(labels.includes('linden1966'));
    } finally {
      await discard(doc);
    }
  });
});
