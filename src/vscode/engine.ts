/**
 * Binds the editor's documents to the core session: which index and library a document uses. The features
 * themselves (check, hover, completion, definition) are the core's AnnalistSession.
 */
import * as vscode from 'vscode';
import { AnnalistSession, type HoverOptions } from '../core/session';
import type { AnnalistDiagnostic, CancellationLike, Range } from '../core/types';
import type { DatasetService } from './datasets';
import type { BibliographyService } from './bibliographies';
import { asCoreDocument } from './convert';
import { readFrontMatter } from '../core/text/frontmatter';
import type { ReferenceStyles } from './references';
import { readSettings } from './config';

/** What the engine reads of a document: an open editor document or a file read from disk. */
export type EngineDocument = Pick<vscode.TextDocument, 'uri' | 'languageId' | 'version' | 'getText'>;

/** Lets the extension host run whatever is waiting (input, other extensions) before the check goes on. */
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Engine {
  readonly session = new AnnalistSession();

  constructor(
    private readonly datasets: DatasetService,
    private readonly bibliographies: BibliographyService,
    private readonly references?: ReferenceStyles,
  ) {}

  /** The index and the library a document uses; reads only its front matter, never the whole text. */
  private async context(doc: EngineDocument) {
    const core = asCoreDocument(doc);
    const frontMatter = readFrontMatter(doc.getText(), doc.languageId);
    const index = await this.datasets.indexFor(doc, frontMatter);
    const lib = await this.bibliographies.libraryFor(doc, frontMatter);
    return { core, index, frontMatter, library: lib.library, bibliographyConfigured: lib.configured };
  }

  /** The document's reference style; only hover and completion ask, so checks never load citeproc. */
  private styled<T extends { frontMatter: unknown }>(doc: EngineDocument, ctx: T): T & { referenceStyle?: ReturnType<ReferenceStyles['styleFor']> } {
    return { ...ctx, referenceStyle: this.references?.styleFor(doc, ctx.frontMatter) };
  }

  async check(doc: EngineDocument, token: CancellationLike): Promise<AnnalistDiagnostic[]> {
    const ctx = await this.context(doc);
    if (token.isCancellationRequested) return [];
    const s = readSettings(doc.uri);
    // The version and its text read together now (the document may have changed while the context loaded);
    // the check then runs in slices, yielding to the extension host between them.
    const text = doc.getText();
    const core = { ...ctx.core, version: doc.version, getText: () => text };
    return this.session.checkAsync(core, ctx, { levels: s.levels, disputed: s.disputed }, token, yieldToHost);
  }

  /** Documents over the size limit are not analysed while typing (the diagnostics controller says so once). */
  private tooLarge(doc: vscode.TextDocument): boolean {
    const limit = readSettings(doc.uri).maxDocumentSize;
    return limit > 0 && doc.getText().length > limit;
  }

  async hover(doc: vscode.TextDocument, offset: number, options: HoverOptions) {
    if (this.tooLarge(doc)) return undefined;
    const ctx = this.styled(doc, await this.context(doc));
    return this.session.hover(ctx.core, offset, ctx, options);
  }

  async definition(doc: vscode.TextDocument, offset: number): Promise<{ uri: string; range: Range }[]> {
    if (this.tooLarge(doc)) return [];
    const ctx = await this.context(doc);
    return this.session.definition(ctx.core, offset, ctx);
  }

  async complete(doc: vscode.TextDocument, offset: number, limit: number) {
    const ctx = this.styled(doc, await this.context(doc));
    return this.session.complete(ctx.core, offset, ctx, limit);
  }
}
