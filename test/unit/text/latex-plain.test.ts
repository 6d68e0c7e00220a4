import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/text/analysis';
import { assertExcluded, assertProse, sentencesOf, titlesOf } from './helpers';

const TEX = 'latex';

describe('analyzeText (LaTeX): what is not prose', () => {
  it('skips comments but not an escaped percent sign', () => {
    const text = 'Half of them, 50\\% in all, left. % a remark of 1956\nNext line.';
    assertExcluded(text, TEX, '% a remark of 1956');
    assertProse(text, TEX, '50');
    assertProse(text, TEX, '% in all, left.');
    assertProse(text, TEX, 'Next line.');
  });

  it('skips math environments (starred too), inline and display math', () => {
    const text = 'A $x=1956$ b \\(y\\) c \\[z\\] d $$w$$ e.\n\\begin{equation}1953\\end{equation}\n\\begin{align*}1964\\end{align*}\n\\begin{displaymath}q\\end{displaymath} \\begin{math}r\\end{math} \\begin{gather}s\\end{gather}\nEnd.';
    for (const piece of ['$x=1956$', '\\(y\\)', '\\[z\\]', '$$w$$', '\\begin{equation}1953\\end{equation}', '\\begin{align*}1964\\end{align*}', '\\begin{displaymath}q\\end{displaymath}', '\\begin{math}r\\end{math}', '\\begin{gather}s\\end{gather}']) {
      assertExcluded(text, TEX, piece);
    }
    assertProse(text, TEX, 'End.');
  });

  it('skips verbatim, lstlisting and minted environments and \\verb', () => {
    const text = '\\begin{verbatim}\nraw 1956\n\\end{verbatim}\n\\begin{lstlisting}\nx\n\\end{lstlisting}\n\\begin{minted}{python}\ny\n\\end{minted}\nUse \\verb|code| here.';
    assertExcluded(text, TEX, 'raw 1956');
    assertExcluded(text, TEX, '\\begin{lstlisting}\nx\n\\end{lstlisting}');
    assertExcluded(text, TEX, '\\begin{minted}{python}\ny\n\\end{minted}');
    assertExcluded(text, TEX, '\\verb|code|');
    assertProse(text, TEX, 'here.');
  });

  it('skips the arguments of reference, citation, URL, file and package commands', () => {
    const text = [
      'See \\label{sec:thaw} and \\ref{fig:1} and \\eqref{eq:2} and \\pageref{p:3} now.',
      'As \\cite{taubman2003} and \\parencite[see][p. 3]{service} and \\citep*{a,b} said.',
      'Visit \\url{https://example.org} or \\href{https://example.org}{the site} today.',
      '\\input{chapter1} \\include{chapter2} \\bibliography{refs} \\usepackage[utf8]{inputenc}',
    ].join('\n');
    for (const piece of ['\\label{sec:thaw}', '\\ref{fig:1}', '\\eqref{eq:2}', '\\pageref{p:3}', '\\cite{taubman2003}', '\\parencite[see][p. 3]{service}', '\\citep*{a,b}', '\\url{https://example.org}', '\\href{https://example.org}', '\\input{chapter1}', '\\include{chapter2}', '\\bibliography{refs}', '\\usepackage[utf8]{inputenc}']) {
      assertExcluded(text, TEX, piece);
    }
    assertProse(text, TEX, 'the site');
    assertProse(text, TEX, 'said.');
  });

  it('skips command names and \\begin/\\end names, keeps command arguments that are prose', () => {
    const text = '\\begin{quote}\n\\textbf{Bold words} and \\emph{Pravda}.\n\\end{quote}';
    assertExcluded(text, TEX, '\\begin{quote}');
    assertExcluded(text, TEX, '\\end{quote}');
    assertExcluded(text, TEX, '\\textbf');
    assertProse(text, TEX, 'Bold words');
    assertProse(text, TEX, 'Pravda');
  });

  it('treats the preamble as settings, not prose', () => {
    const text = '\\documentclass{article}\n\\title{A Title}\n\\begin{document}\nBody text.\n\\end{document}';
    assertExcluded(text, TEX, '\\documentclass{article}');
    assertExcluded(text, TEX, 'A Title');
    assertProse(text, TEX, 'Body text.');
  });

  it('finds titles in \\emph, \\textit, \\mkbibemph and quoted spans', () => {
    assert.deepEqual(titlesOf('\\emph{Pravda}, \\textit{Izvestia}, \\mkbibemph{Trud} and ``The Thaw\'\' and "Snow".', TEX), ['Pravda', 'Izvestia', 'Trud', 'The Thaw', 'Snow']);
  });

  it('separates paragraphs at blank lines; sectioning commands and items are their own', () => {
    const text = '\\section{The Thaw}\nFirst para\ncontinues.\n\nSecond.\n\\begin{itemize}\n\\item One.\n\\item Two.\n\\end{itemize}';
    const a = analyzeText(text, TEX);
    assert.deepEqual(a.paragraphs.map((p) => text.slice(p.start, p.end)), ['\\section{The Thaw}', 'First para\ncontinues.', 'Second.', '\\item One.', '\\item Two.']);
  });
});

describe('analyzeText (plain text)', () => {
  it('is all prose except URLs and e-mail addresses', () => {
    const text = 'Mail me@example.com or see https://example.org/a. `not code` and $not math$ stay.';
    assertExcluded(text, 'plaintext', 'me@example.com');
    assertExcluded(text, 'plaintext', 'https://example.org/a');
    assertProse(text, 'plaintext', '`not code` and $not math$ stay.');
    assert.deepEqual(analyzeText(text, 'plaintext').citations, []);
  });

  it('treats unknown language ids as plain text', () => {
    const a = analyzeText('# not a heading', 'something-else');
    assert.equal(a.dialect, 'plaintext');
    assert.ok(a.isProse(0));
  });
});

describe('analyzeText (LaTeX): footnotes after a full stop', () => {
  it('ends the sentence before .\\footnote{ and makes the footnote text a sentence of its own', () => {
    const text = 'Khrushchev fell in 1964.\\footnote{See Tatu, who dates it 1965.} Brezhnev followed.\\footnote{Twice.}';
    assert.deepEqual(sentencesOf(text, 'latex'), ['Khrushchev fell in 1964.', 'See Tatu, who dates it 1965.', 'Brezhnev followed.', 'Twice.']);
  });
  it('leaves a footnote in the middle of a sentence inside it', () => {
    const text = 'He spoke in 1956\\footnote{Or 1957.} and left.';
    assert.deepEqual(sentencesOf(text, 'latex'), [text]);
  });
});
