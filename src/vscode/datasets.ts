/**
 * The datasets in use: the shipped one (compiled JSON inside the extension), the workspace's `.annalist/*.yaml`,
 * and files or folders named in settings. Reloads when any of them changes (an open dataset re-checks documents
 * as it is edited); the loader's problems are shown in the dataset files themselves.
 */
import * as vscode from 'vscode';
import type { DatasetProblem, ParsedDataset } from '../core/dataset/loader';
import { datasetLoader } from './dataset-loader';
import { buildIndex, type DatasetIndex } from '../core/dataset/index';
import { restoreDataset } from '../core/dataset/compiled';
import { datasetPathsFromFrontMatter, DocumentIndexCache } from '../core/dataset/calendar-dates';
import { Owner } from './dispose';
import { toRange } from './convert';
import type { Log } from './log';
import { readSettings } from './config';

const DATASET_GLOB = '**/.annalist/**/*.{yaml,yml}';

export class DatasetService extends Owner {
  private current: DatasetIndex = buildIndex([]).index;
  private readonly problems = this.own(vscode.languages.createDiagnosticCollection('annalist-datasets'));
  private readonly changed = this.own(new vscode.EventEmitter<DatasetIndex>());
  private shipped?: ParsedDataset;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private loading?: Promise<DatasetIndex>;
  private watchedFiles = new Set<string>();
  /** What the last load merged, for indexes that add a document's own datasets (front matter). */
  private lastParts: ParsedDataset[] = [];
  private lastShippedUris: string[] = [];
  private readonly perDocument = new DocumentIndexCache<Promise<DatasetIndex>>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {
    super();
    const watcher = this.own(vscode.workspace.createFileSystemWatcher(DATASET_GLOB));
    this.own(watcher.onDidChange(() => this.scheduleReload()));
    this.own(watcher.onDidCreate(() => this.scheduleReload()));
    this.own(watcher.onDidDelete(() => this.scheduleReload()));
    this.own(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.isDatasetDocument(e.document) && e.contentChanges.length) this.scheduleReload(400);
    }));
    this.own(vscode.workspace.onDidSaveTextDocument((d) => { if (this.isDatasetDocument(d)) this.scheduleReload(0); }));
    this.own({ dispose: () => clearTimeout(this.reloadTimer) });
  }

  get index(): DatasetIndex {
    return this.current;
  }

  /** Loads (or reloads) every dataset; concurrent calls share one load. */
  load(): Promise<DatasetIndex> {
    this.loading ??= this.loadNow().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /**
   * The index for a document: the loaded datasets plus those its front matter names (`annalist-datasets:`,
   * relative to the document), merged in that order so the document's own win on a shared id.
   */
  indexFor(doc: Pick<vscode.TextDocument, 'uri'>, frontMatter: unknown): Promise<DatasetIndex> | DatasetIndex {
    const loaded = new Set(this.lastParts.map((p) => p.uri));
    const uris = datasetPathsFromFrontMatter(frontMatter)
      .map((p) => (p.startsWith('/') ? vscode.Uri.file(p) : vscode.Uri.joinPath(doc.uri, '..', p)))
      .filter((u) => !loaded.has(u.toString()));
    if (!uris.length) return this.current;
    for (const u of uris) this.watchedFiles.add(u.toString());
    return this.perDocument.get(uris.map((u) => u.toString()), async () => {
      const extra = await Promise.all(uris.map((u) => this.readUserDataset(u)));
      return buildIndex([...this.lastParts, ...extra], { shippedUris: this.lastShippedUris }).index;
    });
  }

  /** Parses a dataset's YAML with the loader bundle, loaded on first use. */
  private parse(text: string, uri: string): ParsedDataset {
    return datasetLoader(vscode.Uri.joinPath(this.extensionUri, 'dist', 'dataset-loader.js').fsPath)(text, uri);
  }

  /** URI of the shipped dataset's YAML inside the extension. */
  get shippedUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'data', 'destalinization.yaml');
  }

  private isDatasetDocument(doc: vscode.TextDocument): boolean {
    const s = doc.uri.toString();
    return this.watchedFiles.has(s) || /\/\.annalist\/.*\.ya?ml$/.test(doc.uri.path);
  }

  private scheduleReload(delay = 300): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), delay);
  }

  private async loadNow(): Promise<DatasetIndex> {
    const started = Date.now();
    const settings = readSettings();
    const parts: ParsedDataset[] = [];
    const shippedUris: string[] = [];
    if (settings.includeShippedDataset) {
      this.shipped ??= await this.readShipped();
      if (this.shipped) {
        parts.push(this.shipped);
        shippedUris.push(this.shipped.uri);
      }
    }
    const files = await this.userDatasetFiles(settings.datasetFiles);
    this.watchedFiles = new Set(files.map((f) => f.toString()));
    for (const uri of files) parts.push(await this.readUserDataset(uri));
    const { index, problems } = buildIndex(parts, { shippedUris });
    this.lastParts = parts;
    this.lastShippedUris = shippedUris;
    this.perDocument.clear();
    this.showProblems([...parts.flatMap((p) => p.problems), ...problems], shippedUris);
    this.current = index;
    const counts = index.datasets.map((d) => `${d.title} (${d.counts.events} events, ${d.counts.people} people, ${d.counts.places} places, ${d.counts.sources} sources)`);
    this.log.info(`datasets loaded in ${Date.now() - started} ms: ${counts.join('; ') || 'none'}`);
    this.changed.fire(index);
    return index;
  }

  private async readShipped(): Promise<ParsedDataset | undefined> {
    const compiled = vscode.Uri.joinPath(this.extensionUri, 'dist', 'dataset.json');
    try {
      const bytes = await vscode.workspace.fs.readFile(compiled);
      const restored = restoreDataset(JSON.parse(new TextDecoder().decode(bytes)), this.shippedUri.toString());
      if (restored) return restored;
      this.log.warn('dist/dataset.json is not a compiled dataset; reading the YAML instead');
    } catch (err) {
      this.log.debug(`no compiled dataset (${String(err)}); reading the YAML`);
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.shippedUri));
      return this.parse(text, this.shippedUri.toString());
    } catch (err) {
      this.log.error('cannot read the shipped dataset', err);
      return undefined;
    }
  }

  private async readUserDataset(uri: vscode.Uri): Promise<ParsedDataset> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      this.log.warn(`cannot read dataset ${uri.toString()}: ${String(err)}`);
      return { uri: uri.toString(), problems: [], locations: new Map(), references: [], nameForms: [] };
    }
    return this.parse(text, uri.toString());
  }

  /** `.annalist/*.yaml` in every workspace folder, plus the files and folders named in settings. */
  private async userDatasetFiles(fromSettings: string[]): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    for (const u of await vscode.workspace.findFiles(DATASET_GLOB, '**/node_modules/**', 200)) found.set(u.toString(), u);
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    for (const entry of fromSettings) {
      const uri = /^[a-z][a-z0-9+.-]+:/i.test(entry) ? vscode.Uri.parse(entry) : entry.startsWith('/') || !base ? vscode.Uri.file(entry) : vscode.Uri.joinPath(base, entry);
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory) {
          for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
            if (type & vscode.FileType.File && /\.ya?ml$/i.test(name)) {
              const f = vscode.Uri.joinPath(uri, name);
              found.set(f.toString(), f);
            }
          }
        } else {
          found.set(uri.toString(), uri);
        }
      } catch {
        this.log.warn(`annalist.dataset.files: cannot read ${entry}`);
      }
    }
    return [...found.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  private showProblems(problems: DatasetProblem[], shippedUris: string[]): void {
    this.problems.clear();
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      if (shippedUris.includes(p.uri)) {
        this.log.warn(`shipped dataset: ${p.message}`);
        continue;
      }
      const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Annalist';
      d.code = p.code;
      (byUri.get(p.uri) ?? byUri.set(p.uri, []).get(p.uri)!).push(d);
    }
    for (const [uri, ds] of byUri) this.problems.set(vscode.Uri.parse(uri), ds);
  }
}
