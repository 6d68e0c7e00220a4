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
import { readSettings } from './config';

export class Engine {
  readonly session = new AnnalistSession();

  constructor(private readonly datasets: DatasetService, private readonly bibliographies: BibliographyService) {}

  private async context(doc: vscode.TextDocument) {
    const index = this.datasets.index;
    const core = asCoreDocument(doc);
    const analysis = this.session.analysis(core, index);
    const lib = await this.bibliographies.libraryFor(doc, analysis.analysis.frontMatter?.data);
    return { core, index, library: lib.library, bibliographyConfigured: lib.configured };
  }

  async check(doc: vscode.TextDocument, token: CancellationLike): Promise<AnnalistDiagnostic[]> {
    const ctx = await this.context(doc);
    if (token.isCancellationRequested) return [];
    const s = readSettings(doc.uri);
    return this.session.check(ctx.core, ctx, { levels: s.levels, disputed: s.disputed }, token);
  }

  async hover(doc: vscode.TextDocument, offset: number, options: HoverOptions) {
    const ctx = await this.context(doc);
    return this.session.hover(ctx.core, offset, ctx, options);
  }

  async definition(doc: vscode.TextDocument, offset: number): Promise<{ uri: string; range: Range }[]> {
    const ctx = await this.context(doc);
    return this.session.definition(ctx.core, offset, ctx);
  }

  async complete(doc: vscode.TextDocument, offset: number, limit: number) {
    const ctx = await this.context(doc);
    return this.session.complete(ctx.core, offset, ctx, limit);
  }
}
