/**
 * Writing untrusted text (dataset strings, user files) into Markdown that an editor renders: every character
 * that could start markup, a link, HTML or an entity is escaped, and links are emitted only for http(s) URLs.
 */

// ASCII punctuation CommonMark may read as markup; a backslash before any ASCII punctuation is a literal.
const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~=$]/g;

/**
 * The text as literal Markdown: markup characters backslash-escaped, line breaks folded to spaces and the ends
 * trimmed (so no line can start a heading, list, quote, fence or indented code block), control characters and
 * bidirectional overrides dropped.
 */
export function escapeMarkdown(text: string): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\u0085/g, '\n')
    .replace(/\s+/g, (gap) => (/[\r\n\u2028\u2029]/.test(gap) || gap.includes('\t') ? ' ' : gap))
    .trim()
    .replace(SPECIAL, (c) => `\\${c}`);
}

/** True when `url` is an absolute http(s) URL with a host. */
export function isWebUrl(url: string): boolean {
  return typeof url === 'string' && /^https?:\/\/[^\s/?#\\]+/i.test(url.trim());
}

/** A URL made safe as a Markdown link destination: brackets, spaces, quotes, backslashes and controls percent-encoded. */
export function encodeLinkDestination(url: string): string {
  return url.trim().replace(/[\u0000-\u0020\u007f()<>[\]\\"'`{}|^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A Markdown link `[label](url)` when `url` is http(s), else the escaped label followed by the escaped URL in
 * parentheses (or the label alone when there is no URL). The label is always escaped.
 */
export function safeLink(label: string, url?: string): string {
  const text = escapeMarkdown(label);
  if (typeof url !== 'string' || url.trim() === '') return text;
  if (isWebUrl(url)) return `[${text === '' ? escapeMarkdown(url) : text}](${encodeLinkDestination(url)})`;
  return text === '' ? escapeMarkdown(url) : `${text} \\(${escapeMarkdown(url)}\\)`;
}
