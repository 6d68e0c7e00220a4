import type { Position, Range } from '../types';

/**
 * Converts between string offsets and LSP positions. Lines end at `\n`, `\r\n` or a lone `\r`, as in VS Code;
 * characters are UTF-16 code units, as in JavaScript strings and the LSP default.
 */
export class LineMap {
  /** Offset at which each line starts. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    // Native searches for the next line feed and carriage return: many times faster than a loop over every unit.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr < 0 || (lf >= 0 && lf < cr)) {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      } else {
        const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        starts.push(next);
        if (next === cr + 2) lf = text.indexOf('\n', next);
        cr = text.indexOf('\r', next);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset (clamped into the text). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** The offset of a position (clamped to its line, before the line break). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let lineEnd = next;
    if (position.line + 1 < this.starts.length) {
      lineEnd = next - 1;
      if (this.text.charCodeAt(lineEnd) === 10 && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    }
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
