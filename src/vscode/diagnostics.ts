/**
 * Diagnostics for open documents: scheduled per document after each edit (the policy is the core's
 * DocumentScheduler), computed by the core's checks, shown through one collection, cleared on close.
 */
import * as vscode from 'vscode';
import { DocumentScheduler } from '../core/schedule';
import type { AnnalistDiagnostic } from '../core/types';
import { Owner } from './dispose';
import { AnnalistVsDiagnostic } from './convert';
import { isServed, readSettings } from './config';
import type { Log } from './log';

/** Computes the diagnostics of a document (the core behind it), or undefined to leave them as they are. */
export type ComputeDiagnostics = (doc: vscode.TextDocument, token: vscode.CancellationToken | { isCancellationRequested: boolean }) => Promise<AnnalistDiagnostic[]>;

export class DiagnosticsController extends Owner {
  private readonly collection = this.own(vscode.languages.createDiagnosticCollection('annalist'));
  private readonly latest = new Map<string, AnnalistDiagnostic[]>();
  private readonly scheduler: DocumentScheduler<AnnalistDiagnostic[]>;
  private readonly changed = this.own(new vscode.EventEmitter<vscode.Uri>());
  private readonly noticed = new Set<string>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidUpdate = this.changed.event;

  constructor(private readonly compute: ComputeDiagnostics, private readonly log: Log) {
    super();
    this.scheduler = new DocumentScheduler<AnnalistDiagnostic[]>(
      { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
      (key, token) => {
        const doc = this.document(key);
        if (!doc) return [];
        const limit = readSettings(doc.uri).maxDocumentSize;
        if (limit > 0 && doc.getText().length > limit) {
          this.noticeTooLarge(doc, limit);
          return [];
        }
        return this.compute(doc, token);
      },
      (key) => this.document(key)?.version,
      (key, _version, result) => this.show(key, result),
      (key, err) => this.log.errorOnce(`diagnostics:${String(err)}`, `checking ${key} failed`, err),
    );
    this.own({ dispose: () => this.scheduler.dispose() });
    this.own(vscode.workspace.onDidOpenTextDocument((d) => this.request(d, 0)));
    this.own(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.request(e.document); }));
    this.own(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
  }

  /** The core diagnostics last shown for a document (quick fixes are built from them). */
  diagnosticsOf(uri: vscode.Uri): readonly AnnalistDiagnostic[] {
    return this.latest.get(uri.toString()) ?? [];
  }

  /** Schedules a check of one document. */
  request(doc: vscode.TextDocument, delay?: number): void {
    if (!isServed(doc)) return;
    this.scheduler.schedule(doc.uri.toString(), doc.version, delay ?? readSettings(doc.uri).delayMs);
  }

  /** Re-checks every open document (after the datasets, bibliographies or settings changed). */
  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.request(doc, 0);
  }

  private document(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private show(key: string, result: AnnalistDiagnostic[]): void {
    const uri = vscode.Uri.parse(key);
    this.latest.set(key, result);
    this.collection.set(uri, result.map((d) => new AnnalistVsDiagnostic(d, (s) => vscode.Uri.parse(s))));
    this.changed.fire(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.scheduler.cancel(key);
    this.latest.delete(key);
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  private noticeTooLarge(doc: vscode.TextDocument, limit: number): void {
    const key = doc.uri.toString();
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    void vscode.window.showInformationMessage(
      `Annalist does not check ${vscode.workspace.asRelativePath(doc.uri)} while you type: it is longer than ${limit.toLocaleString('en')} characters (setting annalist.diagnostics.maxDocumentSize).`,
      'Open Setting',
    ).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'annalist.diagnostics.maxDocumentSize');
    });
  }
}
