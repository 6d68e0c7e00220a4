// Helpers for the integration suites: they run inside a real VS Code extension host.
// Every wait is on an event or a poll with a deadline, never a fixed sleep; a timeout says what it saw last.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'annalist.annalist';

/** Default deadline for anything the extension computes after a change (its own delay is 250 ms). */
export const DEADLINE_MS = 15_000;

/** The opened workspace folder (a scratch copy of test/fixtures/workspace). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration suite needs the fixture workspace opened as a folder');
  return folder.uri.fsPath;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), name));
}

/** Opens a fixture file in an editor and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Resolves when `check` returns a value other than undefined/false; rejects at the deadline with `describe()`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = DEADLINE_MS,
  describe?: () => string | Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let interval = 20;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 2, 250);
  }
  const seen = describe ? await describe() : '';
  const err = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${err}${seen ? `\n  last seen: ${seen}` : ''}`);
}

/** A diagnostic's code as a string (`code` may be a string, a number or { value, target }). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(no diagnostics)';
  return ds
    .map((d) => `[${codeOf(d) ?? '-'}] ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.source ?? ''}: ${d.message}`)
    .join('\n    ');
}

/**
 * Waits until the diagnostics of `uri` satisfy `predicate`, listening to `languages.onDidChangeDiagnostics`
 * (and checking the current state first). Resolves with the diagnostics; rejects at the deadline listing them.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = DEADLINE_MS,
  what = 'the expected diagnostics',
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const test = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      let ok = false;
      try {
        ok = predicate(ds);
      } catch (e) {
        finish(() => reject(e));
        return;
      }
      if (ok) finish(() => resolve(ds));
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) test();
    });
    const timer = setTimeout(() => {
      finish(() => reject(new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what} on ${path.basename(uri.fsPath)}\n    now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
      )));
    }, timeoutMs);
    test();
  });
}

/** Diagnostics of ours with the given code. */
export function withCode(ds: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d) === code);
}

/** The 0-based position of the `occurrence`-th `needle` in the document (+ `delta` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, occurrence = 1): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
  }
  return doc.positionAt(at + delta);
}

export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(doc, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

/** The plain text of hover results (Markdown strings and marked strings). */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else if (c && typeof c === 'object' && 'value' in c) parts.push(String((c as { value: unknown }).value));
    }
  }
  return parts.join('\n---\n');
}

export async function hoversAt(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function completionsAt(uri: vscode.Uri, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger);
  return list?.items ?? [];
}

/** Types `text` at `pos` in the document's editor, as a user would (one edit, undoable). */
export async function typeAt(doc: vscode.TextDocument, pos: vscode.Position, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const ok = await editor.edit((b) => b.insert(pos, text));
  assert.ok(ok, `could not insert ${JSON.stringify(text)}`);
}

/** Throws away unsaved changes of `doc` and closes its editor (no save prompt). */
export async function discard(doc: vscode.TextDocument): Promise<void> {
  if (doc.isClosed) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/** Sets an Annalist setting in the user settings for the duration of `body`, then restores it. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('annalist');
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('annalist').update(key, before, vscode.ConfigurationTarget.Global);
  }
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repository root?)`);
  return ext;
}

/** Waits until Annalist is active (activation is triggered by opening a document, never forced here). */
export async function waitForActivation(timeoutMs = DEADLINE_MS): Promise<void> {
  const ext = extension();
  await waitFor(`${EXTENSION_ID} to become active`, () => ext.isActive, timeoutMs);
}
