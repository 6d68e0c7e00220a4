import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discard, openFixture, waitFor, waitForDiagnostics, withCode } from './helpers';

describe('Quick fix', () => {
  it('corrects "1961" to "1962" for the misdated reburial', async () => {
    const doc = await openFixture('reburial.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length > 0, undefined, 'a misdated-event diagnostic');
      const diag = withCode(ds, 'misdated-event')[0];
      let actions: (vscode.CodeAction | vscode.Command)[] = [];
      const fix = await waitFor(
        'a quick fix editing 1961 to 1962',
        async () => {
          actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
            'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
          return actions.find((a): a is vscode.CodeAction =>
            'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)
            && !!a.edit && a.edit.entries().some(([, edits]) => edits.some((e) => e.newText.includes('1962'))));
        },
        undefined,
        () => actions.map((a) => a.title).join(' | ') || '(no code actions)',
      );
      assert.ok(fix.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const line = doc.lineAt(diag.range.start.line).text;
      assert.equal(line, "In 1962 Stalin's body was removed from the mausoleum and buried by the Kremlin wall.");
      await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length === 0, undefined, 'the warning to go away after the fix');
    } finally {
      await discard(doc);
    }
  });

  it('"Ignore … on this line" inserts the suppression comment and the warning goes away', async () => {
    const doc = await openFixture('reburial.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length > 0, undefined, 'a misdated-event diagnostic');
      const diag = withCode(ds, 'misdated-event')[0];
      const line = diag.range.start.line;
      const sentence = doc.lineAt(line).text;
      let actions: (vscode.CodeAction | vscode.Command)[] = [];
      const ignore = await waitFor(
        'an "Ignore … on this line" quick fix',
        async () => {
          actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
            'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
          return actions.find((a): a is vscode.CodeAction => 'kind' in a && /^Ignore .*on this line$/i.test(a.title) && !!a.edit);
        },
        undefined,
        () => actions.map((a) => a.title).join(' | ') || '(no code actions)',
      );
      assert.ok(ignore.edit);
      assert.ok(await vscode.workspace.applyEdit(ignore.edit), 'the ignore edit was not applied');
      assert.equal(doc.lineAt(line).text, '<!-- annalist-disable-next-line misdated-event -->', 'the comment should stand on its own line above the sentence');
      assert.equal(doc.lineAt(line + 1).text, sentence, 'the sentence itself should be unchanged');
      await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length === 0, undefined, 'the warning to go away after the ignore comment');
    } finally {
      await discard(doc);
    }
  });
});
