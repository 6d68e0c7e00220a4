/**
 * The timeline view: a webview panel that draws the core's TimelineModel (media/timeline.js renders it) for the
 * active document, follows the active editor, and reveals an event's mentions when the writer picks it.
 * The webview gets only JSON; its content security policy allows no remote resource and no inline code.
 */
import * as vscode from 'vscode';
import { timelineModel, type TimelineModel } from '../core/timeline';
import type { DatasetService } from './datasets';
import type { DiagnosticsController } from './diagnostics';
import type { Engine } from './engine';
import type { Log } from './log';
import { asCoreDocument, toRange } from './convert';
import { isServed } from './config';
import { Owner } from './dispose';

export const TIMELINE_VIEW_TYPE = 'annalist.timeline';
const SCOPE_KEY = 'annalist.timeline.scope';

type Scope = 'all' | 'mentioned';

/** Messages the webview sends. */
type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; eventId: string }
  | { type: 'openEntry'; eventId: string }
  | { type: 'scope'; scope: Scope };

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function fileName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

/** The HTML shell of the view: no data in it, a strict policy, the script and style from media/. */
export function timelineHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('timeline.css')}">
<title>Annalist Timeline</title>
</head>
<body>
<main id="app" aria-busy="true">
  <header class="head">
    <h1 id="title">Timeline</h1>
    <p id="caption" class="caption"></p>
    <div class="controls">
      <label class="toggle"><input type="checkbox" id="only-mentioned"> Only events the document mentions</label>
    </div>
    <ul class="legend" aria-label="Legend">
      <li><span class="key key-span" aria-hidden="true"></span>Span (the event lasted)</li>
      <li><span class="key key-point" aria-hidden="true"></span>Date (to the day)</li>
      <li><span class="key key-imprecise" aria-hidden="true"></span>Date known to the month or year</li>
      <li><span class="key key-dispute" aria-hidden="true"></span>Date other sources give</li>
      <li><span class="key key-written" aria-hidden="true"></span>Date the document writes</li>
      <li><span class="key key-ghost" aria-hidden="true"></span>Misdated: the document's date, off its event</li>
    </ul>
  </header>
  <div id="axis" class="axis" aria-hidden="true"></div>
  <ul id="events" class="events" aria-label="Events by date"></ul>
  <p id="empty" class="empty" hidden></p>
  <p id="status" class="status" role="status" aria-live="polite"></p>
</main>
<script nonce="${n}" src="${media('timeline.js')}"></script>
</body>
</html>`;
}

/** The one timeline panel, and the document it shows. */
export class TimelinePanel extends Owner {
  private static current: TimelinePanel | undefined;
  private document: vscode.TextDocument | undefined;
  private readonly cycle = new Map<string, number>();
  private model: TimelineModel | undefined;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the panel (creating it beside the editor), for the active document. */
  static show(context: vscode.ExtensionContext, engine: Engine, datasets: DatasetService, diagnostics: DiagnosticsController, log: Log): void {
    if (TimelinePanel.current) {
      TimelinePanel.current.follow(vscode.window.activeTextEditor);
      TimelinePanel.current.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      'Annalist Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      TimelinePanel.options(context.extensionUri),
    );
    TimelinePanel.current = new TimelinePanel(panel, context, engine, datasets, diagnostics, log);
  }

  /** Webview options: scripts on, resources only from media/. */
  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], retainContextWhenHidden: false };
  }

  /** Restores a panel VS Code kept across a reload. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, engine: Engine, datasets: DatasetService, diagnostics: DiagnosticsController, log: Log): void {
    TimelinePanel.current?.panel.dispose();
    panel.webview.options = TimelinePanel.options(context.extensionUri);
    TimelinePanel.current = new TimelinePanel(panel, context, engine, datasets, diagnostics, log);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly engine: Engine,
    private readonly datasets: DatasetService,
    private readonly diagnostics: DiagnosticsController,
    private readonly log: Log,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'timeline-icon.svg');
    panel.webview.html = timelineHtml(panel.webview, context.extensionUri);
    this.own(panel.onDidDispose(() => this.dispose()));
    this.own(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.own(panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) this.schedule(0);
    }));
    this.own(vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)));
    this.own(vscode.workspace.onDidCloseTextDocument((d) => {
      if (d === this.document) {
        this.document = undefined;
        this.schedule(0);
      }
    }));
    this.own(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === this.document && e.contentChanges.length) this.schedule(400);
    }));
    this.own(diagnostics.onDidUpdate((uri) => {
      if (this.document && uri.toString() === this.document.uri.toString()) this.schedule(0);
    }));
    this.own(datasets.onDidChange(() => this.schedule(0)));
    this.own({ dispose: () => clearTimeout(this.timer) });
    this.follow(vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => isServed(e.document)));
  }

  override dispose(): void {
    if (TimelinePanel.current === this) TimelinePanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }

  private get scope(): Scope {
    return this.context.workspaceState.get<Scope>(SCOPE_KEY) === 'mentioned' ? 'mentioned' : 'all';
  }

  /** Follows a served document; other editors (output, settings, the dataset itself) leave the view as it is. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || !isServed(editor.document) || editor.document === this.document) return;
    this.document = editor.document;
    this.cycle.clear();
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), delay);
  }

  private update(): void {
    if (!this.ready || !this.panel.visible) return;
    try {
      const index = this.datasets.index;
      const doc = this.document;
      const analysis = doc ? this.engine.session.analysis(asCoreDocument(doc), index) : undefined;
      this.model = timelineModel(index, analysis, {
        diagnostics: doc ? this.diagnostics.diagnosticsOf(doc.uri) : undefined,
        scope: this.scope,
        documentLabel: doc ? fileName(doc.uri) : undefined,
      });
      this.panel.title = doc ? `Timeline: ${fileName(doc.uri)}` : 'Annalist Timeline';
      void this.panel.webview.postMessage({ type: 'model', model: this.model, scope: this.scope });
    } catch (err) {
      this.log.errorOnce(`timeline:${String(err)}`, 'drawing the timeline failed', err);
    }
  }

  private async receive(raw: unknown): Promise<void> {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as FromView;
    try {
      if (m.type === 'ready') {
        this.ready = true;
        this.update();
      } else if (m.type === 'scope' && (m.scope === 'all' || m.scope === 'mentioned')) {
        await this.context.workspaceState.update(SCOPE_KEY, m.scope);
        this.update();
      } else if (m.type === 'reveal' && typeof m.eventId === 'string') {
        await this.reveal(m.eventId);
      } else if (m.type === 'openEntry' && typeof m.eventId === 'string') {
        const loc = this.datasets.index.location(m.eventId);
        if (loc) await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { selection: toRange(loc.range), preview: true, viewColumn: vscode.ViewColumn.One });
      }
    } catch (err) {
      this.log.errorOnce(`timeline-message:${String(err)}`, 'the timeline could not do that', err);
    }
  }

  /** Selects the next mention of an event in the document (a misdated one: its written date, where the fix is). */
  private async reveal(eventId: string): Promise<void> {
    const doc = this.document;
    const model = this.model;
    const event = model?.events.find((e) => e.id === eventId);
    if (!doc || !model || !event) return;
    if (event.mentions.length === 0) {
      void this.panel.webview.postMessage({ type: 'status', text: `${fileName(doc.uri)} does not mention ${event.label}.` });
      return;
    }
    const k = (this.cycle.get(eventId) ?? 0) % event.mentions.length;
    this.cycle.set(eventId, k + 1);
    const mention = model.mentions[event.mentions[k]];
    const range = toRange(mention.misdated && mention.written ? mention.written.range : mention.range);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: true, preview: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const line = range.start.line + 1;
    const what = mention.misdated && mention.written ? `, written ${mention.written.text} (misdated)` : '';
    void this.panel.webview.postMessage({ type: 'status', text: `${event.label}: mention ${k + 1} of ${event.mentions.length}, line ${line}${what}.` });
  }
}

/** The command and the serializer that brings the panel back after a reload. */
export function registerTimeline(context: vscode.ExtensionContext, engine: Engine, datasets: DatasetService, diagnostics: DiagnosticsController, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('annalist.showTimeline', () => TimelinePanel.show(context, engine, datasets, diagnostics, log)),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => TimelinePanel.revive(panel, context, engine, datasets, diagnostics, log),
    }),
  ];
}
