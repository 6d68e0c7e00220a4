/**
 * Quick fixes every check shares: switching a diagnostic off on one line or in the whole document with the inline
 * comments the text analysis understands.
 */
import type { TextAnalysis } from '../text/analysis';
import type { Fix } from '../types';

/** The line break the document uses most: CRLF when its first line break is one. */
export function lineBreakOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

function comment(analysis: TextAnalysis, body: string): string | undefined {
  if (analysis.dialect === 'markdown') return `<!-- ${body} -->`;
  if (analysis.dialect === 'latex') return `% ${body}`;
  return undefined; // plain text has no comments
}

/** "Ignore on this line" and "Ignore in this document" for a diagnostic of `code` at `offset`; none in plain text. */
export function suppressionFixes(analysis: TextAnalysis, code: string, offset: number, what = code): Fix[] {
  const text = analysis.text;
  const eol = lineBreakOf(text);
  const out: Fix[] = [];
  const line = analysis.lines.positionAt(offset).line;
  const lineStart = analysis.lines.offsetAt({ line, character: 0 });
  let indent = 0;
  while (lineStart + indent < text.length && (text.charCodeAt(lineStart + indent) === 32 || text.charCodeAt(lineStart + indent) === 9)) indent++;
  const nextLine = comment(analysis, `annalist-disable-next-line ${code}`);
  if (nextLine) {
    const at = { line, character: 0 };
    out.push({ title: `Ignore ${what} on this line`, edits: [{ range: { start: at, end: at }, newText: `${text.slice(lineStart, lineStart + indent)}${nextLine}${eol}` }] });
  }
  const file = comment(analysis, `annalist-disable-file ${code}`);
  if (file) {
    // At the very top, or on its own line right after the front matter.
    const top = analysis.frontMatter ? analysis.frontMatter.end : 0;
    const insertAt = analysis.lines.positionAt(top);
    const newText = top === 0 ? `${file}${eol}` : `${eol}${file}`;
    out.push({ title: `Ignore ${what} in this document`, edits: [{ range: { start: insertAt, end: insertAt }, newText }] });
  }
  return out;
}
