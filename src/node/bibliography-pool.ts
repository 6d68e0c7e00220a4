/**
 * Parses large bibliography files in a worker thread so a 10,000-entry library never freezes the editor. One
 * worker is started lazily and shared; requests are matched to answers by id. Small files are parsed inline (a
 * round trip costs more than the parse), and whenever the worker cannot start or dies the file is parsed inline,
 * so a caller always gets its result. The worker is unref'ed while idle: it never keeps a process alive on its
 * own, but holds it while an answer is awaited (otherwise a CLI awaiting a parse could exit before the answer).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadBibliography, type BibliographyFormat } from '../core/cite/bibliography';
import type { ParsedBibliography } from '../core/cite/library';
import type { BibliographyReply, BibliographyRequest } from './bibliography-worker';

/** Files smaller than this (in UTF-16 code units) are parsed on the calling thread. */
export const DEFAULT_MIN_SIZE_FOR_WORKER = 200_000;

/** Options of {@link parseBibliographyOffThread}. */
export interface OffThreadOptions {
  /** The worker script; defaults to `bibliography.worker.js` beside the bundle. */
  workerPath?: string;
  /** Files shorter than this are parsed inline (default {@link DEFAULT_MIN_SIZE_FOR_WORKER}). */
  minSizeForWorker?: number;
  /** The format, when the URI does not tell it. */
  format?: BibliographyFormat;
}

interface Pending {
  request: BibliographyRequest;
  resolve: (result: ParsedBibliography) => void;
}

let worker: Worker | undefined;
let workerFile: string | undefined;
/** Set when the worker failed: parse inline until the pool is disposed. */
let broken = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function defaultWorkerPath(): string {
  return path.join(typeof __dirname === 'string' ? __dirname : process.cwd(), 'bibliography.worker.js');
}

function parseInline(request: BibliographyRequest): ParsedBibliography {
  return loadBibliography(request.text, request.uri, request.format);
}

/** Gives every waiting request its inline parse and forgets the worker. */
function abandonWorker(markBroken: boolean): void {
  const w = worker;
  worker = undefined;
  workerFile = undefined;
  if (markBroken) broken = true;
  if (w) {
    w.removeAllListeners();
    w.on('error', () => undefined);
    void w.terminate().catch(() => undefined);
  }
  const waiting = [...pending.values()];
  pending.clear();
  for (const p of waiting) p.resolve(parseInline(p.request));
}

function onReply(reply: unknown): void {
  const r = reply as Partial<BibliographyReply> | null;
  if (!r || typeof r.id !== 'number') return;
  const p = pending.get(r.id);
  if (!p) return;
  pending.delete(r.id);
  const result = r.result;
  if (result && Array.isArray(result.entries) && Array.isArray(result.problems)) p.resolve(result);
  else p.resolve(parseInline(p.request));
  if (pending.size === 0) worker?.unref();
}

function startWorker(file: string): Worker | undefined {
  if (worker && workerFile === file) return worker;
  if (worker) abandonWorker(false);
  try {
    const w = new Worker(file);
    w.on('message', onReply);
    w.on('error', () => abandonWorker(true));
    w.on('exit', () => {
      if (worker === w) abandonWorker(true);
    });
    w.unref();
    worker = w;
    workerFile = file;
    return w;
  } catch {
    broken = true;
    return undefined;
  }
}

/**
 * The parsed bibliography of `text` (entries and problems, never a rejection): in the shared worker for large
 * files, inline for small ones or when no worker can run.
 */
export function parseBibliographyOffThread(text: string, uri: string, options: OffThreadOptions = {}): Promise<ParsedBibliography> {
  const request: BibliographyRequest = { id: nextId++, text: typeof text === 'string' ? text : '', uri: String(uri ?? '') };
  if (options.format) request.format = options.format;
  const min = options.minSizeForWorker ?? DEFAULT_MIN_SIZE_FOR_WORKER;
  if (broken || request.text.length < min) return Promise.resolve(parseInline(request));
  const w = startWorker(options.workerPath ?? defaultWorkerPath());
  if (!w) return Promise.resolve(parseInline(request));
  return new Promise<ParsedBibliography>((resolve) => {
    pending.set(request.id, { request, resolve });
    w.ref();
    try {
      w.postMessage(request);
    } catch {
      pending.delete(request.id);
      if (pending.size === 0) w.unref();
      resolve(parseInline(request));
    }
  });
}

/** True while a worker is running (for tests and diagnostics). */
export function bibliographyWorkerRunning(): boolean {
  return worker !== undefined;
}

/** Stops the worker (waiting requests are parsed inline) and lets a later call try a worker again. */
export function disposeBibliographyPool(): void {
  abandonWorker(false);
  broken = false;
}
