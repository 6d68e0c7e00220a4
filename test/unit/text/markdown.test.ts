import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/text/analysis';
import { assertExcluded, assertProse, proseOf, titlesOf } from './helpers';

const MD = 'markdown';

describe('analyzeText (Markdown): what is not prose', () => {
  it('skips YAML front matter closed by --- or ...', () => {
    const text = '---\ntitle: The Thaw\ndate: 1956\n---\nThe speech was given.\n';
    assertExcluded(text, MD, 'title: The Thaw');
    assertProse(text, MD, 'The speech was given.');
    const dots = '---\ntitle: x\n...\nProse here.';
    assertExcluded(dots, MD, 'title: x');
    assertProse(dots, MD, 'Prose here.');
  });

  it('does not take a later --- pair for front matter, nor an unclosed one', () => {
    const text = 'Intro line.\n\n---\nnot: yaml\n---\n';
    assert.equal(analyzeText(text, MD).frontMatter, undefined);
    assertProse(text, MD, 'Intro line.');
    assert.equal(analyzeText('---\ntitle: open\nStill typing', MD).frontMatter, undefined);
  });

  it('skips fenced code blocks with ``` and ~~~, with info strings; an open fence runs to the end', () => {
    const text = 'Before.\n\n```{r echo=FALSE}\nplot(1956)\n```\n\n~~~python\nx = 1953\n~~~~\nAfter.\n\n````\nopen 1964\n';
    assertExcluded(text, MD, 'plot(1956)');
    assertExcluded(text, MD, 'x = 1953');
    assertExcluded(text, MD, 'open 1964');
    assertProse(text, MD, 'Before.');
    assertProse(text, MD, 'After.');
  });

  it('closes a fence only with the same character and at least the same length', () => {
    const text = '````\ncode\n```\nstill code\n````\nProse.';
    assertExcluded(text, MD, 'still code');
    assertProse(text, MD, 'Prose.');
  });

  it('skips indented code blocks, but not indented list continuations or lazy lines', () => {
    const text = 'Para.\n\n    indented code 1956\n\nNext.\n\n- item\n\n    continued item text\n';
    assertExcluded(text, MD, 'indented code 1956');
    assertProse(text, MD, 'continued item text');
    const lazy = 'A paragraph\n    with an indented lazy line.';
    assertProse(lazy, MD, 'with an indented lazy line.');
  });

  it('skips inline code spans of any backtick-run length, and keeps unmatched backticks as prose', () => {
    const text = 'Use `x` and ``a ` b`` and ```c``` here; a lone ` tick stays.';
    assertExcluded(text, MD, '`x`');
    assertExcluded(text, MD, '``a ` b``');
    assertExcluded(text, MD, '```c```');
    assertProse(text, MD, 'here; a lone');
    assertProse(text, MD, 'tick stays.');
  });

  it('does not let a code span cross a blank line', () => {
    const text = 'One ` open.\n\nTwo ` close.';
    assertProse(text, MD, 'open.');
    assertProse(text, MD, 'Two');
  });

  it('skips HTML comments (also over several lines) and raw HTML tags but keeps the text between tags', () => {
    const text = 'A <!-- hidden 1956 --> b <span class="x">visible</span> c.\n\n<!--\nlong\n\ncomment\n-->\nEnd.';
    assertExcluded(text, MD, '<!-- hidden 1956 -->');
    assertExcluded(text, MD, '<span class="x">');
    assertExcluded(text, MD, '</span>');
    assertProse(text, MD, 'visible');
    assertExcluded(text, MD, 'long');
    assertExcluded(text, MD, 'comment');
    assertProse(text, MD, 'End.');
  });

  it('keeps comparison signs in prose', () => {
    assertProse('If a < b and c > d then.', MD, 'a < b and c > d');
  });

  it('skips autolinks, bare URLs, www addresses, mailto: and e-mail addresses', () => {
    const text = 'See <https://example.org/a?b=1> and https://example.org/x_(y). Or www.example.com, mailto:me@x.org and me.you@example.co.uk today.';
    assertExcluded(text, MD, '<https://example.org/a?b=1>');
    assertExcluded(text, MD, 'https://example.org/x_(y)');
    assertProse(text, MD, '. Or');
    assertExcluded(text, MD, 'www.example.com');
    assertProse(text, MD, ', ');
    assertExcluded(text, MD, 'mailto:me@x.org');
    assertExcluded(text, MD, 'me.you@example.co.uk');
    assertProse(text, MD, 'today.');
  });

  it('keeps link text but skips link destinations, titles and reference definitions', () => {
    const text = 'Read [the speech](https://example.org "Speech of 1956") and [the report][rep].\n\n[rep]: https://example.org/r "Report 1956"\n';
    assertProse(text, MD, 'the speech');
    assertExcluded(text, MD, '(https://example.org "Speech of 1956")');
    assertProse(text, MD, 'the report');
    assertExcluded(text, MD, '[rep]', 1);
    assertExcluded(text, MD, '[rep]: https://example.org/r "Report 1956"');
  });

  it('skips images entirely', () => {
    const text = 'Look ![A poster of 1956](poster.png){width=50%} here.';
    assertExcluded(text, MD, '![A poster of 1956](poster.png){width=50%}');
    assertProse(text, MD, 'here.');
  });

  it('skips Pandoc citations: brackets, keys, prefixes and suffixes', () => {
    const text = 'It was 1956 [see @taubman2003, pp. 270–272; @service2009, chap. 3]. As @smith04 [p. 33] says, and [-@doe99].';
    assertExcluded(text, MD, '[see @taubman2003, pp. 270–272; @service2009, chap. 3]');
    assertExcluded(text, MD, '@smith04 [p. 33]');
    assertExcluded(text, MD, '[-@doe99]');
    assertProse(text, MD, 'As');
    assertProse(text, MD, 'says, and');
  });

  it('keeps a bracket that is not a citation, and footnote references are skipped', () => {
    const text = 'He [Khrushchev] spoke.[^1]\n\n[^1]: A note on 1956.';
    assertProse(text, MD, '[Khrushchev] spoke.');
    assertExcluded(text, MD, '[^1]');
    assertExcluded(text, MD, '[^1]:');
    assertProse(text, MD, 'A note on 1956.');
  });

  it('skips math: $…$, $$…$$, \\(…\\) and \\[…\\], but not prices', () => {
    const text = 'Let $x = 1956$ and $$y = 2$$ and \\(z\\) and \\[w\\]. It cost $20,000 and $30,000 then.';
    assertExcluded(text, MD, '$x = 1956$');
    assertExcluded(text, MD, '$$y = 2$$');
    assertExcluded(text, MD, '\\(z\\)');
    assertExcluded(text, MD, '\\[w\\]');
    assertProse(text, MD, '20,000 and');
    assertProse(text, MD, '30,000 then.');
  });

  it('keeps escaped characters as prose (\\$, \\@, \\*)', () => {
    const text = 'Price \\$5 and \\@home and \\*stars\\*.';
    assertProse(text, MD, '5 and');
    assertProse(text, MD, '@home');
    assert.equal(analyzeText(text, MD).citations.length, 0);
  });

  it('skips heading markers and attributes, list markers, block quote markers and table pipes', () => {
    const text = '## The Thaw {#sec-thaw .unnumbered}\n\n- one\n2. two\n\n> quoted text\n\n| A | B |\n|---|---|\n| x | y |\n';
    assertExcluded(text, MD, '##');
    assertExcluded(text, MD, '{#sec-thaw .unnumbered}');
    assertProse(text, MD, 'The Thaw');
    assertExcluded(text, MD, '- ');
    assertExcluded(text, MD, '2. ');
    assertExcluded(text, MD, '>');
    assertProse(text, MD, 'quoted text');
    assertExcluded(text, MD, '|---|---|');
    assertProse(text, MD, 'x');
  });

  it('treats Quarto and R Markdown as Markdown (code chunks, inline R code)', () => {
    const text = 'The count is `r nrow(df)` today.\n\n```{r}\n1956\n```\n';
    for (const id of ['quarto', 'rmd']) {
      assertExcluded(text, id, '`r nrow(df)`');
      assertExcluded(text, id, '1956');
      assertProse(text, id, 'today.');
    }
  });

  it('gives prose regions in order, trimmed and disjoint', () => {
    assert.equal(proseOf('Hello `code` world.', MD), 'Hello|world.');
  });
});

describe('analyzeText (Markdown): titles of works', () => {
  it('finds single and double emphasis with * and _', () => {
    assert.deepEqual(titlesOf('He read *Pravda*, __Izvestia__, _Novyi Mir_ and **Trud**.'), ['Pravda', 'Izvestia', 'Novyi Mir', 'Trud']);
  });

  it('does not take intraword underscores or spaced asterisks for emphasis', () => {
    assert.deepEqual(titlesOf('snake_case_name and 2 * 3 * 4'), []);
  });

  it('finds double-quoted spans (straight and curly) up to 200 characters', () => {
    assert.deepEqual(titlesOf('The article "On the Cult" and \u201cThe Thaw\u201d appeared.'), ['On the Cult', 'The Thaw']);
    const long = `"${'a'.repeat(250)}"`;
    assert.deepEqual(titlesOf(long), []);
  });

  it('marks emphasis delimiters as non-prose and keeps the title text as prose', () => {
    const text = 'See *One Day* now.';
    assertExcluded(text, MD, '*', 0);
    assertProse(text, MD, 'One Day');
  });
});

describe('analyzeText: front matter', () => {
  it('parses YAML front matter', () => {
    const a = analyzeText('---\ntitle: Thaw\nyear: 1956\n---\nText.', MD);
    assert.deepEqual(a.frontMatter?.data, { title: 'Thaw', year: 1956 });
    assert.equal(a.frontMatter?.error, undefined);
    assert.equal(a.frontMatter?.start, 0);
    assert.equal(a.frontMatter?.end, '---\ntitle: Thaw\nyear: 1956\n---'.length);
  });

  it('reports broken YAML as an error without throwing', () => {
    const a = analyzeText('---\ntitle: [unclosed\n  : : :\n---\nText.', MD);
    assert.ok(a.frontMatter);
    assert.equal(a.frontMatter.data, undefined);
    assert.equal(typeof a.frontMatter.error, 'string');
    assert.ok((a.frontMatter.error ?? '').length > 0);
  });

  it('handles a byte order mark and CRLF', () => {
    const a = analyzeText('\uFEFF---\r\ntitle: Thaw\r\n---\r\nText.', MD);
    assert.deepEqual(a.frontMatter?.data, { title: 'Thaw' });
  });
});

describe('analyzeText: paragraphs', () => {
  it('separates paragraphs at blank lines; headings, list items and table rows are their own', () => {
    const text = '# Title\nFirst line\nsecond line.\n\n- item one\n- item two\n\n| a | b |\n| c | d |\n\nLast.';
    const a = analyzeText(text, MD);
    const paras = a.paragraphs.map((p) => text.slice(p.start, p.end));
    assert.deepEqual(paras, ['Title', 'First line\nsecond line.', 'item one', 'item two', '| a | b |', '| c | d |', 'Last.']);
    assert.equal(a.paragraphOf(text.indexOf('second')), 1);
    assert.equal(a.paragraphOf(text.indexOf('Last')), 6);
    assert.equal(a.paragraphOf(text.indexOf('\n\n')), undefined);
  });

  it('drops paragraphs without prose (code, comments)', () => {
    const text = 'One.\n\n<!-- only a comment -->\n\n```\ncode\n```\n\nTwo.';
    const a = analyzeText(text, MD);
    assert.deepEqual(a.paragraphs.map((p) => text.slice(p.start, p.end)), ['One.', 'Two.']);
  });
});

describe('analyzeText (Markdown): a number wrapped to the start of a line', () => {
  it('keeps "June\\n1961." in its paragraph (an empty or non-1 numbered item cannot interrupt a paragraph)', () => {
    for (const text of ['the events of June\n1961.', 'the events of June\r\n1961. Then more.']) {
      const a = analyzeText(text, 'markdown');
      assert.equal(a.paragraphs.length, 1);
      assert.equal(a.prose.length, 1);
      assert.ok(a.isProse(text.indexOf('1961')));
    }
  });
  it('still starts a list at "1." or a bullet after a paragraph', () => {
    const a = analyzeText('Steps:\n1. first\n- second', 'markdown');
    assert.equal(a.isProse(a.text.indexOf('1.')), false);
    assert.equal(a.isProse(a.text.indexOf('- ')), false);
  });
});

describe('analyzeText: date regions see through inline emphasis', () => {
  const regionsOf = (text: string, lang: string) => analyzeText(text, lang).dateRegions.map((r) => text.slice(r.start, r.end));
  it('joins prose split by emphasis markers on one line', () => {
    assert.deepEqual(regionsOf('in *November* 1964.', 'markdown'), ['in *November* 1964.']);
    assert.deepEqual(regionsOf('on **25 February** 1956.', 'markdown'), ['on **25 February** 1956.']);
    assert.deepEqual(regionsOf('in \\emph{November} 1964 came', 'latex'), ['in \\emph{November} 1964 came']);
  });
  it('does not join across code, other commands or line breaks', () => {
    assert.deepEqual(regionsOf('in `November` 1964.', 'markdown'), ['in', '1964.']);
    assert.deepEqual(regionsOf('in \\cite{key} 1964.', 'latex'), analyzeText('in \\cite{key} 1964.', 'latex').prose.map((r) => 'in \\cite{key} 1964.'.slice(r.start, r.end)));
  });
  it('equals the prose where there is no emphasis', () => {
    const a = analyzeText('Plain prose, dated 1956.\n\nMore.', 'markdown');
    assert.deepEqual(a.dateRegions, a.prose);
  });
});
