/**
 * Dataset dates repeat (the same day in an event, a dispute and a role), and parsing EDTF is the slowest step of
 * loading. A bounded memo of `parseEdtf`, shared by the loader and the index; callers get their own copies.
 */
import { parseEdtf, type EdtfResult } from '../dates/interval';

const MAX_ENTRIES = 20_000;
const memo = new Map<string, EdtfResult>();

/** `parseEdtf`, remembered: each call returns a fresh result object. */
export function parseEdtfCached(text: string): EdtfResult {
  let r = memo.get(text);
  if (!r) {
    r = parseEdtf(text);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, r);
  }
  return r.ok ? { ok: true, interval: { ...r.interval } } : { ok: false, reason: r.reason };
}
