/**
 * Hover, completion, quick fixes and Go to Definition: each asks the core and converts its plain answer.
 * An exception stays here: it is logged once and the provider answers nothing, so the other features go on.
 */
import * as vscode from 'vscode';
import type { AnnalistDiagnostic } from '../core/types';
import type { Engine } from './engine';
import { toRange, untrustedMarkdown } from './convert';
import { LANGUAGES, readSettings } from './config';
import type { Log } from './log';
import type { DiagnosticsController } from './diagnostics';

export const SELECTOR: vscode.DocumentSelector = LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
  { language, scheme: 'vscode-vfs' },
]);

function guard<T>(log: Log, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    log.errorOnce(`${what}:${String(err)}`, `${what} failed`, err);
    return undefined;
  }
}

async function guardAsync<T>(log: Log, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    log.errorOnce(`${what}:${String(err)}`, `${what} failed`, err);
    return undefined;
  }
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly engine: Engine, private readonly log: Log) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    return guardAsync(this.log, 'hover', async () => {
      const result = await this.engine.hover(doc, doc.offsetAt(position), readSettings(doc.uri).hover);
      if (!result) return undefined;
      // Completes the walkthrough's "Hover a name" step.
      void vscode.commands.executeCommand('setContext', 'annalist.walkthrough.hovered', true);
      return new vscode.Hover(untrustedMarkdown(result.markdown), new vscode.Range(doc.positionAt(result.start), doc.positionAt(result.end)));
    });
  }
}

export class DefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly engine: Engine, private readonly log: Log) {}

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    return guardAsync(this.log, 'definition', async () => {
      const targets = await this.engine.definition(doc, doc.offsetAt(position));
      return targets.map((t) => new vscode.Location(vscode.Uri.parse(t.uri), toRange(t.range)));
    });
  }
}

/** Characters after which citation keys are offered without changing `editor.quickSuggestions`. */
export const COMPLETION_TRIGGERS = ['@', '{', ','];

export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly engine: Engine, private readonly log: Log) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    return guardAsync(this.log, 'completion', async () => {
      const result = await this.engine.complete(doc, doc.offsetAt(position), readSettings(doc.uri).maxCompletionItems);
      if (!result) return undefined;
      const range = new vscode.Range(doc.positionAt(result.replaceStart), doc.positionAt(result.replaceEnd));
      const items = result.items.map((i) => {
        const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, vscode.CompletionItemKind.Reference);
        item.detail = i.detail;
        item.documentation = untrustedMarkdown(i.documentation);
        item.insertText = i.insertText;
        item.filterText = i.filterText;
        item.sortText = i.sortText;
        item.range = range;
        return item;
      });
      return new vscode.CompletionList(items, result.isIncomplete);
    });
  }
}

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: DiagnosticsController, private readonly log: Log) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return guard(this.log, 'quick fixes', () => {
      const actions: vscode.CodeAction[] = [];
      const ours = this.diagnostics.diagnosticsOf(doc.uri);
      for (const shown of context.diagnostics) {
        if (shown.source !== 'Annalist') continue;
        const core = ours.find((d) => sameDiagnostic(d, shown));
        if (!core?.fixes) continue;
        for (const fix of core.fixes) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [shown];
          action.isPreferred = fix.preferred;
          const edit = new vscode.WorkspaceEdit();
          for (const e of fix.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
          action.edit = edit;
          actions.push(action);
        }
      }
      void range;
      return actions;
    }) ?? [];
  }
}

function sameDiagnostic(core: AnnalistDiagnostic, shown: vscode.Diagnostic): boolean {
  const code = typeof shown.code === 'object' ? shown.code.value : shown.code;
  return code === core.code && shown.message === core.message &&
    shown.range.start.line === core.range.start.line && shown.range.start.character === core.range.start.character &&
    shown.range.end.line === core.range.end.line && shown.range.end.character === core.range.end.character;
}
