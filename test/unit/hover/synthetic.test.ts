import { strict as assert } from 'assert';
import { buildIndex, type DatasetIndex } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';
import { definitionAt, hoverAt, type Hover } from '../../../src/core/hover/index';

/** An index over one dataset written in the test; fails on dataset errors so a typo cannot pass silently. */
function indexOf(yaml: string, uri = 'file:///test/synthetic.yaml'): DatasetIndex {
  const parsed = parseDataset(yaml, uri);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'the test dataset has errors');
  return buildIndex([parsed]).index;
}

function hoverOn(index: DatasetIndex, text: string, word: string, nth = 0): Hover | undefined {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `'${word}' is not in the text`);
  return hoverAt({ text, languageId: 'markdown', offset: at + 1, index });
}

const HOSTILE = `
annalist: 1
id: hostile
title: Hostile strings
sources:
  - id: evil-source
    type: webpage
    title: "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>"
    container-title: "**Bold** _site_"
    URL: "javascript:alert(1)"
  - id: tricky-url
    type: webpage
    title: Tricky
    URL: "https://example.org/a)[x](command:foo) <b>"
people:
  - id: mallory
    label: "Mallory [x](command:foo)"
    names: [Mallory]
    description: "<script>alert(1)</script> javascript:alert(1) ![img](https://evil.example/p.png) &amp; | table |\\n# not a heading\\n    not code"
    roles:
      - role: "<b>Boss</b>"
        date: "1950/1960"
    sources: [evil-source, tricky-url]
events:
  - id: heist
    label: "The \`heist\` *of* 1955"
    names: [the Heist]
    date: "1955-05-05"
    description: "[link](https://ok.example)"
    participants: [mallory]
    disputes:
      - date: "1956"
        sources: [evil-source]
    sources: [tricky-url]
`;

describe('hoverAt: hostile dataset strings render as text', () => {
  let index: DatasetIndex;
  before(() => {
    index = indexOf(HOSTILE);
  });

  /** The Markdown with every escaped character and every safe http(s) link destination removed. */
  function unescapedRest(md: string): string {
    return md
      .replace(/\[(?:\\.|[^\\[\]])*\]\(https?:\/\/[^\s()<>]*\)/g, 'LINK')
      .replace(/\\[\\`*_{}[\]()#+\-.!|<>&~=$]/g, '');
  }

  it('no raw markup, HTML, command or javascript link survives in a person card', () => {
    const h = hoverOn(index, 'Mallory met them.', 'Mallory');
    assert.ok(h);
    const md = h.markdown;
    assert.doesNotMatch(md, /\]\((?!https?:)/, 'a link to something other than http(s)');
    assert.doesNotMatch(md, /\]\(command:/);
    const rest = unescapedRest(md);
    assert.doesNotMatch(rest, /[<>[\]`&|]/, `unescaped markup in: ${rest}`);
    assert.match(md, /javascript:alert\\\(1\\\)/, 'the javascript: URL is shown as text');
    assert.match(md, /\\<script\\>alert\\\(1\\\)\\<\/script\\>/);
    assert.match(md, /\\<b\\>Boss\\<\/b\\> \(1950–60\)/);
    // Line starts: the description's own line breaks do not start a heading or code block.
    for (const line of md.split('\n')) assert.doesNotMatch(line, /^(#|\s{4})/, line);
  });

  it('a URL that tries to close the link early stays one encoded link', () => {
    const md = hoverOn(index, 'Mallory met them.', 'Mallory')!.markdown;
    assert.ok(md.includes('[Tricky](https://example.org/a%29%5Bx%5D%28command:foo%29%20%3Cb%3E)'), md);
  });

  it('the same holds for an event card, its dispute and the person\'s event list', () => {
    const text = 'During the Heist nothing moved.';
    const h = hoverOn(index, text, 'Heist');
    assert.ok(h);
    assert.match(h.markdown, /^\*\*The \\`heist\\` \\\*of\\\* 1955\*\* · \*event\*/);
    assert.match(h.markdown, /\\\[link\\\]\\\(https:\/\/ok\\\.example\\\)/);
    assert.match(h.markdown, /Sources differ: 5 May 1955 \(\[Tricky\]\(https:\/\/example\.org\/a%29/);
    assert.doesNotMatch(h.markdown, /\]\(javascript|\]\(command/);
    const person = hoverOn(index, 'Mallory met them.', 'Mallory')!.markdown;
    assert.match(person, /- 5 May 1955: The \\`heist\\` \\\*of\\\* 1955/);
  });
});

const NAMESAKES = `
annalist: 1
id: namesakes
title: Two people called Smith
sources:
  - {id: src, type: book, title: A book, issued: "2000", author: [{family: Writer, given: A.}]}
people:
  - id: john-smith
    label: John Smith
    names: [Smith, John Smith]
    description: A sailor.
    sources: [src]
  - id: adam-smith
    label: Adam Smith
    names: [Smith, Adam Smith]
    description: An economist.
    sources: [src]
  - id: lee
    label: Ann Lee
    names: [Lee, Ann Lee]
    epithets:
      - {text: the Chair, date: "1990/1995"}
    sources: [src]
places:
  - id: smithtown
    label: Smithtown
    sources: [src]
`;

describe('hoverAt: names two entries share', () => {
  let index: DatasetIndex;
  before(() => {
    index = indexOf(NAMESAKES);
  });

  it('shows both people, and says so, when nothing in the paragraph chooses', () => {
    const h = hoverOn(index, 'Smith wrote a letter.', 'Smith');
    assert.ok(h);
    assert.deepEqual(h.entryIds, ['john-smith', 'adam-smith']);
    assert.match(h.markdown, /^\*“Smith” may name 2 entries in the dataset:\*/);
    assert.match(h.markdown, /\*\*John Smith\*\*[\s\S]*\n---\n[\s\S]*\*\*Adam Smith\*\*/);
  });

  it('shows the one the paragraph names in full, before or after', () => {
    const before = 'Adam Smith wrote to a friend. Later Smith travelled.';
    assert.deepEqual(hoverOn(index, before, 'Smith', 1)!.entryIds, ['adam-smith']);
    const after = 'Smith travelled. He was John Smith, the sailor.';
    assert.deepEqual(hoverOn(index, after, 'Smith', 0)!.entryIds, ['john-smith']);
  });

  it('a full name in another paragraph does not decide', () => {
    const text = 'Adam Smith wrote to a friend.\n\nLater Smith travelled.';
    assert.deepEqual(hoverOn(index, text, 'Smith', 1)!.entryIds, ['john-smith', 'adam-smith']);
  });

  it('both full names in the paragraph leave it open', () => {
    const text = 'Adam Smith and John Smith met. Smith spoke first.';
    assert.deepEqual(hoverOn(index, text, 'Smith', 2)!.entryIds, ['john-smith', 'adam-smith']);
  });

  it('go to definition offers every candidate of an open name, and the chosen one otherwise', () => {
    const open = 'Smith wrote.';
    const defs = definitionAt({ text: open, languageId: 'markdown', offset: 1, index });
    assert.deepEqual(defs.map((d) => d.entryId), ['john-smith', 'adam-smith']);
    assert.ok(defs.every((d) => d.uri === 'file:///test/synthetic.yaml' && d.range.start.line > 0));
    const chosen = 'Adam Smith wrote. Smith again.';
    assert.deepEqual(definitionAt({ text: chosen, languageId: 'markdown', offset: chosen.lastIndexOf('Smith') + 1, index }).map((d) => d.entryId), ['adam-smith']);
  });

  it('an epithet names its person only within its dates, in any dataset', () => {
    assert.deepEqual(hoverOn(index, 'In 1992 the Chair resigned.', 'Chair')?.entryIds, ['lee']);
    assert.equal(hoverOn(index, 'In 2001 the Chair resigned.', 'Chair'), undefined);
    assert.match(hoverOn(index, 'In 1992 the Chair resigned.', 'Chair')!.markdown, /“the Chair” names Ann Lee for 1990–95 only/);
  });

  it('a place whose name contains a person\'s is its own entry', () => {
    assert.deepEqual(hoverOn(index, 'They sailed to Smithtown.', 'Smithtown')?.entryIds, ['smithtown']);
  });

  it('a card leaves out fields the dataset does not give', () => {
    const md = hoverOn(index, 'John Smith sailed.', 'John')!.markdown;
    assert.equal(md, '**John Smith** · *person*\n\nA sailor\\.\n\nSources: Writer 2000');
  });
});
