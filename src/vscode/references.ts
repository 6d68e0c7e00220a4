/**
 * References in a citation style inside the editor: the style each document uses (front matter `csl:` > setting
 * `annalist.citations.style` > Chicago notes and bibliography), and the commands "Copy Reference As…" and
 * "Insert Bibliography". The citation engine (`dist/citeproc.js`) is loaded the first time a reference is
 * formatted, never at activation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  SHIPPED_STYLES, bibliographyEdit, formatBibliography, styleRequestFor, type CslFormatter,
} from '../core/cite/format';
import { citationRefAt, formatReference } from '../core/cite/hover';
import type { Library, LibraryEntry } from '../core/cite/library';
import { summarize } from '../core/cite/library';
import { findCitations } from '../core/cite/syntax';
import { readFrontMatter } from '../core/text/frontmatter';
import { CslStyles, loadCiteprocBundle, type ResolvedStyle } from '../node/csl-files';
import type { BibliographyService } from './bibliographies';
import { readSettings } from './config';
import type { Log } from './log';

/** What the reference commands need from the extension. */
export interface ReferenceCommandDeps {
  bibliographies: BibliographyService;
  log: Log;
  /** Absolute path of `dist/citeproc.js` (`context.asAbsolutePath('dist/citeproc.js')`). */
  citeprocPath: string;
}

/**
 * The formatter of each document's style, made on first use. `styleFor` is what the engine passes to the core
 * session as `referenceStyle`, so hovers and completion show references in the document's style.
 */
export class ReferenceStyles {
  private readonly styles: CslStyles;
  private readonly reported = new Set<string>();

  constructor(citeprocPath: string, private readonly log: Log) {
    this.styles = new CslStyles(() => loadCiteprocBundle([citeprocPath]));
  }

  /** The style of a document, or undefined (the neutral summary) when the engine cannot be loaded. */
  resolve(doc: Pick<vscode.TextDocument, 'uri' | 'getText' | 'languageId'>, frontMatter?: unknown): ResolvedStyle | undefined {
    const fm = frontMatter === undefined ? readFrontMatter(doc.getText(), doc.languageId) : frontMatter;
    const request = styleRequestFor(fm, readSettings(doc.uri).citationStyle);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const lookup = {
      documentDir: doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : undefined,
      workspaceDir: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    };
    // A style file is code-like input: in Restricted Mode only the shipped styles are used.
    const trustedRequest = vscode.workspace.isTrusted || SHIPPED_STYLES.some((s) => s.id === request.name) ? request : { name: 'chicago-note-bibliography', from: 'default' as const };
    try {
      const resolved = this.styles.resolve(trustedRequest, lookup);
      if (resolved.problem) this.reportOnce(`${doc.uri.toString()}:${resolved.problem}`, resolved.problem);
      return resolved;
    } catch (err) {
      this.reportOnce('engine', `citation styles are unavailable (${err instanceof Error ? err.message : String(err)}); references are shown as summaries`);
      return undefined;
    }
  }

  /** The formatter for a document, for `DocumentContext.referenceStyle` (undefined: the summary). */
  styleFor(doc: Pick<vscode.TextDocument, 'uri' | 'getText' | 'languageId'>, frontMatter?: unknown): CslFormatter | undefined {
    return this.resolve(doc, frontMatter)?.formatter;
  }

  /** A shipped style's formatter, or undefined when the engine cannot be loaded. */
  shipped(id: string): CslFormatter | undefined {
    try {
      return this.styles.shippedFormatter(id);
    } catch (err) {
      this.reportOnce('engine', `citation styles are unavailable (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
  }

  private reportOnce(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.warn(message);
  }
}

interface StylePick extends vscode.QuickPickItem {
  run: () => string;
}

async function libraryOf(deps: ReferenceCommandDeps, doc: vscode.TextDocument): Promise<Library> {
  return (await deps.bibliographies.libraryFor(doc, readFrontMatter(doc.getText(), doc.languageId))).library;
}

/** The entry cited under the cursor, or one the writer picks from the document's library. */
async function entryAtCursorOrPicked(editor: vscode.TextEditor, library: Library): Promise<LibraryEntry | undefined> {
  const doc = editor.document;
  const ref = citationRefAt(doc.getText(), doc.languageId, doc.offsetAt(editor.selection.active));
  const cited = ref ? library.get(ref.key) : undefined;
  if (cited) return cited;
  const entries = library.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Annalist: no bibliography is in use for this document (name one in the front matter or in the setting annalist.citations.bibliographies).');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => {
      const s = summarize(e);
      return { label: e.key, description: s.detail, entry: e };
    }),
    { title: 'Annalist: Copy Reference As…', placeHolder: 'The source to copy', matchOnDescription: true },
  );
  return pick?.entry;
}

/** Registers "Annalist: Copy Reference As…" and "Annalist: Insert Bibliography". */
export function registerReferenceCommands(deps: ReferenceCommandDeps, styles: ReferenceStyles = new ReferenceStyles(deps.citeprocPath, deps.log)): vscode.Disposable[] {
  const copyReferenceAs = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const library = await libraryOf(deps, editor.document);
    const entry = await entryAtCursorOrPicked(editor, library);
    if (!entry) return;
    const markdown = editor.document.languageId !== 'latex' && editor.document.languageId !== 'plaintext';
    const picks: StylePick[] = [];
    const docStyle = styles.resolve(editor.document);
    for (const s of SHIPPED_STYLES) {
      const f = styles.shipped(s.id);
      if (!f) continue;
      const form = f.styleClass === 'note' ? 'note' : 'in-text citation';
      picks.push({ label: s.title, description: 'bibliography entry', run: () => (markdown ? f.reference(entry) : f.bibliography([entry])[0]?.text ?? '') });
      picks.push({ label: s.title, description: form, run: () => f.citation(entry, undefined, markdown ? 'markdown' : 'text') });
    }
    if (docStyle && !SHIPPED_STYLES.some((s) => s.id === docStyle.name)) {
      const f = docStyle.formatter;
      picks.unshift({ label: f.title ?? path.basename(docStyle.name), description: "the document's style: bibliography entry", run: () => (markdown ? f.reference(entry) : f.bibliography([entry])[0]?.text ?? '') });
    }
    picks.push({ label: 'Summary', description: 'the neutral summary Annalist shows without a style', run: () => formatReference(entry) });
    for (const p of picks) {
      try {
        p.detail = p.run();
      } catch (err) {
        p.detail = `(cannot be formatted: ${err instanceof Error ? err.message : String(err)})`;
      }
    }
    const pick = await vscode.window.showQuickPick(picks, { title: `Annalist: Copy ${entry.key} As…`, matchOnDescription: true, matchOnDetail: true });
    if (!pick || !pick.detail || pick.detail.startsWith('(cannot')) return;
    await vscode.env.clipboard.writeText(pick.detail);
    vscode.window.setStatusBarMessage(`Annalist: copied ${entry.key} (${pick.label}, ${pick.description})`, 4000);
  };

  const insertBibliography = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const doc = editor.document;
    const version = doc.version;
    const text = doc.getText();
    const library = await libraryOf(deps, doc);
    const keys = findCitations(text, doc.languageId).map((c) => c.key);
    if (keys.length === 0) {
      void vscode.window.showInformationMessage('Annalist: this document cites no source yet.');
      return;
    }
    const resolved = styles.resolve(doc);
    const references = formatBibliography(keys, library, resolved?.formatter ?? 'summary', (e) => formatReference(e));
    const unknown = [...new Set(keys.filter((k) => !library.has(k)))];
    const edit = bibliographyEdit(text, references.map((r) => r.markdown), doc.offsetAt(editor.selection.active));
    if (doc.version !== version) {
      void vscode.window.showInformationMessage('Annalist: the document changed while the bibliography was being made; run Insert Bibliography again.');
      return;
    }
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.newText));
    if (resolved?.problem) void vscode.window.showWarningMessage(`Annalist: ${resolved.problem}`);
    if (unknown.length) void vscode.window.showWarningMessage(`Annalist: no bibliography entry for ${unknown.slice(0, 5).map((k) => `@${k}`).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; left out.`);
  };

  const guarded = (name: string, fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (err) {
      deps.log.error(`${name} failed`, err);
      void vscode.window.showErrorMessage(`Annalist: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return [
    vscode.commands.registerCommand('annalist.copyReferenceAs', guarded('Copy Reference As', copyReferenceAs)),
    vscode.commands.registerCommand('annalist.insertBibliography', guarded('Insert Bibliography', insertBibliography)),
  ];
}
