/** Converters between the core's plain data and VS Code's classes. No logic beyond the mapping. */
import * as vscode from 'vscode';
import type { AnnalistDiagnostic, Range, Severity, TextDocumentLike } from '../core/types';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromRange(r: vscode.Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A vscode.Diagnostic that remembers the core diagnostic it came from (for quick fixes). */
export class AnnalistVsDiagnostic extends vscode.Diagnostic {
  constructor(readonly core: AnnalistDiagnostic, uriOf: (s: string) => vscode.Uri) {
    super(toRange(core.range), core.message, SEVERITY[core.severity]);
    this.source = core.source;
    this.code = core.code;
    if (core.related?.length) {
      this.relatedInformation = core.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.uri), toRange(r.range)), r.message),
      );
    }
  }
}

/** The core's document contract over an editor document. */
export function asCoreDocument(doc: Pick<vscode.TextDocument, 'uri' | 'languageId' | 'version' | 'getText'>): TextDocumentLike {
  return { uri: doc.uri.toString(), languageId: doc.languageId, version: doc.version, getText: () => doc.getText() };
}

/** Markdown for hovers and completion documentation: never trusted, no HTML, no command links. */
export function untrustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
