/**
 * The writer's bibliographies per document: files named in settings and in the document's front matter
 * (relative to the document), inline `references:`, and the datasets' sources. Files are parsed once, off the
 * extension host's main thread when large, re-read (debounced) when they change, and their own problems are
 * shown in them.
 */
import * as vscode from 'vscode';
import { Library, type ParsedBibliography } from '../core/cite/library';
import { bibliographyPathsFromFrontMatter, sourcesToEntries } from '../core/cite/bibliography';
import { referencesFromFrontMatter } from '../core/cite/csl';
import type { DatasetIndex } from '../core/dataset/index';
import { parseBibliographyOffThread } from '../node/bibliography-pool';
import { Owner } from './dispose';
import { toRange } from './convert';
import type { Log } from './log';
import { readSettings } from './config';

interface CachedFile {
  parsed: Promise<ParsedBibliography>;
  watcher: vscode.Disposable;
}

export interface DocumentLibrary {
  library: Library;
  /** Bibliography files in use, for "why no suggestions?". */
  files: { uri: string; count: number; problems: number }[];
  /** True when the document or the settings name any bibliography. */
  configured: boolean;
}

export class BibliographyService extends Owner {
  private readonly files = new Map<string, CachedFile>();
  private readonly libraries = new Map<string, Promise<DocumentLibrary>>();
  private readonly problems = this.own(vscode.languages.createDiagnosticCollection('annalist-bibliographies'));
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastLogged = new Map<string, string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log, private readonly workerPath: string, private readonly indexOf: () => DatasetIndex) {
    super();
    this.own({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); for (const f of this.files.values()) f.watcher.dispose(); } });
  }

  /** The datasets changed: libraries include their sources, so rebuild them. */
  invalidateLibraries(): void {
    this.libraries.clear();
  }

  /** The library for a document whose front matter is `frontMatter`. */
  libraryFor(doc: Pick<vscode.TextDocument, 'uri'>, frontMatter: unknown): Promise<DocumentLibrary> {
    const settings = readSettings(doc.uri);
    const base = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const dir = vscode.Uri.joinPath(doc.uri, '..');
    const uris = [
      ...settings.bibliographies.map((p) => resolve(p, base ?? dir)),
      ...bibliographyPathsFromFrontMatter(frontMatter).map((p) => resolve(p, dir)),
    ];
    const unique = [...new Map(uris.map((u) => [u.toString(), u])).values()];
    const inline = referencesFromFrontMatter(frontMatter, doc.uri.toString());
    const key = unique.map((u) => u.toString()).join('\n') + (inline.entries.length ? `\n#inline:${doc.uri.toString()}:${JSON.stringify(inline.entries.map((e) => e.key))}` : '');
    let lib = this.libraries.get(key);
    if (!lib) {
      lib = this.build(unique, inline, key);
      this.libraries.set(key, lib);
    }
    return lib;
  }

  private async build(uris: vscode.Uri[], inline: ParsedBibliography, key: string): Promise<DocumentLibrary> {
    const library = new Library();
    const files: DocumentLibrary['files'] = [];
    for (const uri of uris) {
      const parsed = await this.file(uri).parsed;
      library.add(parsed.entries, parsed.problems);
      files.push({ uri: uri.toString(), count: parsed.entries.length, problems: parsed.problems.length });
    }
    library.add(inline.entries, inline.problems);
    // Dataset sources last, and only for keys the writer has not defined: citing a book the dataset also lists
    // is normal, not a duplicate.
    const index = this.indexOf();
    for (const d of index.datasets) {
      library.add(sourcesToEntries(index.sources.filter((s) => s.uri === d.uri && !library.has(s.id)), d.uri, (id) => index.location(id)?.range));
    }
    const summary = files.map((f) => `${f.uri} (${f.count} entries${f.problems ? `, ${f.problems} problems` : ''})`).join('; ');
    const line = `bibliographies in use: ${summary || 'none named'}; ${library.size} citable entries with the datasets' sources`;
    if (this.lastLogged.get(key) !== line) {
      this.lastLogged.set(key, line);
      this.log.info(line);
    }
    return { library, files, configured: uris.length > 0 || inline.entries.length > 0 };
  }

  private file(uri: vscode.Uri): CachedFile {
    const k = uri.toString();
    let f = this.files.get(k);
    if (!f) {
      const watcher = this.watch(uri);
      f = { parsed: this.read(uri), watcher };
      this.files.set(k, f);
    }
    return f;
  }

  private async read(uri: vscode.Uri): Promise<ParsedBibliography> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      this.log.warn(`cannot read bibliography ${uri.toString()}: ${String(err)}`);
      const problem = { uri: uri.toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' as const, code: 'bib-syntax' as const, message: `Cannot read this bibliography: ${String(err)}` };
      return { entries: [], problems: [problem] };
    }
    const started = Date.now();
    const parsed = await parseBibliographyOffThread(text, uri.toString(), { workerPath: this.workerPath });
    this.log.debug(`parsed ${uri.toString()}: ${parsed.entries.length} entries, ${parsed.problems.length} problems, ${Date.now() - started} ms`);
    this.showProblems(uri, parsed);
    return parsed;
  }

  private showProblems(uri: vscode.Uri, parsed: ParsedBibliography): void {
    this.problems.set(uri, parsed.problems.map((p) => {
      const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Annalist';
      d.code = p.code;
      return d;
    }));
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    if (uri.scheme !== 'file') return { dispose: () => undefined };
    const dir = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, name));
    // Reference managers write exports in several steps: wait for them to settle.
    const reload = () => {
      clearTimeout(this.timers.get(uri.toString()));
      this.timers.set(uri.toString(), setTimeout(() => {
        const f = this.files.get(uri.toString());
        if (!f) return;
        f.parsed = this.read(uri);
        this.libraries.clear();
        this.changed.fire();
      }, 500));
    };
    const subs = [w, w.onDidChange(reload), w.onDidCreate(reload), w.onDidDelete(reload)];
    return { dispose: () => subs.forEach((s) => s.dispose()) };
  }
}

function resolve(p: string, base: vscode.Uri): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return vscode.Uri.parse(p);
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return vscode.Uri.file(p);
  return vscode.Uri.joinPath(base, p);
}
