/**
 * The amendment file as read (docs/amendments.md, "The amendment file"): its front matter and its
 * amendments, each with the span of every part as written, so that checks, hovers and fixes point at
 * the words. Built by `parseAmendments` (amendments/parse.ts); offsets are UTF-16 offsets of the file's
 * text.
 */
import type { Diagnostic, LineIndex, Span } from '../syntax/span';
import type { AmendmentStatus, ChangeKind } from './keywords';

export type { AmendmentStatus, ChangeKind } from './keywords';

/** A value of the file and where it is written. */
export interface Part<T> {
  value: T;
  span: Span;
}

/** The printed lines an amendment cites: `Linje 112–114` is `{ first: 112, last: 114 }` (1-based, as printed). */
export interface LineRange {
  first: number;
  last: number;
  /** The numbers as written (`112–114`): the span a fix rewrites. */
  span: Span;
  /** The pillar named before the lines (`Kapittel 2, linje 12`), when line numbers restart in each pillar. */
  pillar?: Part<string>;
}

/** One amendment: the block from its id to the next id. Parts that are missing or could not be read are absent. */
export interface Amendment {
  /** The id, NFC, its letters in upper case (`E1`, `Ä3`, `E12b`): `e1`, `E 1` and `Endringsforslag 1` are `E1` (parse.ts, readId). */
  id: string;
  idSpan: Span;
  /** From the id to the end of the block's last line that is not blank. */
  span: Span;
  /** Who proposes it, as written (continuation lines joined with ", "). */
  proposer?: Part<string>;
  range?: LineRange;
  /** What it does; the span covers the whole change, from the verb to the last quote. */
  change?: Part<ChangeKind>;
  /**
   * The text the change is about, as quoted (white space, line breaks included, made single spaces;
   * trimmed): what is replaced or deleted, or what the insertion follows. The span is between the marks.
   */
  quoted?: Part<string>;
  /** The new text of a replacement or an insertion (white space as in `quoted`); absent for a deletion. */
  replacement?: Part<string>;
  /** The reason (paragraphs kept as blank lines). */
  reason?: Part<string>;
  /**
   * `proposed` when no `Status:` line says otherwise; `unknown` when the `Status:` line names no status
   * the format knows (`vedtatt med endringer`): such an amendment is never taken as any status (apply
   * refuses it whatever statuses it applies, the voting list shows the words as written).
   */
  status: AmendmentStatus | 'unknown';
  /** The status's value as written, when there is a `Status:` line that is not empty. */
  statusSpan?: Span;
  /** The status as written (continuation lines joined), when it is `unknown`. */
  statusWritten?: string;
}

/** The front matter of an amendment file. */
export interface AmendmentsFrontMatter {
  /** From the opening `---` to the end of the closing one. */
  span: Span;
  /** The programme's file, relative to the amendment file. */
  programme?: Part<string>;
  /** The printed draft's fingerprint, as written (lower case). */
  draft?: Part<string>;
  lineWidth?: Part<number>;
  /** How the draft's lines were numbered, when it is not the programme's configuration's. */
  lineNumbering?: Part<'document' | 'pillar'>;
  lang?: Part<string>;
}

/** An amendment file as read: never absent, whatever the text (see `parseAmendments`). */
export interface AmendmentsFile {
  text: string;
  lines: LineIndex;
  frontMatter?: AmendmentsFrontMatter;
  /** In the order written. */
  amendments: Amendment[];
  /** What could not be read (`amendment-syntax`), in the order of the text. */
  diagnostics: Diagnostic[];
}
