import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discard, openFixture, waitFor, waitForActivation } from './helpers';

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
}

describe('Timeline', () => {
  it('annalist.showTimeline opens a webview tab labelled "Timeline…" for the active essay', async () => {
    const doc = await openFixture('reburial.md');
    try {
      await waitForActivation();
      await vscode.commands.executeCommand('annalist.showTimeline');
      // The title becomes "Timeline: <file>" once the webview has loaded its script and asked for the model.
      const tab = await waitFor(
        'a webview tab whose label starts with "Timeline"',
        () => webviewTabs().find((t) => t.label.startsWith('Timeline')),
        undefined,
        () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} (${t.input?.constructor?.name ?? 'no input'})`).join(', ') || '(no tabs)',
      );
      assert.ok((tab.input as vscode.TabInputWebview).viewType.includes('annalist.timeline'), `unexpected view type ${(tab.input as vscode.TabInputWebview).viewType}`);
      assert.equal(tab.label, 'Timeline: reburial.md');
      await vscode.window.tabGroups.close(tab);
    } finally {
      for (const t of webviewTabs()) await vscode.window.tabGroups.close(t);
      await discard(doc);
    }
  });
});
