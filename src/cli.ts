/**
 * `annalist`: the command line over the same core as the editor. I/O and exit codes live here; everything
 * else is the core's. Exit 0: nothing found; 1: problems found; 2: bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, parsePosition, UsageError, USAGE, type CliArgs } from './cli/args';
import { loadIndex, loadDatasetFile } from './node/datasets';
import { libraryFor, readDocument } from './node/documents';
import { buildIndex, type DatasetIndex } from './core/dataset/index';
import { DocumentIndexCache, datasetPathsFromFrontMatter } from './core/dataset/calendar-dates';
import { formatTextReport, toJsonReport, toSarifReport, type FileReport } from './core/report';
import { formatLookupText, lookup } from './core/lookup';
import { LineMap } from './core/text/lines';
import { analyzeText } from './core/text/analysis';
import { loadBibliography, bibliographyFormatOf } from './core/cite/bibliography';
import { CHECKS } from './core/check/index';
import { UNKNOWN_CITATION_KEY } from './core/cite/check';
import { AnnalistSession } from './core/session';
import { bibliographyPathsFromFrontMatter } from './core/cite/bibliography';
import type { AnnalistDiagnostic, Severity } from './core/types';
import { findCitations } from './core/cite/syntax';
import { formatReference } from './core/cite/hover';
import { formatBibliography, styleRequestFor, type StyleChoice } from './core/cite/format';
import { CslStyles, loadCiteprocBundle } from './node/csl-files';

const VERSION = '0.1.0';

class InputError extends Error {}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
}

function problemToDiagnostic(p: { range: AnnalistDiagnostic['range']; severity: Severity; code: string; message: string }): AnnalistDiagnostic {
  return { range: p.range, severity: p.severity, code: p.code, message: p.message, source: 'Annalist' };
}

function isBibliography(file: string): boolean {
  return bibliographyFormatOf(file) === 'bibtex' || path.extname(file).toLowerCase() === '.json';
}

function isDatasetFile(file: string): boolean {
  if (!/\.ya?ml$/i.test(file)) return false;
  try {
    return /^annalist\s*:/m.test(fs.readFileSync(file, 'utf8').slice(0, 4096));
  } catch {
    return false;
  }
}

function mustExist(files: string[]): void {
  for (const f of files) {
    if (!fs.existsSync(f)) throw new InputError(`cannot read ${f}: no such file`);
    if (fs.statSync(f).isDirectory()) throw new InputError(`${f} is a folder, not a file`);
  }
}

/** The editor's defaults: every check a warning, disputed dates a warning too. */
const CHECK_OPTIONS = { disputed: 'warning' as const };
const session = new AnnalistSession();
const documentIndexes = new DocumentIndexCache<DatasetIndex>();

/** The index a document is checked against: the shared one plus the datasets its front matter names (`annalist-datasets:`). */
function indexForDocument(file: string, frontMatter: unknown, shared: DatasetIndex, args: CliArgs): DatasetIndex {
  const given = new Set(args.datasets.map((d) => path.resolve(d)));
  const extra = datasetPathsFromFrontMatter(frontMatter).map((p) => path.resolve(path.dirname(path.resolve(file)), p)).filter((p) => !given.has(p));
  if (extra.length === 0) return shared;
  return documentIndexes.get(extra, () => {
    const loaded = loadIndex([...args.datasets, ...extra], { includeShipped: !args.noShipped });
    const extraUris = new Set(extra.map((p) => pathToFileURL(p).toString()));
    for (const p of loaded.problems) if (extraUris.has(p.uri)) process.stderr.write(`${p.uri}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]\n`);
    return loaded.index;
  });
}

function commandCheck(args: CliArgs): number {
  mustExist([...args.positional, ...args.datasets, ...args.bibliographies]);
  const { index, problems: datasetProblems } = loadIndex(args.datasets, { includeShipped: !args.noShipped });
  const reports: FileReport[] = [];
  // Problems of the datasets given with --dataset are part of what `check` reports.
  const byUri = new Map<string, AnnalistDiagnostic[]>();
  for (const p of datasetProblems) {
    if (!args.datasets.some((d) => p.uri.endsWith(encodeURI(path.resolve(d).replace(/\\/g, '/'))))) continue;
    (byUri.get(p.uri) ?? byUri.set(p.uri, []).get(p.uri)!).push(problemToDiagnostic(p));
  }
  for (const d of args.datasets) {
    const uriEnd = encodeURI(path.resolve(d).replace(/\\/g, '/'));
    for (const [uri, ds] of byUri) if (uri.endsWith(uriEnd)) reports.push({ file: d, diagnostics: ds });
  }
  for (const file of args.positional) {
    if (isBibliography(file)) {
      const parsed = loadBibliography(fs.readFileSync(file, 'utf8'), file);
      reports.push({ file, diagnostics: parsed.problems.map(problemToDiagnostic) });
      continue;
    }
    if (isDatasetFile(file)) {
      const parsed = loadDatasetFile(file);
      const { problems } = buildIndex([...(args.noShipped ? [] : [loadIndex().parts[0]]), parsed]);
      reports.push({ file, diagnostics: [...parsed.problems, ...problems.filter((p) => p.uri === parsed.uri)].map(problemToDiagnostic) });
      continue;
    }
    const doc = readDocument(file);
    const analysis = analyzeText(doc.getText(), doc.languageId);
    const docIndex = indexForDocument(file, analysis.frontMatter?.data, index, args);
    const { library, problems: bibProblems } = libraryFor(file, analysis.frontMatter?.data, docIndex, args.bibliographies);
    for (const p of bibProblems) process.stderr.write(`${p.uri}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]\n`);
    const configured = args.bibliographies.length > 0 || bibliographyPathsFromFrontMatter(analysis.frontMatter?.data).length > 0;
    const diagnostics = session.check(doc, { index: docIndex, library, bibliographyConfigured: configured }, CHECK_OPTIONS);
    reports.push({ file, diagnostics });
  }
  const format = args.format ?? 'text';
  if (format === 'json') out(JSON.stringify(toJsonReport(reports), null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarifReport(reports, { name: 'Annalist', version: VERSION, rules: [...CHECKS.map((c) => ({ id: c.code, description: c.description })), { id: UNKNOWN_CITATION_KEY, description: 'A citation key that no bibliography defines.' }] }), null, 2));
  else out(formatTextReport(reports));
  return reports.some((r) => r.diagnostics.length > 0) ? 1 : 0;
}

function documentAt(args: CliArgs) {
  mustExist([args.positional[0], ...args.datasets, ...args.bibliographies]);
  const doc = readDocument(args.positional[0]);
  const text = doc.getText();
  const lines = new LineMap(text);
  const pos = parsePosition(args.positional[1]);
  if (pos.line >= lines.lineCount) throw new InputError(`line ${pos.line + 1} is past the end of ${args.positional[0]} (${lines.lineCount} lines)`);
  const offset = lines.offsetAt(pos);
  const { index } = loadIndex(args.datasets, { includeShipped: !args.noShipped });
  return { doc, text, lines, offset, index };
}

function commandHover(args: CliArgs): number {
  const { doc, text, lines, offset, index } = documentAt(args);
  const analysis = analyzeText(text, doc.languageId);
  const { library } = libraryFor(args.positional[0], analysis.frontMatter?.data, index, args.bibliographies);
  const hover = session.hover(doc, offset, { index, library });
  if (args.format === 'json') {
    out(JSON.stringify(hover ? { contents: hover.markdown, range: lines.rangeOf(hover.start, hover.end) } : null, null, 2));
  } else if (hover) {
    out(hover.markdown);
  }
  return 0;
}

function commandComplete(args: CliArgs): number {
  const { doc, text, offset, index } = documentAt(args);
  const analysis = analyzeText(text, doc.languageId);
  const { library } = libraryFor(args.positional[0], analysis.frontMatter?.data, index, args.bibliographies);
  const result = session.complete(doc, offset, { index, library }, 50);
  const items = (result?.items ?? []).map((i) => ({ label: i.label, detail: i.detail, documentation: i.documentation, insertText: i.insertText }));
  if (args.format === 'text') out(items.map((i) => `${i.label}\t${i.detail}`).join('\n'));
  else out(JSON.stringify({ items }, null, 2));
  return 0;
}

function commandLookup(args: CliArgs): number {
  mustExist(args.datasets);
  const { index } = loadIndex(args.datasets, { includeShipped: !args.noShipped });
  const found = lookup(index, args.positional.join(' '));
  if (args.format === 'json') out(JSON.stringify(found, null, 2));
  else out(found.length ? formatLookupText(found) : `nothing in the dataset matches "${args.positional.join(' ')}"`);
  return found.length ? 0 : 1;
}

function commandValidate(args: CliArgs): number {
  mustExist(args.positional);
  const reports: FileReport[] = [];
  const parts = args.positional.map((f) => loadDatasetFile(f));
  // References may point into the shipped dataset, so it takes part in the cross-file checks.
  const shipped = args.noShipped ? [] : [loadIndex().parts[0]];
  const { problems } = buildIndex([...shipped, ...parts], { shippedUris: shipped.map((s) => s.uri) });
  args.positional.forEach((file, i) => {
    const mine = [...parts[i].problems, ...problems.filter((p) => p.uri === parts[i].uri)];
    reports.push({ file, diagnostics: mine.map(problemToDiagnostic) });
  });
  if (args.format === 'json') out(JSON.stringify(toJsonReport(reports), null, 2));
  else out(formatTextReport(reports));
  return reports.some((r) => r.diagnostics.length) ? 1 : 0;
}

// The engine bundle sits next to the built CLI (dist/citeproc.js); from the sources it is the bundle module.
const styles = new CslStyles(() => loadCiteprocBundle([
  path.join(__dirname, 'citeproc.js'),
  path.join(__dirname, 'core', 'cite', 'styles', 'bundle.ts'),
]));

function commandBibliography(args: CliArgs): number {
  const file = args.positional[0];
  mustExist([file, ...args.datasets, ...args.bibliographies]);
  const doc = readDocument(file);
  const text = doc.getText();
  const analysis = analyzeText(text, doc.languageId);
  const { index } = loadIndex(args.datasets, { includeShipped: !args.noShipped });
  const { library, problems } = libraryFor(file, analysis.frontMatter?.data, index, args.bibliographies);
  for (const p of problems) process.stderr.write(`${p.uri}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]\n`);
  const keys = findCitations(text, doc.languageId).map((c) => c.key);
  // --style beats the front matter's csl:, which beats the default.
  const request = args.style ? { name: args.style, from: 'setting' as const } : styleRequestFor(analysis.frontMatter?.data);
  let style: StyleChoice = 'summary';
  let styleName = 'summary';
  if (request.name !== 'summary') {
    let resolved;
    try {
      resolved = styles.resolve(request, { documentDir: path.dirname(path.resolve(file)), workspaceDir: process.cwd() });
    } catch (err) {
      throw new InputError(`cannot format references: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (resolved.problem) {
      if (args.style) throw new InputError(resolved.problem.replace(/; using .*$/, ''));
      process.stderr.write(`annalist: ${resolved.problem}\n`);
    }
    style = resolved.formatter;
    styleName = resolved.name;
  }
  const references = formatBibliography(keys, library, style, (e) => formatReference(e));
  const unknown = [...new Set(keys.filter((k) => !library.has(k)))];
  for (const k of unknown) process.stderr.write(`annalist: ${file}: no bibliography entry for @${k}\n`);
  const format = args.format ?? 'markdown';
  if (format === 'json') out(JSON.stringify({ style: styleName, references, unknownKeys: unknown }, null, 2));
  else if (format === 'text') out(references.map((r) => r.text).join('\n'));
  else out(references.map((r) => r.markdown).join('\n\n'));
  return unknown.length ? 1 : 0;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[]): number {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out(USAGE);
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    out(VERSION);
    return 0;
  }
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'check': return commandCheck(args);
      case 'hover': return commandHover(args);
      case 'complete': return commandComplete(args);
      case 'lookup': return commandLookup(args);
      case 'validate': return commandValidate(args);
      case 'bibliography': return commandBibliography(args);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`annalist: ${err.message}\n${USAGE.split('\n')[0]} … (annalist --help)\n`);
      return 2;
    }
    if (err instanceof InputError || (err instanceof Error && /^cannot read /.test(err.message))) {
      process.stderr.write(`annalist: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`annalist: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 2;
  }
  return 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
