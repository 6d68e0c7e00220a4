#!/usr/bin/env node
// Fails (exit 1, listing file:line) when src/ names the subject of the shipped dataset: a proper name of its
// people, places or events. Proof that nothing in the engine is tied to one subject.
//
// The words come from data/destalinization.yaml: words of 4 or more letters in labels and names that are
// written capitalised there and never in lower case anywhere in the file (so "Speech" or "Congress", which its
// descriptions also write as "speech", "congress", are common words), minus common English words that are
// capitalised in titles (month and weekday names, ...). src/ is searched for them as whole words, case kept.
//
// Usage: node scripts/check-subject-words.mjs [--list] [DATASET] [FOLDER]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const list = args.includes('--list');
const [datasetArg, folderArg] = args.filter((a) => !a.startsWith('--'));
const DATASET = path.resolve(ROOT, datasetArg ?? 'data/destalinization.yaml');
const SRC = path.resolve(ROOT, folderArg ?? 'src');

/** Common words that titles capitalise; never subject words. */
const COMMON = new Set(`
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter
first second third fourth fifth sixth seventh eighth ninth tenth twentieth twenty
about after against also among before between during from into over under with without this that these those
their there where which while what when whom whose other same some such than then them they here
state states party city day days year years people great new old north south east west central union
general secretary minister premier president chairman leader committee council congress conference meeting
speech report letter treaty speeches decree plenum session crisis revolution uprising war peace death burial
body tomb wall square street house palace hall station bridge river sea lake island road park
limited times york department ministers minister marshal serialisation publication press
partial alone bread doctor kitchen monument united pact heirs polish
anti consequences debate defeat dismissal execution launch readings renaming toppling
national international republic republics people's peoples socialist communist democratic federal
`.split(/\s+/).filter(Boolean));

function words(text) {
  return String(text).match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
}

// Names lists are left out: they hold lower-case catalogue forms ("smith, john") written to match any case.
const PROSE_KEYS = new Set(['description', 'note', 'text', 'title', 'role', 'container-title']);

/** Every prose string of a parsed dataset (descriptions, notes, titles, roles), without web addresses. */
function proseOf(value, key = '', out = []) {
  if (typeof value === 'string') {
    if (PROSE_KEYS.has(key)) out.push(value.replace(/\S*[\p{L}\d]\.[a-z]{2,}(?:\/\S*)?/gu, ' '));
  } else if (Array.isArray(value)) {
    for (const v of value) proseOf(v, key, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'cues' && k !== 'id') proseOf(v, k, out);
  }
  return out;
}

/** The subject words of a dataset file. */
export function subjectWords(yamlText) {
  const data = parse(yamlText) ?? {};
  // Words the curators' prose writes in lower case (ids, cues and keys are not prose).
  const lowerSeen = new Set();
  for (const text of proseOf(data)) {
    for (const w of words(text)) {
      if (!/^\p{Ll}/u.test(w) || /^[\p{Ll}\d]+(?:-[\p{Ll}\d]+)+$/u.test(w)) continue; // entry ids cited in notes are not prose
      for (const part of w.split(/[-'’]/)) lowerSeen.add(part.toLowerCase());
    }
  }
  const out = new Set();
  const entries = [...(data.people ?? []), ...(data.places ?? []), ...(data.events ?? [])];
  for (const e of entries) {
    const forms = [e?.label, ...(Array.isArray(e?.names) ? e.names : [])].filter((f) => typeof f === 'string');
    for (const form of forms) {
      for (const w of words(form)) {
        for (const part of w.split(/[-'’]/)) {
          if (!/^\p{Lu}/u.test(part)) continue;
          const letters = part.replace(/[^\p{L}]/gu, '');
          if (letters.length < 4 || /^\p{Lu}+$/u.test(letters)) continue; // short words and acronyms
          const low = letters.toLowerCase();
          if (COMMON.has(low) || lowerSeen.has(low)) continue;
          out.add(letters);
        }
      }
    }
  }
  return [...out].sort();
}

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) yield p;
  }
}

function main() {
  let yamlText;
  try {
    yamlText = fs.readFileSync(DATASET, 'utf8');
  } catch (err) {
    process.stderr.write(`check-subject-words: cannot read ${DATASET}: ${err.code ?? err.message}\n`);
    return 2;
  }
  const subject = subjectWords(yamlText);
  if (list) {
    process.stdout.write(subject.join('\n') + '\n');
    return 0;
  }
  const wanted = new Set(subject);
  const hits = [];
  for (const file of sourceFiles(SRC)) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      const found = new Set();
      for (const w of words(line)) for (const part of w.split(/[-'’]/)) if (wanted.has(part)) found.add(part);
      if (found.size > 0) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${[...found].join(', ')}`);
    });
  }
  if (hits.length === 0) {
    process.stdout.write(`check-subject-words: no word of the shipped subject in ${path.relative(ROOT, SRC) || '.'} (${subject.length} words checked)\n`);
    return 0;
  }
  process.stdout.write(`check-subject-words: ${hits.length} line(s) in ${path.relative(ROOT, SRC)} name the shipped subject:\n${hits.join('\n')}\n`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
