/** The status bar item: which datasets and bibliographies are active, and the problems of this document. */
import * as vscode from 'vscode';
import { Owner } from './dispose';
import type { DatasetService } from './datasets';
import type { DiagnosticsController } from './diagnostics';
import { isServed } from './config';

export class StatusItem extends Owner {
  private readonly item = this.own(vscode.window.createStatusBarItem('annalist.status', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly datasets: DatasetService, private readonly diagnostics: DiagnosticsController) {
    super();
    this.item.name = 'Annalist';
    this.item.command = 'annalist.showMenu';
    this.own(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.own(datasets.onDidChange(() => this.update()));
    this.own(diagnostics.onDidUpdate(() => this.update()));
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isServed(editor.document)) {
      this.item.hide();
      return;
    }
    const index = this.datasets.index;
    const problems = this.diagnostics.diagnosticsOf(editor.document.uri).length;
    this.item.text = `$(history) Annalist${problems ? ` $(warning) ${problems}` : ''}`;
    const lines = index.datasets.map((d) => `- ${d.title}: ${d.counts.events} events, ${d.counts.people} people, ${d.counts.places} places, ${d.counts.sources} sources`);
    const tip = new vscode.MarkdownString(`**Annalist**\n\nDatasets:\n${lines.join('\n') || '- none'}\n\nProblems in this document: ${problems}\n\nBibliographies: see **Annalist** in the Output panel.`);
    tip.isTrusted = false;
    this.item.tooltip = tip;
    this.item.show();
  }
}
