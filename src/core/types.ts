/**
 * The small contracts shared by every part of the core. Nothing here knows about the editor:
 * positions are LSP-style (0-based line, UTF-16 character), as both VS Code and the CLI's JSON use them.
 */

/** A 0-based line and UTF-16 character offset in a document. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of a document. */
export interface Range {
  start: Position;
  end: Position;
}

/** The minimum the core needs of a document; the editor's TextDocument and a file on disk both satisfy it. */
export interface TextDocumentLike {
  /** A URI or a path; used for messages and for resolving relative bibliography paths. */
  readonly uri: string;
  /** `markdown`, `latex`, `plaintext`, `quarto`, `rmd`, ... */
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement, in document offsets. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix the editor can offer; the edits apply to the document the diagnostic is in. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True for the fix the editor should prefer (`isPreferred`). */
  preferred?: boolean;
}

/** A place elsewhere that explains a diagnostic (e.g. the dataset entry it was checked against). */
export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

/** A problem found by a check, with a stable code. */
export interface AnnalistDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable, kebab-case: `misdated-event`, `unknown-citation-key`, `weekday-mismatch`, `dataset-...`. */
  code: string;
  message: string;
  source: 'Annalist';
  /** Machine-readable details (the CLI's JSON `data`). */
  data?: Record<string, unknown>;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/** Cooperative cancellation, satisfied by VS Code's CancellationToken and by a plain object in the CLI. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationLike = Object.freeze({ isCancellationRequested: false });
