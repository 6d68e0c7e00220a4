/**
 * Checking a whole manuscript: which files belong to it (include and exclude globs over workspace-relative paths)
 * and the summary of what the checks found across them ("12 files, 3 misdated events, 1 unknown citation key").
 * The editor and the command line find and read the files; this part only judges and counts.
 */
import type { AnnalistDiagnostic } from './types';

/** The files a manuscript check looks at by default. */
export const DEFAULT_MANUSCRIPT_INCLUDE: readonly string[] = Object.freeze(['**/*.{md,markdown,qmd,rmd,tex}']);

/** One checked file and what the checks found in it. */
export interface ManuscriptFileResult {
  /** A URI or a workspace-relative path. */
  file: string;
  diagnostics: readonly AnnalistDiagnostic[];
}

/** What a manuscript check found, counted. */
export interface ManuscriptSummary {
  /** Files checked. */
  files: number;
  /** Files with at least one problem. */
  filesWithProblems: number;
  /** Every problem found. */
  problems: number;
  /** Problems by diagnostic code, in the order of {@link ManuscriptSummary.text}. */
  counts: { code: string; count: number }[];
  /** Misdated events whose written date agrees with a disputing source (part of the `misdated-event` count). */
  disputed: number;
  /** "12 files, 3 misdated events (1 disputed), 1 unknown citation key", or "12 files, no problems". */
  text: string;
}

/** Options of {@link summarizeManuscript}. */
export interface SummaryOptions {
  /** Files that were to be checked; more than were checked when the check was cancelled ("5 of 12 files"). */
  planned?: number;
}

/** Singular and plural words for the codes Annalist reports; other codes are spelled out from their kebab case. */
const CODE_WORDS: Record<string, [string, string]> = {
  'misdated-event': ['misdated event', 'misdated events'],
  'weekday-mismatch': ['weekday mismatch', 'weekday mismatches'],
  'unknown-citation-key': ['unknown citation key', 'unknown citation keys'],
};
const CODE_ORDER = Object.keys(CODE_WORDS);

/** The English plural of a single word ("key" → "keys", "mismatch" → "mismatches", "entry" → "entries"). */
function pluralWord(word: string): string {
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** "1 misdated event", "3 misdated events", "2 duplicate ids" for any kebab-case code. */
export function countWords(code: string, count: number): string {
  const known = CODE_WORDS[code];
  if (known) return `${count} ${count === 1 ? known[0] : known[1]}`;
  const words = String(code).split('-').filter((w) => w.length > 0);
  if (words.length === 0) return `${count} ${count === 1 ? 'problem' : 'problems'}`;
  if (count !== 1) words[words.length - 1] = pluralWord(words[words.length - 1]);
  return `${count} ${words.join(' ')}`;
}

/** The counts of a manuscript check and the sentence that tells them. */
export function summarizeManuscript(results: readonly ManuscriptFileResult[], options: SummaryOptions = {}): ManuscriptSummary {
  const list = Array.isArray(results) ? results.filter((r) => r && typeof r === 'object') : [];
  const byCode = new Map<string, number>();
  let problems = 0;
  let filesWithProblems = 0;
  let disputed = 0;
  for (const r of list) {
    const diagnostics = Array.isArray(r.diagnostics) ? r.diagnostics : [];
    if (diagnostics.length > 0) filesWithProblems++;
    for (const d of diagnostics) {
      const code = d && typeof d.code === 'string' && d.code ? d.code : 'problem';
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
      problems++;
      if (code === 'misdated-event' && d.data?.disputed === true) disputed++;
    }
  }
  const rank = (code: string) => {
    const k = CODE_ORDER.indexOf(code);
    return k < 0 ? CODE_ORDER.length : k;
  };
  const counts = [...byCode.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => rank(a.code) - rank(b.code) || b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const files = list.length;
  const planned = typeof options?.planned === 'number' && Number.isFinite(options.planned) && options.planned > files ? Math.floor(options.planned) : undefined;
  const head = planned !== undefined ? `${files} of ${planned} ${planned === 1 ? 'file' : 'files'}` : `${files} ${files === 1 ? 'file' : 'files'}`;
  const parts = counts.map((c) => {
    const words = countWords(c.code, c.count);
    return c.code === 'misdated-event' && disputed > 0 ? `${words} (${disputed} disputed)` : words;
  });
  const text = `${head}, ${parts.length > 0 ? parts.join(', ') : 'no problems'}`;
  return { files, filesWithProblems, problems, counts, disputed, text };
}

// ---------------------------------------------------------------------------------------------------------------
// Globs

const MAX_EXPANSIONS = 256;

/** `{a,b}` groups expanded (nested groups too), at most a few hundred alternatives. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob]; // an unclosed brace is literal
  const head = glob.slice(0, open);
  const tail = glob.slice(close + 1);
  const cuts = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    for (const inner of expandBraces(glob.slice(cuts[k] + 1, cuts[k + 1]))) {
      for (const rest of expandBraces(tail)) {
        out.push(head + inner + rest);
        if (out.length >= MAX_EXPANSIONS) return out;
      }
    }
  }
  return out;
}

/** One path segment against one glob segment: `*` any run, `?` one character, `[abc]`/`[a-z]`/`[!a]` a class. */
function segmentMatches(pattern: string, text: string): boolean {
  // Iterative wildcard matching with one backtrack point: linear in practice, never exponential.
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
      continue;
    }
    if (p < pattern.length) {
      const step = oneChar(pattern, p, text[t]);
      if (step > 0) {
        p += step;
        t++;
        continue;
      }
    }
    if (star < 0) return false;
    p = star + 1;
    t = ++mark;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** How many pattern characters matched `c` at `p` (0: no match). */
function oneChar(pattern: string, p: number, c: string): number {
  const ch = pattern[p];
  if (ch === '?') return 1;
  if (ch === '[') {
    const end = pattern.indexOf(']', p + 2);
    if (end > 0) {
      let body = pattern.slice(p + 1, end);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      let hit = false;
      for (let i = 0; i < body.length; i++) {
        if (body[i + 1] === '-' && i + 2 < body.length) {
          if (c >= body[i] && c <= body[i + 2]) hit = true;
          i += 2;
        } else if (body[i] === c) hit = true;
      }
      return hit !== negated ? end - p + 1 : 0;
    }
  }
  return ch === c ? 1 : 0;
}

/** Path segments against glob segments, `**` standing for any number of segments (dynamic programming). */
function segmentsMatch(globs: readonly string[], parts: readonly string[]): boolean {
  // can[i][j]: globs[i..] matches parts[j..]
  const rows = globs.length + 1;
  const cols = parts.length + 1;
  const can: boolean[] = new Array<boolean>(rows * cols).fill(false);
  can[(rows - 1) * cols + (cols - 1)] = true;
  for (let i = rows - 2; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const g = globs[i];
      let ok: boolean;
      if (g === '**') ok = can[(i + 1) * cols + j] || (j < parts.length && can[i * cols + j + 1]);
      else ok = j < parts.length && segmentMatches(g, parts[j]) && can[(i + 1) * cols + j + 1];
      can[i * cols + j] = ok;
    }
  }
  return can[0];
}

/**
 * A test of workspace-relative paths (`/`-separated, as `asRelativePath` gives them) against globs in the
 * `files.exclude` dialect: `**`, `*`, `?`, `[a-z]`, `{a,b}`. A glob without a `/` matches a file name at any depth.
 */
export function globMatcher(globs: readonly string[] | undefined): (path: string) => boolean {
  const compiled: string[][] = [];
  for (const raw of Array.isArray(globs) ? globs : []) {
    if (typeof raw !== 'string') continue;
    const glob = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (!glob) continue;
    for (const alt of expandBraces(glob)) {
      const segs = alt.split('/').filter((s) => s.length > 0);
      if (segs.length === 0) continue;
      compiled.push(alt.includes('/') ? segs : ['**', ...segs]);
    }
  }
  return (path: string) => {
    if (typeof path !== 'string' || compiled.length === 0) return false;
    const parts = path.replace(/\\/g, '/').split('/').filter((s) => s.length > 0 && s !== '.');
    return compiled.some((g) => segmentsMatch(g, parts) || (g[g.length - 1] !== '**' && segmentsMatch([...g, '**'], parts)));
  };
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  qmd: 'quarto',
  rmd: 'rmd',
  tex: 'latex',
  latex: 'latex',
  ltx: 'latex',
  txt: 'plaintext',
};

/** The language a manuscript file is read as, by its extension (`plaintext` for any other). */
export function languageOfPath(path: string): string {
  const name = String(path ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';
  return LANGUAGE_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? 'plaintext';
}
