// Every regular expression in the core, checked with scslre for super-linear worst-case backtracking: the
// core runs on every keystroke over text written by anyone, so no pattern may be attackable.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { analyse } from 'scslre';

const CORE = path.resolve(__dirname, '../../../src/core');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Found { file: string; line: number; regex: RegExp }

/** Regex literals and `new RegExp('…', '…')` calls with literal arguments. */
function regexesIn(file: string): Found[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Found[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = (n as ts.RegularExpressionLiteral).text;
      const end = lit.lastIndexOf('/');
      out.push({ file, line: at(n), regex: new RegExp(lit.slice(1, end), lit.slice(end + 1)) });
    } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp' && n.arguments?.length) {
      const [p, f] = n.arguments;
      if (ts.isStringLiteralLike(p) && (!f || ts.isStringLiteralLike(f))) out.push({ file, line: at(n), regex: new RegExp(p.text, f ? (f as ts.StringLiteralLike).text : '') });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('regular expressions in src/core', () => {
  const all = sourceFiles(CORE).flatMap(regexesIn);

  it('finds the patterns it is meant to check', () => {
    assert.ok(all.length > 20, `only ${all.length} patterns found: the scan is broken`);
  });

  it('has no pattern with super-linear worst-case backtracking (scslre)', () => {
    const bad: string[] = [];
    for (const f of all) {
      const result = analyse(f.regex);
      for (const r of result.reports) bad.push(`${path.relative(CORE, f.file)}:${f.line} ${f.regex} — ${r.type}: ${r.exponential ? 'exponential' : 'polynomial'} on ${JSON.stringify(r.character?.literal ?? '')}`);
    }
    assert.deepEqual(bad, []);
  });

  it('the checker itself catches a known bad pattern', () => {
    assert.ok(analyse(/^(a+)+$/).reports.length > 0);
  });
});
