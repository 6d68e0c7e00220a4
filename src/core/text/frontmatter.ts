/**
 * The YAML front matter of a Markdown document, read without analysing the rest: completion and bibliography
 * resolution need only the top of the file, and must not pay for a whole-document scan on each keystroke.
 */
import { parse } from 'yaml';
import { dialectOf } from './analysis';

/** Front matter longer than this is not read here (the full analysis still reads it). */
const MAX_FRONT_MATTER = 256 * 1024;

/** The parsed front matter of a Markdown document, or undefined (none, not Markdown, or broken YAML). */
export function readFrontMatter(text: string, languageId: string): unknown {
  if (dialectOf(languageId) !== 'markdown') return undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEnd(text, i);
  if (text.slice(i, firstEnd).trimEnd() !== '---') return undefined;
  i = nextLine(text, firstEnd);
  const bodyStart = i;
  while (i < text.length && i - bodyStart <= MAX_FRONT_MATTER) {
    const end = lineEnd(text, i);
    const line = text.slice(i, end).trimEnd();
    if (line === '---' || line === '...') {
      try {
        return parse(text.slice(bodyStart, i), { maxAliasCount: 100 }) ?? undefined;
      } catch {
        return undefined;
      }
    }
    i = nextLine(text, end);
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, end: number): number {
  if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) return end + 2;
  return end + 1;
}
