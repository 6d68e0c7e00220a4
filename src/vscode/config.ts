/** Settings become plain option objects here; the core never reads settings. */
import * as vscode from 'vscode';
import type { Severity } from '../core/types';
import type { LogLevel } from './log';

export type Level = Severity | 'off';

export interface AnnalistSettings {
  includeShippedDataset: boolean;
  datasetFiles: string[];
  levels: Record<string, Level>;
  disputed: 'warning' | 'information' | 'off';
  delayMs: number;
  maxDocumentSize: number;
  hover: { people: boolean; events: boolean; places: boolean; dates: boolean; citations: boolean };
  bibliographies: string[];
  citationStyle: string;
  maxCompletionItems: number;
  logLevel: LogLevel;
}

/** The languages Annalist serves; also its document selector. */
export const LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext', 'quarto', 'rmd'] as const;

export function isServed(doc: vscode.TextDocument): boolean {
  return (LANGUAGES as readonly string[]).includes(doc.languageId) && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-vfs' || doc.uri.scheme === 'vscode-remote');
}

/** Reads Annalist's settings for a resource (or the window). */
export function readSettings(scope?: vscode.Uri): AnnalistSettings {
  // Resource-scoped settings are read for the document; window-scoped ones without a scope (VS Code warns
  // when a window setting is read for a resource).
  const c = vscode.workspace.getConfiguration('annalist', scope ?? null);
  const w = vscode.workspace.getConfiguration('annalist', null);
  const trusted = vscode.workspace.isTrusted;
  return {
    includeShippedDataset: w.get('dataset.includeShipped', true),
    // In Restricted Mode, settings that name files are withheld (declared in capabilities.untrustedWorkspaces).
    datasetFiles: trusted ? w.get<string[]>('dataset.files', []) : [],
    levels: {
      'misdated-event': c.get<Level>('diagnostics.misdatedEvent', 'warning'),
      'weekday-mismatch': c.get<Level>('diagnostics.weekdayMismatch', 'warning'),
      'unknown-citation-key': c.get<Level>('diagnostics.unknownCitationKey', 'warning'),
    },
    disputed: c.get('diagnostics.disputedFacts', 'warning'),
    delayMs: w.get('diagnostics.delay', 250),
    maxDocumentSize: w.get('diagnostics.maxDocumentSize', 2_000_000),
    hover: {
      people: c.get('hover.people', true),
      events: c.get('hover.events', true),
      places: c.get('hover.places', true),
      dates: c.get('hover.dates', true),
      citations: c.get('hover.citations', true),
    },
    bibliographies: trusted ? c.get<string[]>('citations.bibliographies', []) : [],
    citationStyle: c.get('citations.style', 'chicago-note-bibliography'),
    maxCompletionItems: w.get('citations.maxCompletionItems', 50),
    logLevel: w.get<LogLevel>('logLevel', 'info'),
  };
}
