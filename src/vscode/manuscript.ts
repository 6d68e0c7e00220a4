/**
 * "Check Manuscript": every Markdown and LaTeX file of the workspace, checked by the same engine as an open
 * document, with a cancellable progress notification, the results in the Problems panel and a one-line summary.
 * Files not open in the editor are read from disk (they are not opened as documents, so nothing else reacts to
 * them); their problems go to a collection of their own, handed over to the live checks when a file is opened.
 */
import * as vscode from 'vscode';
import { DEFAULT_MANUSCRIPT_INCLUDE, globMatcher, languageOfPath, summarizeManuscript, type ManuscriptFileResult } from '../core/manuscript';
import type { AnnalistDiagnostic } from '../core/types';
import type { Engine, EngineDocument } from './engine';
import type { DiagnosticsController } from './diagnostics';
import type { DatasetService } from './datasets';
import type { Log } from './log';
import { AnnalistVsDiagnostic } from './convert';
import { isServed, readSettings } from './config';

/** The most files one run looks at. */
const MAX_FILES = 20_000;

/** Versions of documents read from disk: negative, and new for every read, so no cached analysis is reused. */
let diskVersion = -1;

function stringList(value: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim().length > 0) : [...fallback];
}

/** The manuscript's files: the include globs (with `files.exclude` applied by VS Code), less the exclude globs. */
export async function findManuscriptFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const c = vscode.workspace.getConfiguration('annalist.manuscript');
  const include = stringList(c.get('include'), DEFAULT_MANUSCRIPT_INCLUDE);
  const excluded = globMatcher(stringList(c.get('exclude'), []));
  const found = new Map<string, vscode.Uri>();
  for (const glob of include) {
    // `undefined` as exclude: VS Code applies `files.exclude`.
    for (const uri of await vscode.workspace.findFiles(glob, undefined, MAX_FILES, token)) {
      if (token?.isCancellationRequested) return [];
      if (!excluded(vscode.workspace.asRelativePath(uri, false))) found.set(uri.toString(), uri);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file on disk in the shape the engine reads (uri, language, version, text). */
async function diskDocument(uri: vscode.Uri): Promise<EngineDocument> {
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  return { uri, languageId: languageOfPath(uri.path), version: diskVersion--, getText: () => text };
}

export class ManuscriptChecker implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('annalist-manuscript');
  private readonly subscriptions: vscode.Disposable[] = [];
  private running = false;

  constructor(private readonly engine: Engine, private readonly diagnostics: DiagnosticsController, private readonly log: Log) {
    // An opened file is checked live: its manuscript results would be shown twice.
    this.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)));
  }

  dispose(): void {
    this.collection.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  /** Checks the whole manuscript; resolves with the summary text (undefined when there was nothing to do). */
  async run(): Promise<string | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage('Annalist is already checking the manuscript.');
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Open a folder to check a manuscript: Annalist checks every Markdown and LaTeX file in it.');
      return undefined;
    }
    this.running = true;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Annalist: checking the manuscript', cancellable: true },
        (progress, token) => this.checkAll(progress, token),
      );
    } finally {
      this.running = false;
    }
  }

  private async checkAll(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<string | undefined> {
    progress.report({ message: 'finding files…' });
    const files = await findManuscriptFiles(token);
    if (token.isCancellationRequested) return undefined;
    if (files.length === 0) {
      void vscode.window.showInformationMessage('Annalist found no Markdown or LaTeX files to check (settings annalist.manuscript.include and annalist.manuscript.exclude).');
      return undefined;
    }
    this.collection.clear();
    const results: ManuscriptFileResult[] = [];
    const skipped: string[] = [];
    const step = 100 / files.length;
    for (let k = 0; k < files.length; k++) {
      if (token.isCancellationRequested) break;
      const uri = files[k];
      const name = vscode.workspace.asRelativePath(uri, false);
      progress.report({ message: `${k + 1}/${files.length}: ${name}`, increment: step });
      try {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const doc = open && isServed(open) ? open : await diskDocument(uri);
        const limit = readSettings(uri).maxDocumentSize;
        if (limit > 0 && doc.getText().length > limit) {
          skipped.push(name);
          continue;
        }
        const found: AnnalistDiagnostic[] = await this.engine.check(doc, token);
        if (token.isCancellationRequested) break;
        results.push({ file: uri.toString(), diagnostics: found });
        // An open document shows its live diagnostics already.
        if (!open) this.collection.set(uri, found.map((d) => new AnnalistVsDiagnostic(d, (s) => vscode.Uri.parse(s))));
        else this.diagnostics.request(open, 0);
      } catch (err) {
        skipped.push(name);
        this.log.error(`checking ${name} failed`, err);
      }
    }
    const summary = summarizeManuscript(results, { planned: files.length - skipped.length });
    let text = summary.text;
    if (skipped.length) text += `; ${skipped.length} ${skipped.length === 1 ? 'file' : 'files'} not checked (too large or unreadable: see the output)`;
    if (token.isCancellationRequested) text = `Stopped: ${text}`;
    for (const s of skipped) this.log.info(`manuscript: not checked: ${s}`);
    this.log.info(`manuscript: ${text}`);
    void vscode.window.showInformationMessage(`Annalist: ${text}.`, ...(summary.problems > 0 ? ['Show Problems'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return text;
  }
}

/** The command, and the checker that owns the manuscript's diagnostics. */
export function registerManuscript(engine: Engine, diagnostics: DiagnosticsController, log: Log): vscode.Disposable[] {
  const checker = new ManuscriptChecker(engine, diagnostics, log);
  return [checker, vscode.commands.registerCommand('annalist.checkManuscript', () => checker.run())];
}

// ---------------------------------------------------------------------------------------------------------------
// The example manuscript of the walkthrough

/** Context keys the walkthrough's steps complete on (`completionEvents: onContext:…`). */
export const WALKTHROUGH_CONTEXT = {
  fixedMisdated: 'annalist.walkthrough.fixedMisdated',
  cited: 'annalist.walkthrough.cited',
  hasUserDataset: 'annalist.walkthrough.hasUserDataset',
} as const;

const EXAMPLE_FILES = ['essay.md', 'library.bib'];

/** Citation keys written as Pandoc or LaTeX citations: `@key` after a bracket, a semicolon or a space. */
function citationCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    const before = i > 0 ? text[i - 1] : ' ';
    if (/[A-Za-z0-9_]/.test(text[i + 1] ?? '') && /[[\s;-]/.test(before)) n++;
  }
  return n;
}

/**
 * `annalist.openExample`: copies the shipped example essay and its bibliography to the extension's storage (a
 * fresh copy each time, so the writer may edit it freely) and opens it; watches it to complete the walkthrough.
 */
export function registerExample(context: vscode.ExtensionContext, datasets: DatasetService, diagnostics: DiagnosticsController, log: Log): vscode.Disposable[] {
  let example: { uri: vscode.Uri; citations: number; sawMisdated: boolean } | undefined;
  const set = (key: string) => void vscode.commands.executeCommand('setContext', key, true);
  const userDatasets = () => {
    if (datasets.index.datasets.some((d) => !d.shipped)) set(WALKTHROUGH_CONTEXT.hasUserDataset);
  };
  userDatasets();
  return [
    vscode.commands.registerCommand('annalist.openExample', async () => {
      try {
        const dir = vscode.Uri.joinPath(context.globalStorageUri, 'example');
        await vscode.workspace.fs.createDirectory(dir);
        for (const f of EXAMPLE_FILES) {
          await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'examples', f), vscode.Uri.joinPath(dir, f), { overwrite: true });
        }
        const uri = vscode.Uri.joinPath(dir, 'essay.md');
        const doc = await vscode.workspace.openTextDocument(uri);
        example = { uri, citations: citationCount(doc.getText()), sawMisdated: false };
        await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      } catch (err) {
        log.error('opening the example essay failed', err);
        void vscode.window.showErrorMessage('Annalist could not open the example essay; see the output (Annalist: Show Output).');
      }
    }),
    diagnostics.onDidUpdate((uri) => {
      if (!example || uri.toString() !== example.uri.toString()) return;
      const found = diagnostics.diagnosticsOf(uri);
      const misdated = found.some((d) => d.code === 'misdated-event');
      if (misdated) example.sawMisdated = true;
      else if (example.sawMisdated) set(WALKTHROUGH_CONTEXT.fixedMisdated);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc && citationCount(doc.getText()) > example.citations && !found.some((d) => d.code === 'unknown-citation-key')) set(WALKTHROUGH_CONTEXT.cited);
    }),
    datasets.onDidChange(() => userDatasets()),
  ];
}
