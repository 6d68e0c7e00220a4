/**
 * Worker-thread entry that parses bibliography files off the editor's main thread (bundled as
 * `dist/bibliography.worker.js`). Protocol: the parent posts `{ id, text, uri, format? }`; the worker answers
 * `{ id, result }` with the parsed bibliography. A request it cannot read gets a result holding one problem.
 */
import { parentPort } from 'node:worker_threads';
import { loadBibliography, type BibliographyFormat } from '../core/cite/bibliography';
import { startOfFile, type ParsedBibliography } from '../core/cite/library';

/** A request to parse one bibliography file. */
export interface BibliographyRequest {
  id: number;
  text: string;
  uri: string;
  format?: BibliographyFormat;
}

/** The answer to a {@link BibliographyRequest}, matched by `id`. */
export interface BibliographyReply {
  id: number;
  result: ParsedBibliography;
}

function failure(uri: string, message: string): ParsedBibliography {
  return { entries: [], problems: [{ uri, range: startOfFile(), severity: 'error', code: 'bib-syntax', message }] };
}

/** Answers one message of the protocol; never throws. Messages without a numeric id get id -1. */
export function answerBibliographyRequest(message: unknown): BibliographyReply {
  const m = (typeof message === 'object' && message !== null ? message : {}) as Partial<BibliographyRequest>;
  const id = typeof m.id === 'number' ? m.id : -1;
  const uri = typeof m.uri === 'string' ? m.uri : '';
  if (typeof m.text !== 'string') return { id, result: failure(uri, 'The bibliography could not be read: no text was given.') };
  try {
    return { id, result: loadBibliography(m.text, uri, m.format) };
  } catch (err) {
    return { id, result: failure(uri, `The bibliography could not be read: ${err instanceof Error ? err.message : String(err)}`) };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (message: unknown) => port.postMessage(answerBibliographyRequest(message)));
}
