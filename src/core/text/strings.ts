/**
 * Small string helpers written as loops where the obvious regular expression would backtrack quadratically
 * on long runs (the regex-safety test checks every pattern in the core with scslre).
 */

/** A URI or path without its `?query` and `#fragment`. */
export function withoutQueryOrFragment(uri: string): string {
  const cut = uri.search(/[?#]/);
  return cut < 0 ? uri : uri.slice(0, cut);
}

/** `text` without the characters of `chars` at its start and end. */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** `text` without trailing white space and commas. */
export function trimEndSpaceAndCommas(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ',' || /\s/.test(text[end - 1]))) end--;
  return text.slice(0, end);
}
