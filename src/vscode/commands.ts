/** Commands under the "Annalist" category. */
import * as vscode from 'vscode';
import { describeEntry } from '../core/lookup';
import type { DatasetService } from './datasets';
import type { Log } from './log';
import type { DiagnosticsController } from './diagnostics';

export function registerCommands(datasets: DatasetService, diagnostics: DiagnosticsController, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('annalist.lookup', async () => {
      const index = datasets.index;
      const entries = [...index.events, ...index.people, ...index.places];
      const pick = await vscode.window.showQuickPick(
        entries.map((e) => {
          const d = describeEntry(index, e);
          return { label: e.label, description: [e.kind, d.dateText].filter(Boolean).join(' · '), detail: d.description, id: e.id };
        }),
        { title: 'Annalist: Look Up in Dataset', matchOnDescription: true, matchOnDetail: true, placeHolder: 'A person, place or event' },
      );
      if (!pick) return;
      const loc = index.location(pick.id);
      if (loc) await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { selection: new vscode.Range(loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character), preview: true });
    }),
    vscode.commands.registerCommand('annalist.reloadDatasets', async () => {
      await datasets.load();
      diagnostics.refreshAll();
    }),
    vscode.commands.registerCommand('annalist.showOutput', () => log.show()),
    vscode.commands.registerCommand('annalist.showMenu', async () => {
      const items = [
        { label: '$(search) Look Up in Dataset…', command: 'annalist.lookup' },
        { label: '$(refresh) Reload Datasets and Bibliographies', command: 'annalist.reloadDatasets' },
        { label: '$(output) Show Output', command: 'annalist.showOutput' },
        { label: '$(settings-gear) Settings', command: 'workbench.action.openSettings', args: ['@ext:annalist.annalist'] },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'Annalist' });
      if (pick) await vscode.commands.executeCommand(pick.command, ...(pick.args ?? []));
    }),
  ];
}
