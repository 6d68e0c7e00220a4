// The command-line contract, run against the built dist/cli.js (`npm run test:unit` builds first):
// exit codes, output shapes, positions.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function annalist(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const CANONICAL = "In 1961 Stalin's body was removed from the mausoleum and buried by the Kremlin wall.\n";

describe('annalist CLI', function () {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run test:unit does it)');
  });

  describe('check', () => {
    it('prints a compiler-style warning on the canonical sentence and exits 1', () => {
      const file = tempFile('essay.md', CANONICAL);
      const r = annalist('check', file);
      assert.equal(r.code, 1);
      const line = r.stdout.trim().split('\n')[0];
      assert.match(line, /^.*essay\.md:1:4: warning: .*1962.*Gill 2004.*1961.* \[misdated-event\]$/);
    });

    it('prints the JSON contract with 0-based positions and the data fields', () => {
      const file = tempFile('essay.md', `# Title\n\n${CANONICAL}`);
      const r = annalist('check', '--format', 'json', file);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      assert.ok(Array.isArray(out));
      const d = out.find((x: { code: string }) => x.code === 'misdated-event');
      assert.equal(d.file, file);
      assert.deepEqual(d.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 7 } });
      assert.equal(d.severity, 'warning');
      assert.equal(d.data.event, 'stalin-body-removal');
      assert.equal(d.data.written, '1961');
      assert.equal(d.data.expected, '1962');
      assert.equal(d.data.disputed, true);
    });

    it('prints SARIF 2.1.0 with 1-based regions', () => {
      const file = tempFile('essay.md', CANONICAL);
      const r = annalist('check', '--format', 'sarif', file);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      const result = sarif.runs[0].results[0];
      assert.equal(result.ruleId, 'misdated-event');
      assert.equal(result.level, 'warning');
      assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 4, endLine: 1, endColumn: 8 });
      assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'misdated-event'));
    });

    it('exits 0 and prints nothing on correct prose', () => {
      const file = tempFile('fine.md', "In 1962 Stalin's body was removed from the mausoleum. Khrushchev spoke in closed session on 25 February 1956.\n");
      const r = annalist('check', file);
      assert.equal(r.stdout, '');
      assert.equal(r.code, 0);
    });

    it('flags an unknown citation key when a bibliography is named, with the closest key in the message', () => {
      const bib = path.join(ROOT, 'examples', 'library.bib');
      const file = tempFile('cites.md', 'As argued [@breslauer1983, p. 2].\n');
      const r = annalist('check', '--format', 'json', '--bibliography', bib, file);
      assert.equal(r.code, 1);
      const d = JSON.parse(r.stdout).find((x: { code: string }) => x.code === 'unknown-citation-key');
      assert.ok(d, r.stdout);
      assert.match(d.message, /breslauer1982/);
    });

    it('reports a bibliography\'s own problems, positioned', () => {
      const bib = tempFile('lib.bib', '@book{good1, title={A}, author={B, C}, year={2000}}\n\n@book{broken, title={Unclosed\n\n@book{good2, title={D}, year={2001}}\n');
      const r = annalist('check', '--format', 'json', bib);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      assert.ok(out.length >= 1);
      assert.equal(out[0].range.start.line, 2);
    });
  });

  describe('lookup', () => {
    it('finds Nikita Sergeyevich Khrushchev with his sources', () => {
      const r = annalist('lookup', 'Khrushchev', '--format', 'json');
      assert.equal(r.code, 0);
      const first = JSON.parse(r.stdout)[0];
      assert.equal(first.id, 'khrushchev');
      assert.equal(first.label, 'Nikita Sergeyevich Khrushchev');
      assert.ok(first.sources.some((s: { key: string }) => s.key === 'gill2004'));
    });

    it("finds the removal of Stalin's body dated 1962 with the 1961 dispute and its references", () => {
      const r = annalist('lookup', "Stalin's body", '--format', 'json');
      const e = JSON.parse(r.stdout).find((x: { id: string }) => x.id === 'stalin-body-removal');
      assert.equal(e.date, '1962');
      assert.equal(e.disputes[0].date, '1961-10-31/1961-11-01');
      assert.ok(e.disputes[0].sources.length >= 3);
      assert.ok(e.disputes[0].sources.every((s: { URL?: string }) => typeof s.URL === 'string'));
    });

    it('exits 1 when nothing matches', () => {
      assert.equal(annalist('lookup', 'Charlemagne').code, 1);
    });
  });

  describe('validate', () => {
    it('prints positioned problems of a broken dataset and exits 1', () => {
      const r = annalist('validate', 'test/fixtures/datasets/broken-entries.yaml');
      assert.equal(r.code, 1);
      assert.match(r.stdout, /broken-entries\.yaml:15:11: error: .*1956-02-30.* \[bad-date\]/);
    });

    it('exits 0 on the starter-quality fixture', () => {
      const r = annalist('validate', '--no-shipped', 'test/fixtures/datasets/good.yaml');
      assert.equal(r.stdout, '');
      assert.equal(r.code, 0);
    });
  });

  describe('hover and complete', () => {
    it('hover prints the card for a name, and JSON {contents, range} with 0-based positions', () => {
      const file = tempFile('h.md', 'Nikita Khrushchev spoke.\n');
      const md = annalist('hover', file, '1:10');
      assert.equal(md.code, 0);
      assert.match(md.stdout, /Nikita Sergeyevich Khrushchev/);
      const json = JSON.parse(annalist('hover', file, '1:10', '--format', 'json').stdout);
      assert.deepEqual(json.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
    });

    it('hover prints null in JSON where the dataset knows nothing', () => {
      const file = tempFile('h.md', 'Nothing here at all.\n');
      assert.equal(annalist('hover', file, '1:3', '--format', 'json').stdout.trim(), 'null');
    });

    it('complete offers breslauer1982 after [@bres', () => {
      const file = tempFile('c.md', 'See [@bres');
      const r = annalist('complete', file, '1:11');
      const items = JSON.parse(r.stdout).items;
      assert.equal(items[0].label, 'breslauer1982');
      assert.ok(['label', 'detail', 'documentation', 'insertText'].every((k) => k in items[0]));
    });
  });

  describe('usage and input errors exit 2 with a one-line reason', () => {
    for (const [args, pattern] of [
      [[], /no command/],
      [['frobnicate'], /unknown command/],
      [['check'], /needs at least one FILE/],
      [['check', '--format', 'xml', 'x.md'], /no format 'xml'/],
      [['hover', 'x.md', '0:1'], /not a position/],
      [['check', 'does-not-exist.md'], /cannot read does-not-exist\.md/],
    ] as [string[], RegExp][]) {
      it(`annalist ${args.join(' ') || '(nothing)'}`, () => {
        const r = annalist(...args);
        assert.equal(r.code, 2);
        assert.match(r.stderr.split('\n')[0], pattern);
      });
    }
  });
});
