/**
 * Node-side context of one document for the CLI: its text, and the citable entries it can use (the datasets'
 * sources, bibliographies given on the command line, those named in its front matter, inline `references:`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatasetIndex } from '../core/dataset/index';
import { Library, type BibProblem } from '../core/cite/library';
import { bibliographyPathsFromFrontMatter, loadBibliography, sourcesToEntries } from '../core/cite/bibliography';
import { referencesFromFrontMatter } from '../core/cite/csl';
import type { TextDocumentLike } from '../core/types';

/** Maps a file extension to the language id the editor would give it. */
export function languageIdOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  switch (ext) {
    case '.md': case '.markdown': case '.mdown': case '.mkd': return 'markdown';
    case '.qmd': return 'quarto';
    case '.rmd': return 'rmd';
    case '.tex': case '.ltx': case '.latex': return 'latex';
    default: return 'plaintext';
  }
}

/** A document read from disk. Throws a readable Error when the file cannot be read. */
export function readDocument(file: string): TextDocumentLike {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const uri = pathToFileURL(path.resolve(file)).toString();
  return { uri, languageId: languageIdOf(file), version: 1, getText: () => text };
}

/** The library a document cites from, with the problems of the files read for it. */
export function libraryFor(
  file: string,
  frontMatter: unknown,
  index: DatasetIndex,
  extraBibliographies: string[],
): { library: Library; problems: BibProblem[] } {
  const library = new Library();
  const problems: BibProblem[] = [];
  const dir = path.dirname(path.resolve(file));
  const named = [
    ...extraBibliographies.map((p) => path.resolve(p)),
    ...bibliographyPathsFromFrontMatter(frontMatter).map((p) => path.resolve(dir, p)),
  ];
  for (const bib of [...new Set(named)]) {
    const uri = pathToFileURL(bib).toString();
    let text: string;
    try {
      text = fs.readFileSync(bib, 'utf8');
    } catch (err) {
      problems.push({
        uri, severity: 'error', code: 'bib-syntax',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `cannot read bibliography ${bib}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
      continue;
    }
    const parsed = loadBibliography(text, uri);
    library.add(parsed.entries, parsed.problems);
  }
  const inline = referencesFromFrontMatter(frontMatter, pathToFileURL(path.resolve(file)).toString());
  library.add(inline.entries, inline.problems);
  // The datasets' sources come last and only where the writer has no entry of the same key: citing a book
  // that the dataset also lists is normal, not a duplicate worth reporting.
  for (const d of index.datasets) {
    const sources = index.sources.filter((s) => s.uri === d.uri && !library.has(s.id));
    library.add(sourcesToEntries(sources, d.uri, (id) => index.location(id)?.range));
  }
  problems.push(...library.sources.flatMap((s) => s.problems));
  return { library, problems };
}
