/**
 * One analysis of a document shared by the checks and the hover: the text analysis, the dates written in prose,
 * the names of dataset entries and the event mentions of the sentences that may carry a date.
 */
import type { DatasetIndex, NameHit } from '../dataset/index';
import { findDateExpressions, type DateExpression } from '../dates/expressions';
import type { DateInterval } from '../dates/interval';
import { findEntityMentions, findEventMentions, findNameHits, type EntityMention, type EventMention } from '../mentions/index';
import { analyzeTextBlock, regionIndexAt, type Directive, type DocumentFrame, type FrontMatter, type TextAnalysis } from '../text/analysis';

/** Everything the checks and the hover need to know about one version of a document. */
export interface DocumentAnalysis {
  readonly text: string;
  readonly languageId: string;
  readonly index: DatasetIndex;
  readonly analysis: TextAnalysis;
  /** Dates written in prose, in order. */
  readonly dates: readonly DateExpression[];
  /** Per sentence (by index in `analysis.sentences`): indexes into `dates` of the dates that start in it. */
  readonly datesBySentence: ReadonlyMap<number, readonly number[]>;
  /** Names of people, places and events in prose. */
  readonly names: readonly NameHit[];
  /**
   * Event mentions: by name everywhere, by paraphrase (all of a cue within one clause) in the sentences that hold
   * a date and in the sentence after each of those (which may inherit its date).
   */
  readonly mentions: readonly EventMention[];
  /** People, places and events named in prose, for hovers (computed on first call). */
  entities(): readonly EntityMention[];
}

/** Analyses a document once for every check and feature: text regions, dates, names and event mentions. */
export function analyzeDocument(text: string, languageId: string, index: DatasetIndex): DocumentAnalysis {
  const source = typeof text === 'string' ? text : '';
  return analyzeDocumentBlock(source, languageId, index, 0, source.length).doc;
}

/** A block of a document analysed alone (see `analyzeTextBlock`), with what the whole document needs of it. */
export interface DocumentBlock {
  doc: DocumentAnalysis;
  directives: Directive[];
  unclosed: boolean;
  frontMatter?: FrontMatter;
}

/** Analyses `text[start, end)` alone, offsets into the whole text; `frame` gives the whole document's lines and suppressions. */
export function analyzeDocumentBlock(text: string, languageId: string, index: DatasetIndex, start: number, end: number, frame?: () => DocumentFrame): DocumentBlock {
  const source = typeof text === 'string' ? text : '';
  const block = analyzeTextBlock(source, typeof languageId === 'string' ? languageId : 'plaintext', start, end, frame);
  const analysis = block.analysis;
  const dates: DateExpression[] = [];
  // Prose joined across inline emphasis ("\emph{November} 1964" is one date).
  for (const r of analysis.dateRegions) for (const d of findDateExpressions(source, r.start, r.end)) dates.push(d);
  const datesBySentence = new Map<number, number[]>();
  const paragraphDates: DateInterval[][] = analysis.paragraphs.map(() => []);
  dates.forEach((d, i) => {
    const s = regionIndexAt(analysis.sentences, d.start);
    if (s < 0) return;
    const list = datesBySentence.get(s);
    if (list) list.push(i);
    else datesBySentence.set(s, [i]);
    paragraphDates[analysis.sentences[s].paragraph]?.push(d.interval);
  });
  const names = findNameHits(analysis, index);
  const wanted = (s: number): boolean =>
    datesBySentence.has(s) || (s > 0 && datesBySentence.has(s - 1) && analysis.sentences[s - 1].paragraph === analysis.sentences[s].paragraph);
  const mentions = findEventMentions(analysis, source, index, { sentenceFilter: wanted, names, paragraphDates, cueScope: 'clause' });
  let entities: EntityMention[] | undefined;
  const doc: DocumentAnalysis = {
    text: source,
    languageId: typeof languageId === 'string' ? languageId : 'plaintext',
    index,
    analysis,
    dates,
    datesBySentence,
    names,
    mentions,
    entities: () => (entities ??= findEntityMentions(analysis, source, index, { names, paragraphDates })),
  };
  return { doc, directives: block.directives, unclosed: block.unclosed, frontMatter: block.frontMatter };
}
