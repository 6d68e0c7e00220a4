/**
 * Name forms: how the names of people, places and events are normalised, compared and found in prose.
 *
 * One tokenizer serves both sides. A token is a maximal run of letters, digits and combining marks, folded to
 * lowercase without diacritics (`Ë` → `e`, `ß` → `ss`). A possessive `'s` / `’s` after a token is skipped, so
 * `N. S. Smith's` and `N.S. Smith` are the same tokens `n s smith`. Two tokens of a name may be separated in
 * prose by spaces, at most one line break, periods, hyphens and apostrophes; anything else (a comma, a blank
 * line, a bracket) ends the name.
 */
import type { DateInterval } from '../dates/interval';

// Character classes, cached per UTF-16 code unit.
const WORD = 1;
const UPPER = 2;
const SPACE = 4;
const NEWLINE = 8;
const JOINER = 16;
const KNOWN = 64;

const classes = new Uint8Array(65536);
const foldCache = new Map<number, string>();
const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const SPACE_RE = /^[\p{Zs}\t\f\v\u200b\ufeff]$/u;
// Letters that NFKD does not decompose but that writers treat as variants of plain Latin letters.
const SPECIAL_FOLDS: Record<string, string> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h',
};

function classify(c: number): number {
  const cached = classes[c];
  if (cached !== 0) return cached;
  let v = KNOWN;
  if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85) v |= NEWLINE;
  else if (c >= 0xd800 && c <= 0xdfff) v |= WORD; // astral characters: treated as letters of a word
  else {
    const ch = String.fromCharCode(c);
    if (WORD_RE.test(ch)) {
      v |= WORD;
      if (ch !== ch.toLowerCase()) v |= UPPER;
    } else if (SPACE_RE.test(ch)) v |= SPACE;
    else if (c === 0x2e || c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x27 || c === 0x2019 || c === 0x2018 || c === 0x2bc) v |= JOINER;
  }
  classes[c] = v;
  return v;
}

/** The folded form of one UTF-16 code unit: lowercase, without diacritics; '' for combining marks. */
function foldUnit(c: number): string {
  if (c < 128) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : String.fromCharCode(c);
  let f = foldCache.get(c);
  if (f === undefined) {
    if (c >= 0xd800 && c <= 0xdfff) f = String.fromCharCode(c);
    else {
      f = String.fromCharCode(c).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      f = f.replace(/[ßæœøłđðþıħ]/g, (m) => SPECIAL_FOLDS[m] ?? m);
      // Compatibility decompositions can yield spaces or punctuation (`¼`); keep only word characters.
      f = f.replace(/[^\p{L}\p{N}]/gu, '');
    }
    foldCache.set(c, f);
  }
  return f;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc;
}

/** An en dash right between two letters ("Marx–Engels") joins a name as a hyphen does; a spaced one does not. */
function isLetterPair(text: string, at: number): boolean {
  if (at === 0 || at + 1 >= text.length) return false;
  const a = text.charCodeAt(at - 1);
  const b = text.charCodeAt(at + 1);
  return ((a < 128 ? ASCII[a] : classify(a)) & WORD) !== 0 && ((b < 128 ? ASCII[b] : classify(b)) & WORD) !== 0;
}

/**
 * A cursor over the tokens of `text[from, to)`. Allocation-free: the current token is described by fields.
 * `joinable` tells whether the gap before the current token may lie inside a name.
 */
class TokenCursor {
  pos: number;
  start = 0;
  end = 0;
  hash = 0;
  capital = false;
  joinable = false;

  constructor(
    readonly text: string,
    from: number,
    readonly to: number,
  ) {
    this.pos = from;
  }

  next(): boolean {
    const text = this.text;
    const to = this.to;
    let pos = this.pos;
    let newlines = 0;
    let broken = false;
    let cls = 0;
    while (pos < to) {
      const c = text.charCodeAt(pos);
      cls = c < 128 ? ASCII[c] : classify(c);
      if (cls & WORD) break;
      if (cls & NEWLINE) {
        newlines++;
        if (c === 13 && text.charCodeAt(pos + 1) === 10) pos++;
      } else if (!(cls & (SPACE | JOINER)) && !(c === 0x2013 && isLetterPair(text, pos))) broken = true;
      pos++;
    }
    if (pos >= to) {
      this.pos = to;
      return false;
    }
    this.joinable = !broken && newlines <= 1;
    this.start = pos;
    this.capital = (cls & UPPER) !== 0;
    let h = FNV_BASIS;
    while (pos < to) {
      const c = text.charCodeAt(pos);
      if (c < 128) {
        const k = ASCII[c];
        if (!(k & WORD)) break;
        h = Math.imul(h ^ (k & UPPER ? c + 32 : c), FNV_PRIME);
      } else {
        if (!(classify(c) & WORD)) break;
        const f = foldUnit(c);
        for (let i = 0; i < f.length; i++) h = Math.imul(h ^ f.charCodeAt(i), FNV_PRIME);
      }
      pos++;
    }
    this.end = pos;
    this.hash = h & 0x3fffffff; // small integers: Map keys without boxing
    // Possessive: `'s` followed by a non-word character belongs to the gap.
    if (pos + 1 < to && isApostrophe(text.charCodeAt(pos))) {
      const s = text.charCodeAt(pos + 1);
      if ((s === 115 || s === 83) && (pos + 2 >= to || !(classify(text.charCodeAt(pos + 2)) & WORD))) pos += 2;
    }
    this.pos = pos;
    return true;
  }

  /** The folded text of the current token. */
  folded(): string {
    let out = '';
    for (let i = this.start; i < this.end; i++) out += foldUnit(this.text.charCodeAt(i));
    return out;
  }

  /** True when the current token folds to exactly `token`, without allocating. */
  equals(token: string): boolean {
    let k = 0;
    for (let i = this.start; i < this.end; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 128) {
        const l = c >= 65 && c <= 90 ? c + 32 : c;
        if (token.charCodeAt(k++) !== l) return false;
      } else {
        const f = foldUnit(c);
        for (let j = 0; j < f.length; j++) if (token.charCodeAt(k++) !== f.charCodeAt(j)) return false;
      }
    }
    return k === token.length;
  }
}

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = classify(c);

/** One token of a name form. */
export interface NameToken {
  /** Folded: lowercase, no diacritics. */
  text: string;
  /** Written with a leading capital in the name form. */
  capital: boolean;
  hash: number;
}

/** The tokens of a name form or a query, folded. */
export function nameTokens(text: string): NameToken[] {
  const out: NameToken[] = [];
  const cursor = new TokenCursor(text, 0, text.length);
  while (cursor.next()) {
    const folded = cursor.folded();
    if (folded.length > 0) out.push({ text: folded, capital: cursor.capital, hash: cursor.hash });
  }
  return out;
}

/** The normalised form of a name: folded tokens joined by single spaces (`N. S. Smith's` → `n s smith`). */
export function normalizeName(text: string): string {
  return nameTokens(text)
    .map((t) => t.text)
    .join(' ');
}

/** What a name form needs of the writer's capitalisation. */
export type CaseRule = 'any' | 'some-capital' | 'capital';

/**
 * The capitalisation a name form asks for: a single capitalised word must be capitalised in the text
 * (`Bath` is not `bath`); a multi-word form whose words all start with a capital needs at least one capital
 * in the text; anything else, and every lowercase form, matches in any case.
 */
export function caseRuleOf(tokens: readonly NameToken[]): CaseRule {
  const lettered = tokens.filter((t) => /^\p{L}/u.test(t.text));
  if (lettered.length === 0 || !lettered.every((t) => t.capital)) return 'any';
  return tokens.length === 1 ? 'capital' : 'some-capital';
}

/** A name form found in prose. */
export interface NameHit {
  /** Offset of the first character of the name. */
  start: number;
  /** Offset after its last character (a possessive `'s` is not included). */
  end: number;
  /** The entries with this name form, in dataset order. */
  entryIds: string[];
  /**
   * For entries matched only through an epithet ("the First Secretary"): the interval in which the epithet names
   * them. A caller resolves the hit to such an entry only when the text's date falls within.
   */
  epithets?: { entryId: string; date: DateInterval }[];
}

/** A name form to be found: which entry it names, and how. */
export interface NameFormSpec {
  entryId: string;
  form: string;
  /** Set for epithets: the interval in which the form names the entry. */
  epithetDate?: DateInterval;
}

interface Terminal {
  entryId: string;
  rule: CaseRule;
  epithetDate?: DateInterval;
}

interface TrieNode {
  token: string;
  children: Map<number, TrieNode> | null;
  /** Another node with the same hash but a different token (hash collision). */
  sibling: TrieNode | null;
  terminals: Terminal[] | null;
  /** The hit payload when every terminal is accepted, computed on first use. */
  payload?: { entryIds: string[]; epithets?: { entryId: string; date: DateInterval }[] };
}

/** A hit naming the given terminals' entries. */
function hitOf(terminals: readonly Terminal[], start: number, end: number): NameHit {
  const entryIds: string[] = [];
  const epithets: { entryId: string; date: DateInterval }[] = [];
  for (const t of terminals) if (!entryIds.includes(t.entryId)) entryIds.push(t.entryId);
  for (const t of terminals) {
    if (t.epithetDate && !terminals.some((x) => !x.epithetDate && x.entryId === t.entryId)) epithets.push({ entryId: t.entryId, date: t.epithetDate });
  }
  const hit: NameHit = { start, end, entryIds };
  if (epithets.length > 0) hit.epithets = epithets;
  return hit;
}

/** A hit naming every entry of a node, from a payload computed once per node. */
function cachedHit(node: TrieNode, start: number, end: number): NameHit {
  node.payload ??= hitOf(node.terminals!, 0, 0);
  const hit: NameHit = { start, end, entryIds: node.payload.entryIds.slice() };
  if (node.payload.epithets) hit.epithets = node.payload.epithets.map((e) => ({ ...e }));
  return hit;
}

/** True when one of the terminals accepts the writer's capitalisation. */
function acceptable(terminals: readonly Terminal[], singleCapital: boolean, anyCapital: boolean): boolean {
  for (const t of terminals) {
    if (t.rule === 'any' || (t.rule === 'capital' ? singleCapital : anyCapital)) return true;
  }
  return false;
}

function newNode(token: string): TrieNode {
  return { token, children: null, sibling: null, terminals: null };
}

/** A token trie of name forms, built once per index; scans prose in time linear in its length. */
export class NameFinder {
  private readonly root = newNode('');
  private size = 0;

  constructor(forms: Iterable<NameFormSpec>) {
    for (const f of forms) this.add(f);
  }

  /** Number of name forms added. */
  get formCount(): number {
    return this.size;
  }

  private add(spec: NameFormSpec): void {
    const tokens = nameTokens(spec.form);
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      if (!node.children) node.children = new Map();
      let child = node.children.get(t.hash);
      let found: TrieNode | null = null;
      for (let c: TrieNode | null = child ?? null; c; c = c.sibling) if (c.token === t.text) found = c;
      if (!found) {
        found = newNode(t.text);
        if (child) {
          found.sibling = child.sibling;
          child.sibling = found;
        } else node.children.set(t.hash, found);
      }
      child = found;
      node = child;
    }
    const terminal: Terminal = { entryId: spec.entryId, rule: caseRuleOf(tokens) };
    if (spec.epithetDate) terminal.epithetDate = spec.epithetDate;
    if (!node.terminals) node.terminals = [];
    if (!node.terminals.some((x) => x.entryId === terminal.entryId && x.rule === terminal.rule && x.epithetDate === terminal.epithetDate)) {
      node.terminals.push(terminal);
    }
    this.size++;
  }

  private child(node: TrieNode, cursor: TokenCursor): TrieNode | null {
    if (!node.children) return null;
    for (let c: TrieNode | null = node.children.get(cursor.hash) ?? null; c; c = c.sibling) if (cursor.equals(c.token)) return c;
    return null;
  }

  /** Every name form in `text[from, to)`, leftmost-longest, not overlapping. */
  find(text: string, from = 0, to = text.length): NameHit[] {
    const hits: NameHit[] = [];
    const lo = Math.max(0, Math.min(from, text.length));
    const hi = Math.max(lo, Math.min(to, text.length));
    if (!this.root.children) return hits;
    const cursor = new TokenCursor(text, lo, hi);
    const ahead = new TokenCursor(text, lo, hi);
    while (cursor.next()) {
      const first = this.child(this.root, cursor);
      if (!first) continue;
      // Walk ahead from this token as far as the trie allows, remembering the longest acceptable match.
      let node = first;
      let anyCapital = cursor.capital;
      let bestNode: TrieNode | null = null;
      let bestEnd = -1;
      let bestPos = -1;
      let bestAnyCapital = false;
      if (node.terminals && acceptable(node.terminals, cursor.capital, anyCapital)) {
        bestNode = node;
        bestEnd = cursor.end;
        bestPos = cursor.pos;
        bestAnyCapital = anyCapital;
      }
      ahead.pos = cursor.pos;
      while (node.children && ahead.next()) {
        if (!ahead.joinable) break;
        const next = this.child(node, ahead);
        if (!next) break;
        node = next;
        anyCapital = anyCapital || ahead.capital;
        if (node.terminals && acceptable(node.terminals, false, anyCapital)) {
          bestNode = node;
          bestEnd = ahead.end;
          bestPos = ahead.pos;
          bestAnyCapital = anyCapital;
        }
      }
      if (bestNode) {
        const all = bestNode.terminals!;
        const singleCapital = bestNode === first && cursor.capital;
        let accepted: Terminal[] = all;
        for (const t of all) {
          if (!(t.rule === 'any' || (t.rule === 'capital' ? singleCapital : bestAnyCapital))) {
            accepted = all.filter((x) => x.rule === 'any' || (x.rule === 'capital' ? singleCapital : bestAnyCapital));
            break;
          }
        }
        const hit = accepted === all ? cachedHit(bestNode, cursor.start, bestEnd) : hitOf(accepted, cursor.start, bestEnd);
        hits.push(hit);
        cursor.pos = bestPos;
      }
    }
    return hits;
  }
}
