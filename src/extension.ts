/**
 * Wiring only: build the services, register the providers and commands, hand every disposable to its owner.
 * Nothing heavy happens at import time; the datasets load once a served document is open.
 */
import * as vscode from 'vscode';
import { Log } from './vscode/log';
import { readSettings, isServed } from './vscode/config';
import { DatasetService } from './vscode/datasets';
import { BibliographyService } from './vscode/bibliographies';
import { DiagnosticsController } from './vscode/diagnostics';
import { Engine } from './vscode/engine';
import { CitationCompletionProvider, COMPLETION_TRIGGERS, DefinitionProvider, HoverProvider, QuickFixProvider, SELECTOR } from './vscode/providers';
import { StatusItem } from './vscode/status';
import { registerCommands } from './vscode/commands';
import { registerTimeline } from './vscode/timeline';
import { registerNewDatasetCommand } from './vscode/new-dataset';
import { ReferenceStyles, registerReferenceCommands } from './vscode/references';
import { registerExample, registerManuscript } from './vscode/manuscript';
import { disposeBibliographyPool } from './node/bibliography-pool';

/** What the extension exposes to other extensions and to its integration tests. */
export interface AnnalistApi {
  /** Resolves when the datasets have loaded. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): AnnalistApi {
  const log = new Log();
  context.subscriptions.push(log);
  log.setLevel(readSettings().logLevel);

  const datasets = new DatasetService(context.extensionUri, log);
  const bibliographies = new BibliographyService(log, context.asAbsolutePath('dist/bibliography.worker.js'), () => datasets.index);
  const citeprocPath = context.asAbsolutePath('dist/citeproc.js');
  const referenceStyles = new ReferenceStyles(citeprocPath, log);
  const engine = new Engine(datasets, bibliographies, referenceStyles);
  const diagnostics = new DiagnosticsController((doc, token) => engine.check(doc, token), log);
  context.subscriptions.push(datasets, bibliographies, diagnostics, { dispose: disposeBibliographyPool });

  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, new HoverProvider(engine, log)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new DefinitionProvider(engine, log)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new CitationCompletionProvider(engine, log), ...COMPLETION_TRIGGERS),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new QuickFixProvider(diagnostics, log), QuickFixProvider.metadata),
    new StatusItem(datasets, diagnostics),
    ...registerCommands(datasets, diagnostics, log),
    ...registerTimeline(context, engine, datasets, diagnostics, log),
    ...registerManuscript(engine, diagnostics, log),
    ...registerExample(context, datasets, diagnostics, log),
    registerNewDatasetCommand({ reload: () => datasets.load(), log }),
    ...registerReferenceCommands({ bibliographies, log, citeprocPath }, referenceStyles),
  );

  context.subscriptions.push(
    datasets.onDidChange(() => {
      bibliographies.invalidateLibraries();
      engine.session.clear();
      diagnostics.refreshAll();
    }),
    bibliographies.onDidChange(() => diagnostics.refreshAll()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('annalist')) return;
      log.setLevel(readSettings().logLevel);
      if (e.affectsConfiguration('annalist.dataset')) void datasets.load();
      else if (e.affectsConfiguration('annalist.citations')) {
        bibliographies.invalidateLibraries();
        diagnostics.refreshAll();
      } else diagnostics.refreshAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void datasets.load()),
  );

  const ready = datasets.load().then(() => {
    for (const doc of vscode.workspace.textDocuments) if (isServed(doc)) diagnostics.request(doc, 0);
  }, (err) => log.error('loading the datasets failed', err));
  log.info(`Annalist activated (VS Code ${vscode.version})`);
  return { ready };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
