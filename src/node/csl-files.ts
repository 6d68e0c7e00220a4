/**
 * Node side of citation styles: loads the citation engine bundle (`dist/citeproc.js`) on first use, reads `.csl`
 * files named in front matter or settings, finds styles by name in Zotero's styles folder, and keeps one
 * formatter per style (re-read when its file changes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CslFormatter, DEFAULT_STYLE, isShippedStyle, isStylePath, type StyleRequest } from '../core/cite/format';
import type { CiteprocBundle } from '../core/cite/styles/bundle';

/** Where relative style paths and style names are looked up. */
export interface StyleLookup {
  /** The document's folder: front matter paths are relative to it first. */
  documentDir?: string;
  /** The workspace folder (or the current directory on the command line): setting paths are relative to it. */
  workspaceDir?: string;
  /** Zotero's styles folder; `~/Zotero/styles` when absent. */
  zoteroStylesDir?: string;
}

/** A formatter for the requested style, and why it is another style when it had to fall back. */
export interface ResolvedStyle {
  formatter: CslFormatter;
  /** The style in use: a shipped id or the file it was read from. */
  name: string;
  /** Set when the requested style could not be used (the default style is used instead). */
  problem?: string;
}

const MAX_STYLE_BYTES = 2_000_000;

/**
 * Loads the engine bundle from the first file of `candidates` that exists (the built `dist/citeproc.js`, or the
 * TypeScript source under a test runner). Throws an Error naming the files tried.
 */
export function loadCiteprocBundle(candidates: readonly string[]): CiteprocBundle {
  const tried: string[] = [];
  for (const file of candidates) {
    if (!fs.existsSync(file)) {
      tried.push(file);
      continue;
    }
    // A computed path: bundlers leave this require alone, so the engine stays out of the extension's bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { bundle?: CiteprocBundle };
    if (!mod || !mod.bundle || !mod.bundle.citeproc) throw new Error(`${file} is not the citation engine bundle`);
    return mod.bundle;
  }
  throw new Error(`the citation engine is missing (looked for ${tried.join(', ')})`);
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** The files a style request may name, most likely first. */
export function styleFileCandidates(request: StyleRequest, lookup: StyleLookup): string[] {
  const name = expandHome(request.name);
  if (isStylePath(name)) {
    if (path.isAbsolute(name)) return [name];
    const bases = request.from === 'front-matter' ? [lookup.documentDir, lookup.workspaceDir] : [lookup.workspaceDir, lookup.documentDir];
    const out = bases.filter((b): b is string => typeof b === 'string' && b !== '').map((b) => path.resolve(b, name));
    return out.length ? [...new Set(out)] : [path.resolve(name)];
  }
  // A style id we do not ship: the writer's Zotero styles.
  if (!/^[\w.-]{1,200}$/.test(name)) return [];
  const zotero = lookup.zoteroStylesDir ?? path.join(os.homedir(), 'Zotero', 'styles');
  return [path.join(zotero, `${name}.csl`)];
}

/** Reads a `.csl` file as text, or says why it cannot be used. */
export function readStyleFile(file: string): { xml: string } | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    return { error: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (stat.isDirectory()) return { error: `${file} is a folder, not a .csl file` };
  if (stat.size > MAX_STYLE_BYTES) return { error: `${file} is too large for a CSL style (${stat.size} bytes)` };
  try {
    return { xml: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
  } catch (err) {
    return { error: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

/**
 * The formatters of a session: shipped styles made once, style files made once per version of the file. The
 * engine bundle is loaded the first time a formatter is asked for, never before.
 */
export class CslStyles {
  private bundle: CiteprocBundle | undefined;
  private readonly shipped = new Map<string, CslFormatter>();
  private readonly files = new Map<string, { stamp: string; result: { formatter: CslFormatter } | { error: string } }>();

  constructor(private readonly loadBundle: () => CiteprocBundle) {}

  private engine(): CiteprocBundle {
    if (!this.bundle) this.bundle = this.loadBundle();
    return this.bundle;
  }

  /** A shipped style's formatter. Throws only when the engine bundle itself cannot be loaded. */
  shippedFormatter(id: string): CslFormatter {
    const known = this.shipped.get(id);
    if (known) return known;
    const b = this.engine();
    const style = b.styles[id];
    if (!style) throw new Error(`Annalist ships no style "${id}"`);
    const made = CslFormatter.create({ citeproc: b.citeproc, style, locales: b.locales, name: id });
    if (!made.formatter) throw new Error(made.error);
    this.shipped.set(id, made.formatter);
    return made.formatter;
  }

  private fileFormatter(file: string): { formatter: CslFormatter } | { error: string } {
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch (err) {
      return { error: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    const cached = this.files.get(file);
    if (cached && cached.stamp === stamp) return cached.result;
    const read = readStyleFile(file);
    let result: { formatter: CslFormatter } | { error: string };
    if ('error' in read) result = read;
    else {
      const b = this.engine();
      const made = CslFormatter.create({ citeproc: b.citeproc, style: read.xml, locales: b.locales, name: path.basename(file) });
      result = made.formatter ? { formatter: made.formatter } : { error: made.error };
    }
    this.files.set(file, { stamp, result });
    return result;
  }

  /**
   * The formatter for a request: a shipped style by id, a `.csl` file by path, another id from Zotero's styles
   * folder. When that fails, the default style with the reason in `problem`. Throws only when the engine bundle
   * cannot be loaded.
   */
  resolve(request: StyleRequest, lookup: StyleLookup = {}): ResolvedStyle {
    if (isShippedStyle(request.name)) return { formatter: this.shippedFormatter(request.name), name: request.name };
    const candidates = styleFileCandidates(request, lookup);
    let problem = candidates.length ? '' : `"${request.name}" is neither a style Annalist ships nor a .csl file`;
    for (const file of candidates) {
      if (!fs.existsSync(file)) continue;
      const got = this.fileFormatter(file);
      if ('formatter' in got) return { formatter: got.formatter, name: file };
      problem = got.error;
      break;
    }
    if (!problem) {
      problem = isStylePath(request.name)
        ? `style file ${request.name} not found (looked for ${candidates.join(', ')})`
        : `style "${request.name}" is not shipped and not in Zotero's styles folder (${candidates.join(', ')})`;
    }
    return { formatter: this.shippedFormatter(DEFAULT_STYLE), name: DEFAULT_STYLE, problem: `${problem}; using ${DEFAULT_STYLE}` };
  }
}
