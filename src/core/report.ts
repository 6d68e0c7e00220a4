/**
 * Renders findings for the command line: compiler-style text lines, the JSON contract, and SARIF 2.1.0 for
 * code-scanning tools. Pure functions; the CLI only writes their output.
 */
import type { AnnalistDiagnostic, Range, Severity } from './types';

/** Diagnostics of one file. */
export interface FileReport {
  /** The path as the user gave it (relative paths stay relative). */
  file: string;
  diagnostics: AnnalistDiagnostic[];
}

/** One diagnostic in the CLI's JSON contract (0-based LSP positions). */
export interface JsonDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  data: Record<string, unknown>;
}

/** `essay.md:3:4: warning: message [code]`, 1-based line and column, one line per diagnostic. */
export function formatTextReport(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const d of sortDiagnostics(r.diagnostics)) {
      const message = d.message.replace(/\r?\n/g, ' ');
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${message} [${d.code}]`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** The JSON contract: a flat array of diagnostics over all files. */
export function toJsonReport(reports: FileReport[]): JsonDiagnostic[] {
  const out: JsonDiagnostic[] = [];
  for (const r of reports) {
    for (const d of sortDiagnostics(r.diagnostics)) {
      out.push({ file: r.file, range: d.range, severity: d.severity, code: d.code, message: d.message, data: d.data ?? {} });
    }
  }
  return out;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Short help for each rule, shown by code-scanning tools. */
export interface RuleDescription {
  id: string;
  description: string;
}

/** SARIF 2.1.0 log with one run. Columns are 1-based UTF-16 units, SARIF's default `columnKind`. */
export function toSarifReport(reports: FileReport[], tool: { name: string; version: string; informationUri?: string; rules: RuleDescription[] }): object {
  const ruleIds = new Set(tool.rules.map((r) => r.id));
  const rules = [...tool.rules];
  for (const r of reports) for (const d of r.diagnostics) if (!ruleIds.has(d.code)) { ruleIds.add(d.code); rules.push({ id: d.code, description: d.code }); }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((r) =>
          sortDiagnostics(r.diagnostics).map((d) => ({
            ruleId: d.code,
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toSarifUri(r.file) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
            ...(d.data ? { properties: d.data } : {}),
          })),
        ),
      },
    ],
  };
}

function toSarifUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

function sortDiagnostics(ds: AnnalistDiagnostic[]): AnnalistDiagnostic[] {
  return [...ds].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
