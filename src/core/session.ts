/**
 * The features over one analysis per document version: checks, hover, Go to Definition and completion, as
 * the editor and the command line both use them. Holds no I/O: callers pass the index and the library.
 */
import { VersionedCache } from './cache';
import { analyzeBlocksStepwise, analyzeDocument, blockAt, runChecksOnBlocksStepwise, runToEnd, type BlockedDocument, type CheckOptions, type DocumentAnalysis } from './check/index';
import { checkCitationKeys, UNKNOWN_CITATION_KEY } from './cite/check';
import { completeAt, type CitationCompletionResult } from './cite/completion';
import { citationAmong, citationDefinitionAt, citationHoverOf, type ReferenceStyle } from './cite/hover';
import type { Library } from './cite/library';
import type { CitationRef } from './cite/syntax';
import { dialectOf } from './text/analysis';
import type { DatasetIndex } from './dataset/index';
import { definitionAt, hoverAt } from './hover/index';
import type { AnnalistDiagnostic, CancellationLike, Range, Severity, TextDocumentLike } from './types';
import { neverCancelled } from './types';

/** What a document is checked against. */
export interface DocumentContext {
  index: DatasetIndex;
  library?: Library;
  /** True when the document or the settings name a bibliography (see checkCitationKeys). */
  bibliographyConfigured?: boolean;
  /** The citation style references are shown in (hover, completion); the neutral summary when absent. */
  referenceStyle?: ReferenceStyle;
}

/** Which kinds of hover are on. */
export interface HoverOptions {
  people: boolean;
  events: boolean;
  places: boolean;
  dates: boolean;
  citations: boolean;
}

/** How long (ms) `checkAsync` works before it pauses. */
export const CHECK_SLICE_MS = 15;

export const ALL_HOVERS: HoverOptions = Object.freeze({ people: true, events: true, places: true, dates: true, citations: true });

/** A hover's Markdown and the span it is about (UTF-16 offsets). */
export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export class AnnalistSession {
  private readonly analyses = new VersionedCache<DocumentAnalysis>(20);
  /** Per document, its latest version cut into blocks: a new version re-analyses only the blocks that changed. */
  private readonly blocked = new Map<string, { version: number; doc: BlockedDocument }>();

  /** The document cut into analysed blocks for this version, built from the previous version's blocks. */
  private blocks(doc: TextDocumentLike, index: DatasetIndex): BlockedDocument {
    return runToEnd(this.blockSteps(doc, doc.getText(), index));
  }

  /** `blocks` in steps (one per block analysed); `text` is the version's text, read once by the caller. */
  private *blockSteps(doc: TextDocumentLike, text: string, index: DatasetIndex): Generator<void, BlockedDocument, void> {
    const hit = this.blocked.get(doc.uri);
    if (hit && hit.version === doc.version && hit.doc.index === index && hit.doc.languageId === doc.languageId) return hit.doc;
    const made = yield* analyzeBlocksStepwise(text, doc.languageId, index, hit?.doc);
    // Another call may have stored a later version while this one paused: keep the later one.
    const now = this.blocked.get(doc.uri);
    if (now && now !== hit && now.version > doc.version) return made;
    this.blocked.delete(doc.uri);
    this.blocked.set(doc.uri, { version: doc.version, doc: made });
    while (this.blocked.size > 20) this.blocked.delete(this.blocked.keys().next().value as string);
    return made;
  }

  /** The document's analysis against `index`, computed once per version. */
  analysis(doc: TextDocumentLike, index: DatasetIndex): DocumentAnalysis {
    return this.analyses.get(doc.uri, doc.version, index, () => analyzeDocument(doc.getText(), doc.languageId, index));
  }

  /** Forgets every analysis (after the datasets changed). */
  clear(): void {
    this.analyses.clear();
    this.blocked.clear();
  }

  /** Every enabled check, the citation-key check included. */
  check(doc: TextDocumentLike, ctx: DocumentContext, options: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
    return runToEnd(this.checkSteps(doc, ctx, options, token));
  }

  /**
   * `check` in slices: works block by block and awaits `pause()` whenever `sliceMs` of work (by the clock `now`,
   * in ms) has passed since the last pause, so an editor's event loop is never held long. Stops between blocks
   * once `token` is cancelled ([]). The diagnostics equal `check`'s.
   */
  async checkAsync(
    doc: TextDocumentLike,
    ctx: DocumentContext,
    options: Partial<CheckOptions>,
    token: CancellationLike,
    pause: () => Promise<void>,
    now: () => number = () => Date.now(),
    sliceMs = CHECK_SLICE_MS,
  ): Promise<AnnalistDiagnostic[]> {
    const steps = this.checkSteps(doc, ctx, options, token);
    let since = now();
    for (;;) {
      if (token.isCancellationRequested) {
        steps.return([]);
        return [];
      }
      const r = steps.next();
      if (r.done) return token.isCancellationRequested ? [] : r.value;
      if (now() - since >= sliceMs) {
        await pause();
        since = now();
      }
    }
  }

  /** The check in steps: one per block analysed or checked, one for the citation keys. */
  private *checkSteps(doc: TextDocumentLike, ctx: DocumentContext, options: Partial<CheckOptions>, token: CancellationLike): Generator<void, AnnalistDiagnostic[], void> {
    // One text and one version for the whole run, however long it pauses.
    const text = doc.getText();
    const version: TextDocumentLike = { uri: doc.uri, languageId: doc.languageId, version: doc.version, getText: () => text };
    const blocked = yield* this.blockSteps(version, text, ctx.index);
    if (token.isCancellationRequested) return [];
    const found = yield* runChecksOnBlocksStepwise(blocked, { index: ctx.index, library: ctx.library }, options, token);
    const level: Severity | 'off' = options.levels?.[UNKNOWN_CITATION_KEY] ?? 'warning';
    const checked = found.length;
    if (ctx.library && level !== 'off' && !token.isCancellationRequested) {
      yield;
      for (const d of checkCitationKeys({
        text: blocked.text,
        languageId: doc.languageId,
        library: ctx.library,
        bibliographyConfigured: ctx.bibliographyConfigured,
        isSuppressed: (offset, code) => isSuppressedIn(blocked, offset, code),
        citations: citationsOf(blocked),
        lines: blocked.frame.lines,
      })) found.push({ ...d, severity: level });
    }
    if (token.isCancellationRequested) return [];
    // The blocks' diagnostics come in order already; only citation diagnostics need merging in.
    return found.length === checked ? found : found.sort(byPosition);
  }

  /** The hover at `offset`: a cited key's reference first, else what the dataset knows. */
  hover(doc: TextDocumentLike, offset: number, ctx: DocumentContext, options: HoverOptions = ALL_HOVERS): HoverResult | undefined {
    const block = blockAt(this.blocks(doc, ctx.index), offset);
    if (!block) return undefined;
    // The block's analysis may be of an earlier version where the block stood `shift` code units earlier.
    const a = block.doc;
    if (options.citations && ctx.library) {
      // The citations the block's analysis already found: a hover never rescans the document.
      const ref = citationAmong(a.analysis.citations, a.text, offset - block.shift);
      const c = ref && citationHoverOf(ref, ctx.library, ctx.referenceStyle);
      if (c) return { markdown: c.markdown, start: c.start + block.shift, end: c.end + block.shift };
    }
    if (!options.people && !options.events && !options.places && !options.dates) return undefined;
    const h = hoverAt({ text: a.text, languageId: doc.languageId, offset: offset - block.shift, index: ctx.index, analysis: a, options });
    return h ? { markdown: h.markdown, start: h.start + block.shift, end: h.end + block.shift } : undefined;
  }

  /** Where the thing at `offset` is defined: a bibliography entry, or dataset entries (all candidates). */
  definition(doc: TextDocumentLike, offset: number, ctx: DocumentContext): { uri: string; range: Range }[] {
    const text = doc.getText();
    if (ctx.library) {
      const c = citationDefinitionAt({ text, languageId: doc.languageId, offset, library: ctx.library });
      if (c) return [c];
    }
    const block = blockAt(this.blocks(doc, ctx.index), offset);
    if (!block) return [];
    return definitionAt({ text: block.doc.text, languageId: doc.languageId, offset: offset - block.shift, index: ctx.index, analysis: block.doc }).map((d) => ({ uri: d.uri, range: d.range }));
  }

  /** Citation keys to offer at `offset`. */
  complete(doc: TextDocumentLike, offset: number, ctx: DocumentContext, limit: number): CitationCompletionResult | undefined {
    if (!ctx.library) return undefined;
    return completeAt({ text: doc.getText(), languageId: doc.languageId, offset, library: ctx.library, limit, style: ctx.referenceStyle });
  }
}

function byPosition(a: AnnalistDiagnostic, b: AnnalistDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** The citations of a blocked document, from its blocks' analyses (moved to where each block now stands). */
function citationsOf(doc: BlockedDocument): CitationRef[] {
  if (dialectOf(doc.languageId) === 'plaintext') return [];
  const out: CitationRef[] = [];
  for (const b of doc.blocks) {
    const shift = b.start - b.base;
    for (const c of b.doc.analysis.citations) {
      out.push(shift === 0 ? c : { ...c, keyStart: c.keyStart + shift, keyEnd: c.keyEnd + shift, groupStart: c.groupStart + shift, groupEnd: c.groupEnd + shift });
    }
  }
  return out;
}

/** True when diagnostics of `code` are off at `offset` of the blocked document's version. */
function isSuppressedIn(doc: BlockedDocument, offset: number, code: string): boolean {
  const list = doc.frame.suppressions;
  if (list.length === 0) return false;
  const c = String(code).toLowerCase();
  return list.some((s) => offset >= s.start && offset < s.end && (!s.codes || s.codes.includes(c)));
}
