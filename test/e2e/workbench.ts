// Drives a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) from Debian's chromium through
// playwright-core. Waits are on the DOM (locators with deadlines); the only pauses are tiny UI settles.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
// Plain ESM helpers shared with the runner and `npm start`.
import {
  collectServerLogs, ensureCodeServer, launchChromium, makeScratch, remoteUri, removeScratch, startCodeServer,
  vscodeVersionOf, workbenchUrl,
} from '../../scripts/vscode/lib.mjs';

export const REPO = resolve(__dirname, '..', '..');
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');
export const UI_TIMEOUT = 30_000;

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
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
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

  async screenshot(name: string): Promise<string> {
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
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

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The rendered text of the editor's visible lines (non-breaking spaces normalised). */
  async visibleText(): Promise<string> {
    const lines = await this.activeEditor().locator('.view-lines .view-line').allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Moves the mouse onto the first rendered occurrence of `word` in the active editor. */
  async hoverWord(word: string): Promise<void> {
    const box = await this.activeEditor().evaluate((root, w) => {
      // Runs in the page; the repository's tsconfig has no DOM lib, hence the narrow local types.
      type Rect = { x: number; y: number; width: number; height: number };
      type TextNode = { textContent: string | null };
      const doc = (globalThis as unknown as {
        document: {
          createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
          createRange(): { setStart(n: TextNode, o: number): void; setEnd(n: TextNode, o: number): void; getBoundingClientRect(): Rect };
        };
      }).document;
      const SHOW_TEXT = 4;
      const lines = (root as unknown as { querySelector(s: string): unknown }).querySelector('.view-lines');
      const walker = doc.createTreeWalker(lines, SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n.textContent ?? '').indexOf(w);
        if (i < 0) continue;
        const r = doc.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    }, word);
    if (!box) throw new Error(`"${word}" is not rendered in the active editor`);
    await this.page.mouse.move(box.x - 20, box.y);
    await this.page.mouse.move(box.x, box.y, { steps: 4 });
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
