import { strict as assert } from 'assert';
import { encodeLinkDestination, escapeMarkdown, isWebUrl, safeLink } from '../../../src/core/markdown';

describe('escapeMarkdown', () => {
  it('escapes every markup character with a backslash', () => {
    for (const c of '\\`*_{}[]()#+-.!|<>&') assert.equal(escapeMarkdown(`a${c}b`), `a\\${c}b`, `character ${c}`);
  });

  it('leaves letters, digits, spaces, dashes and quotes of prose alone', () => {
    assert.equal(escapeMarkdown('Gill’s “De-Stalinization” – 1956'), 'Gill’s “De\\-Stalinization” – 1956');
  });

  it('folds line breaks so that no line of the text can start a block', () => {
    const out = escapeMarkdown('first\r\n# heading\n    code\n> quote\n1. item\n===');
    assert.ok(!/\n/.test(out));
    assert.equal(out, 'first \\# heading code \\> quote 1\\. item \\=\\=\\=');
  });

  it('trims the ends and drops control and bidirectional override characters', () => {
    assert.equal(escapeMarkdown('  \u0000x\u202ey\u0007  '), 'xy');
  });

  it('neutralises links, images, HTML, entities and autolinks', () => {
    assert.equal(escapeMarkdown('[x](command:foo)'), '\\[x\\]\\(command:foo\\)');
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('&lt;'), '\\&lt;');
    assert.equal(escapeMarkdown('![i](https://x.org/i.png)'), '\\!\\[i\\]\\(https://x\\.org/i\\.png\\)');
  });

  it('returns an empty string for what is not a string', () => {
    assert.equal(escapeMarkdown(undefined as unknown as string), '');
    assert.equal(escapeMarkdown(42 as unknown as string), '');
  });

  it('stays linear on long runs of whitespace and markup', () => {
    const long = ' '.repeat(50_000) + '\n'.repeat(50_000) + '*'.repeat(50_000);
    const out = escapeMarkdown(long);
    assert.equal(out, '\\*'.repeat(50_000));
  });
});

describe('safeLink', () => {
  it('links http and https URLs, with an escaped label', () => {
    assert.equal(safeLink('Gill 2004', 'https://example.org/gill'), '[Gill 2004](https://example.org/gill)');
    assert.equal(safeLink('A [b]', 'http://example.org'), '[A \\[b\\]](http://example.org)');
  });

  it('percent-encodes brackets, spaces and angle brackets in the destination', () => {
    assert.equal(safeLink('T', 'https://x.org/The_Thaw_(novel) <a>'), '[T](https://x.org/The_Thaw_%28novel%29%20%3Ca%3E)');
    assert.equal(encodeLinkDestination('https://x.org/a"b\\c'), 'https://x.org/a%22b%5Cc');
  });

  it('writes any other scheme as plain escaped text', () => {
    for (const url of ['javascript:alert(1)', 'command:foo', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'vscode://x']) {
      const out = safeLink('label', url);
      assert.ok(!/\]\(/.test(out), `${url} became a link: ${out}`);
      assert.ok(!/<|\(\w/.test(out.replace(/\\[<(]/g, '')), `${url} left markup: ${out}`);
    }
    assert.equal(safeLink('x', 'javascript:alert(1)'), 'x \\(javascript:alert\\(1\\)\\)');
  });

  it('a URL that smuggles a second link stays one link to an encoded address', () => {
    const out = safeLink('ok', 'https://x.org/a)[evil](command:foo');
    assert.equal(out, '[ok](https://x.org/a%29%5Bevil%5D%28command:foo)');
  });

  it('writes the label alone without a URL, and the URL when the label is empty', () => {
    assert.equal(safeLink('Gill 2004'), 'Gill 2004');
    assert.equal(safeLink('', 'https://x.org'), '[https://x\\.org](https://x.org)');
  });

  it('knows web URLs', () => {
    assert.ok(isWebUrl('HTTPS://Example.org/x'));
    assert.ok(!isWebUrl('https://'));
    assert.ok(!isWebUrl('https:/x.org'));
    assert.ok(!isWebUrl(' javascript:https://x.org'));
  });
});
