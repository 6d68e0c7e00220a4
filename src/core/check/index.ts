/**
 * The check registry and entry point: every check with its stable code, default level and one-line description,
 * run over one shared analysis of a document. The CLI, the editor and the evaluation all come through here.
 */
import type { Library } from '../cite/library';
import type { DatasetIndex } from '../dataset/index';
import type { AnnalistDiagnostic, CancellationLike, Severity, TextDocumentLike } from '../types';
import { neverCancelled } from '../types';
import { analyzeDocument, type DocumentAnalysis } from './document';
import { checkMisdatedEvents, MISDATED_EVENT } from './misdated';
import { checkWeekdays, WEEKDAY_MISMATCH } from './weekday';

export { analyzeDocument, type DocumentAnalysis } from './document';
export { checkMisdatedEvents, pairDatesWithEvents, MISDATED_EVENT, type DatedMention, type MisdatedOptions } from './misdated';
export { checkWeekdays, WEEKDAY_MISMATCH } from './weekday';
export { suppressionFixes } from './fixes';
export { shortCitation, citeSources } from './sources';

/** What the checks need besides the document. */
export interface CheckContext {
  index: DatasetIndex;
  /** True when a citation key is known (for `unknown-citation-key`); undefined: that check does not run. */
  citationKeys?: (key: string) => boolean;
  /** The writer's bibliography, for checks that need more than its keys. */
  library?: Library;
}

/** Levels per check code, and how disputed dates are reported. */
export interface CheckOptions {
  levels: Record<string, Severity | 'off'>;
  /** A date the dataset contradicts but a disputing source supports: its level, or not reported. */
  disputed: 'warning' | 'information' | 'off';
}

/** One check: a stable code, its default level, a one-line description, and the function that runs it. */
export interface CheckDefinition {
  code: string;
  defaultLevel: Severity | 'off';
  description: string;
  run(doc: DocumentAnalysis, context: CheckContext, options: CheckOptions, level: Severity | 'off', token: CancellationLike): AnnalistDiagnostic[];
}

/** Every check, in the order they run. */
export const CHECKS: readonly CheckDefinition[] = Object.freeze([
  {
    code: MISDATED_EVENT,
    defaultLevel: 'warning',
    description: 'A date in prose contradicts the dataset\'s date of the event it is written for.',
    run: (doc, _context, options, level, token) => checkMisdatedEvents(doc, { severity: level, disputed: options.disputed }, token),
  },
  {
    code: WEEKDAY_MISMATCH,
    defaultLevel: 'warning',
    description: 'A weekday written with a date is not the weekday that date fell on.',
    run: (doc, _context, _options, level, token) => checkWeekdays(doc, level, token),
  },
] satisfies CheckDefinition[]);

/** The default options: each check at its default level, disputed dates as warnings (the setting's default). */
export function defaultCheckOptions(): CheckOptions {
  return { levels: Object.fromEntries(CHECKS.map((c) => [c.code, c.defaultLevel])), disputed: 'warning' };
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function resolveOptions(options?: Partial<CheckOptions>): CheckOptions {
  const base = defaultCheckOptions();
  if (!options || typeof options !== 'object') return base;
  const levels = { ...base.levels };
  for (const [code, level] of Object.entries(options.levels ?? {})) if (SEVERITIES.has(level as string)) levels[code] = level;
  const disputed = options.disputed === 'warning' || options.disputed === 'information' || options.disputed === 'off' ? options.disputed : base.disputed;
  return { levels, disputed };
}

/** Runs every enabled check over an existing analysis (shared with the hover); [] when cancelled. */
export function runChecksOn(doc: DocumentAnalysis, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
  const o = resolveOptions(options);
  const out: AnnalistDiagnostic[] = [];
  for (const check of CHECKS) {
    if (token.isCancellationRequested) return [];
    const level = o.levels[check.code] ?? check.defaultLevel;
    // A check set to 'off' reports nothing, disputed dates included: `disputed` only refines what is reported.
    if (level === 'off') continue;
    out.push(...check.run(doc, context, o, level, token));
  }
  if (token.isCancellationRequested) return [];
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Analyses a document and runs every enabled check on it; never throws on odd input. */
export function runChecks(doc: TextDocumentLike, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
  if (!doc || !context || !context.index || token.isCancellationRequested) return [];
  let text: string;
  try {
    text = doc.getText();
  } catch {
    return [];
  }
  const analysis = analyzeDocument(text, doc.languageId, context.index);
  if (token.isCancellationRequested) return [];
  return runChecksOn(analysis, context, options, token);
}
