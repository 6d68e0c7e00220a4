// Drives a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) from Debian's chromium through
// playwright-core. Waits are on the DOM (locators with deadlines); the only pauses are tiny UI settles.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
// Plain ESM helpers shared with the runner and `npm start`.
import {
  collectServerLogs, ensureCodeServer, launchChromium, makeScratch, remoteUri, removeScratch, startCodeServer,
  vscodeVersionOf, workbenchUrl,
} from '../../scripts/vscode/lib.mjs';

export const REPO = resolve(__dirname, '..', '..');
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');
/** The README's images (committed); rewritten only when ANNALIST_UPDATE_SCREENSHOTS=1. */
export const README_IMAGES = join(REPO, 'docs', 'images');
export const UPDATE_README_IMAGES = process.env.ANNALIST_UPDATE_SCREENSHOTS === '1';
export const UI_TIMEOUT = 30_000;
export const VIEWPORT = { width: 1280, height: 800 };

/** A rectangle of the page, in CSS pixels. */
export interface Box { x: number; y: number; width: number; height: number }

/** The smallest box holding every given box, grown by `pad` and kept inside the viewport. */
export function around(boxes: (Box | null | undefined)[], pad = 16): Box {
  const bs = boxes.filter((b): b is Box => !!b);
  if (!bs.length) throw new Error('nothing to frame in the screenshot');
  const x1 = Math.max(0, Math.min(...bs.map((b) => b.x)) - pad);
  const y1 = Math.max(0, Math.min(...bs.map((b) => b.y)) - pad);
  const x2 = Math.min(VIEWPORT.width, Math.max(...bs.map((b) => b.x + b.width)) + pad);
  const y2 = Math.min(VIEWPORT.height, Math.max(...bs.map((b) => b.y + b.height)) + pad);
  return { x: Math.floor(x1), y: Math.floor(y1), width: Math.ceil(x2 - x1), height: Math.ceil(y2 - y1) };
}

type Server = Awaited<ReturnType<typeof startCodeServer>>;
type Scratch = ReturnType<typeof makeScratch>;

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly version: string,
    readonly folder: string,
    private readonly browser: Browser,
    private readonly server: Server,
    private readonly scratch: Scratch,
  ) {}

  /** Starts code-server on a scratch copy of `folder`, with the extension under development loaded, and opens it. */
  static async open(folder: string): Promise<Workbench> {
    const entry = ensureCodeServer();
    const scratch = makeScratch('annalist-e2e-');
    const ws = mkdtempSync(join(tmpdir(), 'annalist-e2e-ws-'));
    cpSync(folder, ws, { recursive: true });
    const server = await startCodeServer({ entry, scratch, settings: { 'editor.hover.delay': 200, 'workbench.editor.enablePreview': false } });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: VIEWPORT });
      page.setDefaultTimeout(UI_TIMEOUT);
      const dev = process.env.ANNALIST_EXTENSION_PATH ? resolve(process.env.ANNALIST_EXTENSION_PATH) : REPO;
      await page.goto(workbenchUrl(server.url, ws, [['extensionDevelopmentPath', remoteUri(server.port, dev)]]), { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 });
      mkdirSync(SCREENSHOTS, { recursive: true });
      return new Workbench(page, vscodeVersionOf(entry), ws, browser, server, scratch);
    } catch (e) {
      await browser?.close().catch(() => {});
      await server.stop();
      removeScratch(scratch);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.server.stop();
    removeScratch(this.scratch);
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** The extension host and server logs of this run (printed when a step fails). */
  serverLogs(): string {
    return collectServerLogs(this.scratch.userData)
      .filter((l) => l.contents.trim())
      .map((l) => `--- ${l.path}\n${l.contents.trimEnd()}`)
      .join('\n');
  }

  async screenshot(name: string, clip?: Box): Promise<string> {
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, clip });
    return path;
  }

  /**
   * A README image: always written to test/e2e/screenshots/readme-<name>.png, and to docs/images/<name>.png when
   * ANNALIST_UPDATE_SCREENSHOTS=1 (so the committed images show the current product). Returns the paths written.
   */
  async readmeImage(name: string, clip: Box): Promise<string[]> {
    const shot = await this.page.screenshot({ clip });
    const paths = [join(SCREENSHOTS, `readme-${name}.png`)];
    if (UPDATE_README_IMAGES) {
      mkdirSync(README_IMAGES, { recursive: true });
      paths.push(join(README_IMAGES, `${name}.png`));
    }
    for (const p of paths) writeFileSync(p, shot);
    return paths;
  }

  /** The page box of the first element `locator` matches. */
  async boxOf(locator: Locator): Promise<Box> {
    const b = await locator.first().boundingBox();
    if (!b) throw new Error(`${locator.toString()} has no box (not visible)`);
    return b;
  }

  /**
   * The page box of the first rendered occurrence of `text` in the active editor's lines. A line is rendered as
   * several token spans with non-breaking spaces: the text is searched in each line's joined text nodes.
   * With `context` (a longer text holding `text`), the box is that of `text` inside the first `context`.
   */
  async textBox(text: string, context = text): Promise<Box> {
    const skip = context.indexOf(text);
    if (skip < 0) throw new Error(`"${context}" does not contain "${text}"`);
    const r = await this.activeEditor().evaluate((root, [c, t, offsetInContext]) => {
      const w = t as string;
      // Runs in the page; the repository's tsconfig has no DOM lib, hence the narrow local types.
      type Rect = { left: number; top: number; right: number; bottom: number };
      type TextNode = { textContent: string | null };
      const doc = (globalThis as unknown as {
        document: {
          createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
          createRange(): { setStart(n: TextNode, o: number): void; setEnd(n: TextNode, o: number): void; getBoundingClientRect(): Rect };
        };
      }).document;
      const SHOW_TEXT = 4;
      const lines = (root as unknown as { querySelectorAll(s: string): ArrayLike<unknown> }).querySelectorAll('.view-lines .view-line');
      for (let k = 0; k < lines.length; k++) {
        const nodes: { node: TextNode; start: number }[] = [];
        let joined = '';
        const walker = doc.createTreeWalker(lines[k], SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: joined.length });
          joined += (n.textContent ?? '').replace(/\u00a0/g, ' ');
        }
        const at = joined.indexOf(c as string);
        if (at < 0) continue;
        const i = at + (offsetInContext as number);
        // Where the match starts and ends, as (text node, offset); no named helpers here: tsx would wrap them
        // in a `__name` call that does not exist in the page.
        let a = { node: nodes[0].node, offset: 0 };
        let b = a;
        for (const n of nodes) {
          if (n.start <= i) a = { node: n.node, offset: i - n.start };
          if (n.start < i + w.length) b = { node: n.node, offset: i + w.length - n.start };
        }
        const range = doc.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        const box = range.getBoundingClientRect();
        return { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
      }
      return null;
    }, [context, text, skip]);
    if (!r) throw new Error(`"${context}" is not rendered in the active editor`);
    return r;
  }

  /** Runs a command through the command palette (F1), by its title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a file of the workspace through Quick Open and waits for its editor. */
  async openFile(name: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
    const editor = this.activeEditor();
    await editor.locator('.view-lines').waitFor({ state: 'visible' });
    return editor;
  }

  /** The content frame of the (first) webview panel: VS Code nests it in an iframe inside an iframe. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
  }

  /** The editor group that shows a tab labelled `label`. */
  groupWithTab(label: string): Locator {
    return this.page.locator('.editor-group-container', { has: this.page.locator('.tabs-container .tab', { hasText: label }) }).first();
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The rendered text of the editor's visible lines (non-breaking spaces normalised). */
  async visibleText(): Promise<string> {
    const lines = await this.activeEditor().locator('.view-lines .view-line').allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Moves the mouse onto the first rendered occurrence of `word` (inside `context`) in the active editor. */
  async hoverWord(word: string, context = word): Promise<void> {
    const b = await this.textBox(word, context);
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    await this.page.mouse.move(x - 20, y);
    await this.page.mouse.move(x, y, { steps: 4 });
  }

  /** Puts the cursor at the first occurrence of `text` (via Find, which selects it), then closes Find. */
  async selectText(text: string): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator('.find-widget textarea, .find-widget input').first();
    await find.waitFor({ state: 'visible' });
    await find.fill(text);
    await this.page.locator('.find-widget .matchesCount', { hasText: /1 of|of 1|\d+ of \d+/ }).waitFor();
    await this.page.keyboard.press('Escape');
  }
}

/** A tiny settle for UI animations (never used to wait for the extension). */
export function settle(ms = 150): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
