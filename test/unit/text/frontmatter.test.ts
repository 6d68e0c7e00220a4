import { strict as assert } from 'node:assert';
import { readFrontMatter } from '../../../src/core/text/frontmatter';
import { analyzeText } from '../../../src/core/text/analysis';

describe('readFrontMatter', () => {
  it('reads the bibliography of a Markdown document, as the full analysis does', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['---', 'title: T', 'bibliography: [a.bib, b.json]', '---', '', 'Text.'].join(eol);
      assert.deepEqual(readFrontMatter(text, 'markdown'), { title: 'T', bibliography: ['a.bib', 'b.json'] });
      assert.deepEqual(readFrontMatter(text, 'markdown'), analyzeText(text, 'markdown').frontMatter?.data);
    }
  });

  it('accepts a byte order mark and the "..." terminator', () => {
    assert.deepEqual(readFrontMatter('\uFEFF---\nbibliography: x.bib\n...\nText', 'quarto'), { bibliography: 'x.bib' });
  });

  it('gives undefined without front matter, for other languages, unterminated or broken YAML', () => {
    assert.equal(readFrontMatter('Text\n---\na: 1\n---\n', 'markdown'), undefined);
    assert.equal(readFrontMatter('---\na: 1\n---\n', 'latex'), undefined);
    assert.equal(readFrontMatter('---\na: 1\nno end', 'markdown'), undefined);
    assert.equal(readFrontMatter('---\na: [1\n---\n', 'markdown'), undefined);
  });
});
