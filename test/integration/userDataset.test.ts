// A user dataset in the workspace's .annalist/ folder: test/fixtures/workspace/.annalist/veldoria.yaml, an
// invented kingdom (clearly fictional test data) with one broken entry, and the essay veldoria.md about it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeDiagnostics, discard, fixtureUri, hoversAt, hoverText, openFixture, positionOf, waitFor, waitForDiagnostics, withCode,
} from './helpers';

const DATASET = '.annalist/veldoria.yaml';
const CURATED = '1742-05-09';
const MOVED = '1743-05-09';

const misdated = (ds: readonly vscode.Diagnostic[]) => withCode(ds, 'misdated-event');

/** Replaces `from` by `to` in the dataset document and saves it, as a curator would. */
async function editDataset(yaml: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = yaml.getText().indexOf(from);
  assert.ok(at >= 0, `"${from}" not found in ${DATASET}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(yaml.uri, new vscode.Range(yaml.positionAt(at), yaml.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${DATASET}`);
  assert.ok(await yaml.save(), `could not save ${DATASET}`);
}

describe('User dataset in .annalist/', () => {
  it('dates the invented Glass Treaty from the user dataset: "1743" is a misdated-event', async () => {
    const doc = await openFixture('veldoria.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => misdated(d).length > 0, undefined, 'a misdated-event from the user dataset');
      assert.equal(misdated(ds).length, 1, `only the Glass Treaty sentence is misdated:\n    ${describeDiagnostics(ds)}`);
      const d = misdated(ds)[0];
      assert.equal(doc.getText(d.range), '1743', 'the squiggle should cover the written year');
      assert.match(d.message, /Glass Treaty/, 'the message should name the event');
      assert.match(d.message, /9 May 1742/, 'the message should give the dataset\'s date');
    } finally {
      await discard(doc);
    }
  });

  it('shows the broken entry as a positioned diagnostic in the YAML, while the good entries work', async () => {
    const yamlUri = fixtureUri(DATASET);
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(yamlUri)).split(/\r?\n/);
    const badLine = lines.findIndex((l) => l.includes('"1738-02-31"'));
    assert.ok(badLine > 0, 'the fixture dataset should hold the impossible date 1738-02-31');
    const ds = await waitForDiagnostics(yamlUri, (d) => d.length > 0, undefined, 'a dataset problem in veldoria.yaml');
    const bad = withCode(ds, 'bad-date');
    assert.equal(bad.length, 1, `expected one bad-date problem:\n    ${describeDiagnostics(ds)}`);
    assert.equal(bad[0].range.start.line, badLine, `the problem should stand on line ${badLine + 1}, the broken date`);
    assert.equal(bad[0].range.start.character, lines[badLine].indexOf('"1738-02-31"'), 'the problem should start at the date value');
    assert.equal(bad[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(bad[0].message, /broken-coronation/, 'the message should name the entry');
    assert.equal(ds.length, 1, `the good entries should load without problems:\n    ${describeDiagnostics(ds)}`);

    // The good entries: the Lantern Flood is dated and hovered.
    const doc = await openFixture('veldoria.md');
    try {
      const pos = positionOf(doc, 'Lantern Flood', 3);
      let last = '';
      const text = await waitFor(
        'a hover on the invented Lantern Flood',
        async () => {
          last = hoverText(await hoversAt(doc.uri, pos));
          return last.includes('Lantern Flood of Thessen') ? last : undefined;
        },
        undefined,
        () => (last ? JSON.stringify(last) : '(no hover)'),
      );
      assert.ok(text.includes('2 October 1751'), `the hover should give the user dataset's date:\n${text}`);
      assert.ok(text.includes('Testwright'), `the hover should cite the invented source:\n${text}`);
    } finally {
      await discard(doc);
    }
  });

  it('re-checks the open essay when the dataset is edited and saved', async () => {
    const doc = await openFixture('veldoria.md');
    const yaml = await vscode.workspace.openTextDocument(fixtureUri(DATASET));
    await vscode.window.showTextDocument(yaml, { preview: false, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    try {
      await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 1, undefined, 'the misdated Glass Treaty before the edit');
      await editDataset(yaml, `date: "${CURATED}"`, `date: "${MOVED}"`);
      await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 0, undefined, 'the warning to go once the dataset dates the treaty 1743');
      await editDataset(yaml, `date: "${MOVED}"`, `date: "${CURATED}"`);
      const ds = await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 1, undefined, 'the warning to return once the date is restored');
      assert.match(misdated(ds)[0].message, /9 May 1742/);
    } finally {
      if (yaml.isDirty) await editDataset(yaml, `date: "${MOVED}"`, `date: "${CURATED}"`).catch(() => undefined);
      await discard(yaml);
      await discard(doc);
    }
  });

  it('New Dataset writes a starter file in .annalist/ and opens it', async () => {
    const file = fixtureUri('.annalist/integration-starter.yaml');
    try {
      await vscode.commands.executeCommand('annalist.newDataset', 'Integration Starter');
      const editor = await waitFor('the new dataset open in an editor', () =>
        vscode.window.activeTextEditor?.document.uri.toString() === file.toString() ? vscode.window.activeTextEditor : undefined);
      const text = editor.document.getText();
      assert.match(text, /^annalist: 1$/m);
      assert.match(text, /^id: integration-starter$/m);
      assert.match(text, /^events:$/m);
      // That the starter loads with no problems is asserted in test/unit/user-datasets/starter.test.ts.
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.equal(onDisk, text);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      try { await vscode.workspace.fs.delete(file); } catch { /* already gone */ }
    }
  });
});
