/**
 * The typed syntax tree of a programme and the CST visitor that builds it.
 *
 * The tree is flat: front matter, then blocks in document order (headings, measures, paragraphs,
 * comments). Nesting into pillars and sub-sections is the model's work (`model/`). Every node carries
 * its span as offsets. The visitor also reads heading numbers and labels and reports near-misses as
 * `syntax` diagnostics, reading each as what the writer meant.
 */
import * as l10n from '@vscode/l10n';
import type { CstNode, IToken } from 'chevrotain';
import { Label, Reference, TextEol } from './tokens';
import type { Diagnostic, Fix, Span, TextChange } from './span';
import { oddSpaces } from './spaces';
import { lazily } from './lazy';

/** A run of plain text inside a line. */
export interface TextNode {
  kind: 'text';
  span: Span;
}

/** `[[target]]`; `target` is the text between the brackets, as written. */
export interface ReferenceNode {
  kind: 'reference';
  span: Span;
  target: string;
  targetSpan: Span;
}

/** `{#name}`; `name` as written (see `labelKey` for comparison). */
export interface LabelNode {
  kind: 'label';
  span: Span;
  name: string;
  nameSpan: Span;
}

/** Inline content of a line. */
export type InlineNode = TextNode | ReferenceNode | LabelNode;

/** What starts a line before its inline content. */
export type LinePrefix = 'none' | 'indent' | 'escape' | 'bullet';

/** One line of text: its content span (without the line break), its prefix and its inline nodes. */
export interface LineNode {
  kind: 'line';
  span: Span;
  prefix: LinePrefix;
  /** The span of the prefix (indent, escaped number such as `17\.`, or bullet); empty for `none`. */
  prefixSpan: Span;
  inlines: InlineNode[];
}

/** A `//` comment line. */
export interface CommentNode {
  kind: 'comment';
  span: Span;
}

/** The number of a heading, as read from its text. */
export interface HeadingNumber {
  /** As written: `3`, `1.1`, `2.1.1`. */
  text: string;
  /** The numbers of the parts: `[2, 1, 1]` for `2.1.1`. */
  parts: number[];
  /** `.` or `)`, or '' when none was written (hierarchical numbers, or a near-miss). */
  delimiter: string;
  span: Span;
  delimiterSpan?: Span;
}

/** A heading line `#`…`######`. */
export interface HeadingNode {
  kind: 'heading';
  span: Span;
  level: number;
  markerSpan: Span;
  /** The level the heading is read at: `level`, except for `# 2.1 Title`, read as a level-2 sub-section. */
  effectiveLevel: number;
  number?: HeadingNumber;
  title: string;
  titleSpan: Span;
  label?: LabelNode;
  inlines: InlineNode[];
}

/**
 * How a measure's number is written (docs/format.md, "Measures" and "Measures written another way"):
 * `plain` `3. …` / `3) …` at column 0; `full-id` with its pillar's (or section's) number, `1.3 …` or
 * `1.3. …`; and three near-misses that the model reads as a measure only where the numbering says so:
 * `indented` by one to three spaces, `colon` (`3: …`) and `no-space` (`3.Gi …`).
 */
export type MeasureForm = 'plain' | 'full-id' | 'indented' | 'colon' | 'no-space';

/** A measure: its number line and the lines that continue it (text, sub-points, comments). */
export interface MeasureNode {
  kind: 'measure';
  /** From the number (the first part of a full id) to the end of the last line of the measure (without its line break). */
  span: Span;
  /** The measure's own number with its alternative letter, as written: `9A` (`3` of the full id `1.3`). */
  numberText: string;
  numberSpan: Span;
  /** Digits only, as a number (`Infinity`-free: huge numbers are kept as `Number.MAX_SAFE_INTEGER`). */
  value: number;
  /** The alternative letter, or ''. */
  alternative: string;
  /** `.` or `)`; `:` for the `colon` near-miss; '' for a full id without a final dot (`1.3 …`). */
  delimiter: '.' | ')' | ':' | '';
  /** The delimiter's span (empty, at the end of the number, when there is none). */
  delimiterSpan: Span;
  /** The first line (from the text after the number); then continuation lines. */
  lines: LineNode[];
  /** For each of `lines`, whether it is a sub-point (`- …` directly under the measure). */
  subPoint: boolean[];
  /** The measure's label, if one ends one of its lines. */
  label?: LabelNode;
  /** How the number is written. */
  form: MeasureForm;
  /** The blanks between the delimiter and the text (space-like characters included); empty for `no-space`. */
  spaceSpan: Span;
  /** For `indented`: the spaces before the number. */
  indentSpan?: Span;
  /** For `full-id`: the parts before the measure's own number, as written (`1` of `1.3`, `1.2` of `1.2.3`). */
  idPrefix?: { text: string; span: Span };
}

/** A paragraph of prose. */
export interface ParagraphNode {
  kind: 'paragraph';
  span: Span;
  lines: LineNode[];
}

/** YAML front matter between `---` lines. */
export interface FrontMatterNode {
  kind: 'frontMatter';
  span: Span;
  /** The YAML text between the fences (from the first character after the opening line break). */
  contentSpan: Span;
}

/** A block of the document. */
export type BlockNode = HeadingNode | MeasureNode | ParagraphNode;

/** The syntax tree: front matter, blocks and comments in document order, and the syntax diagnostics. */
export interface SyntaxTree {
  text: string;
  frontMatter?: FrontMatterNode;
  blocks: BlockNode[];
  comments: CommentNode[];
  diagnostics: Diagnostic[];
}

/** A chapter word before a pillar's number, as headings of real programmes have them (nb, nn, de, en). */
const CHAPTER_WORD = /^(?:Kapittel|Kap\.?|Del|Kapitel|Teil|Abschnitt|Chapter|Ch\.|Part)[ \t]+(?=[0-9])/iu;

/**
 * A pillar's number at the start of a level-1 heading's text: `3.`/`3)` then a blank or the end (1, 2);
 * `3:`, `3 -`, `3 –`, `3 —`, `3 |` (3: the separator); `3` then a blank (4: no delimiter); `3.Helse` (5).
 */
const PILLAR_NUMBER = /^([0-9]+)(?:([.)])(?=[ \t\u00a0\u202f\u2000-\u200a\u3000]|$)|[ \t]*([:\-–—|])(?![0-9])|(?=[ \t\u00a0\u202f\u2000-\u200a\u3000]|$)()|([.)])(?=[^ \t\u00a0\u202f\u2000-\u200a\u3000\u200b0-9]))/u;

/** A space, a tab, or a space-like character (tokens.ts `SPACE_LIKE`). */
const SPACE_LIKE_CHAR = /[ \t\u00a0\u202f\u2000-\u200a\u3000\f\u200b\ufeff]/;

/** A well-formed label name: letters of any script, digits, `-`, `_` and `.` (format §3). */
export const LABEL_NAME = lazily(() => /^[\p{L}\p{M}\p{N}_.-]+$/u);

/**
 * {@link LABEL_NAME} for names of Latin-1 characters only (below U+0100, as most labels of nb, nn, de
 * and en are): its letters, marks and numbers there spelled out, without the Unicode properties, whose
 * classes V8 builds from the Unicode tables when the expression is made and again when it first runs
 * (about 0.3 ms of a check; test/tokens.test.ts compares the two for every Latin-1 character).
 */
export const LATIN1_LABEL_NAME = /^[0-9A-Za-z_.\-\xaa\xb2\xb3\xb5\xb9\xba\xbc-\xbe\xc0-\xd6\xd8-\xf6\xf8-\xff]+$/;

/** For each Latin-1 code unit, 1 when a label name may hold it (made from {@link LATIN1_LABEL_NAME}). */
const LATIN1_LABEL_CHAR = Uint8Array.from({ length: 256 }, (_, c) => (LATIN1_LABEL_NAME.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * True when `name` is a well-formed label name: letters of any script, digits, `-`, `_` and `.` (format §3).
 * A Latin-1 name is read from a table (no call of the Unicode pattern for each of a document's labels).
 */
export function isValidLabelName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x100) return LABEL_NAME().test(name);
    if (LATIN1_LABEL_CHAR[c] === 0) return false;
  }
  return true;
}
const BAD_LABEL_CHAR = lazily(() => /[^\p{L}\p{M}\p{N}_.-]/u);

/**
 * A well-formed label for a name with characters labels cannot hold: invisible format characters go,
 * and every run of blanks and other signs becomes one `-` (with the hyphens beside it: `a, -b` →
 * `a-b`); '' when nothing would be left.
 */
export function labelSuggestion(name: string): string {
  const parts = name.replace(/\p{Cf}/gu, '').split(/[^\p{L}\p{M}\p{N}_.-]+/u).filter((x) => x !== '');
  let out = '';
  for (const part of parts) out += out === '' || out.endsWith('-') || part.startsWith('-') ? part : `-${part}`;
  return out;
}

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

function tok(ctx: Ctx, key: string): IToken | undefined {
  return ctx[key]?.[0] as IToken | undefined;
}
function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] as CstNode[] | undefined) ?? [];
}
function endOf(token: IToken): number {
  return token.startOffset + token.image.length;
}

/**
 * Builds the syntax tree from the CST. One instance per parse (it holds the text and the
 * diagnostics). A CST visitor as Chevrotain's are, with a method for each rule of the grammar
 * (test/parser.test.ts checks that none is missing), but not made from the parser
 * (`getBaseCstVisitorConstructorWithDefaults`): plainLines.ts reads most stretches into it without
 * Chevrotain, and a check of such a programme then never makes the parser (parser.ts `cstParser`).
 */
export class TreeBuilder {
  readonly blocks: BlockNode[] = [];
  readonly comments: CommentNode[] = [];
  readonly diagnostics: Diagnostic[] = [];
  frontMatterNode?: FrontMatterNode;

  constructor(private readonly text: string) {}

  /**
   * Visits a CST node: calls the method of its rule (`document`, `block`, …) with its children, as
   * Chevrotain's visitors' `visit` does.
   */
  visit(node: CstNode): void {
    (this as unknown as Record<string, (ctx: Ctx) => unknown>)[node.name](node.children as Ctx);
  }

  private syntax(span: Span, message: string, data?: Record<string, unknown>): void {
    this.diagnostics.push({ code: 'syntax', severity: 'error', message: detached(message), span, data });
  }

  document(ctx: Ctx): void {
    for (const fm of nodes(ctx, 'frontMatter')) this.visit(fm);
    for (const block of nodes(ctx, 'block')) this.block(block.children as Ctx);
  }

  frontMatter(ctx: Ctx): void {
    const start = tok(ctx, 'FrontMatterStart');
    const end = tok(ctx, 'FrontMatterEnd');
    if (start === undefined || end === undefined || start.isInsertedInRecovery || end.isInsertedInRecovery) return;
    let contentStart = endOf(start);
    if (this.text.charCodeAt(contentStart) === 13) contentStart++;
    if (this.text.charCodeAt(contentStart) === 10) contentStart++;
    let contentEnd = end.startOffset;
    contentEnd = Math.max(contentStart, contentEnd);
    this.frontMatterNode = {
      kind: 'frontMatter',
      span: { start: start.startOffset, end: endOf(end) },
      contentSpan: { start: contentStart, end: contentEnd },
    };
  }

  block(ctx: Ctx): void {
    const inner = (ctx.heading ?? ctx.measure ?? ctx.paragraph) as CstNode[] | undefined;
    if (inner !== undefined) {
      const node = inner[0];
      if (node.name === 'heading') this.heading(node.children as Ctx);
      else if (node.name === 'measure') this.measure(node.children as Ctx);
      else this.paragraph(node.children as Ctx);
      return;
    }
    const blank = tok(ctx, 'BlankLine');
    if (blank !== undefined) {
      if (blank.isInsertedInRecovery) return;
      // A blank line of no-break spaces (pasted from a web page or Word) is blank; the spaces are reported.
      const spaces = oddSpaces(this.text, { start: blank.startOffset, end: this.withoutLineBreak(blank.startOffset, endOf(blank)) }, '');
      if (spaces !== undefined) this.diagnostics.push(spaces);
      return;
    }
    this.comment(tok(ctx, 'Comment'));
  }

  private comment(c: IToken | undefined): void {
    if (c !== undefined && !c.isInsertedInRecovery) this.comments.push({ kind: 'comment', span: { start: c.startOffset, end: endOf(c) } });
  }

  /**
   * Reads the inline nodes of one line from the tokens its rule consumed (`Reference`, `Label`,
   * `TextLike`), in document order; adjacent text runs are merged.
   */
  private inlines(ctx: Ctx): InlineNode[] {
    const refs = ctx.Reference as IToken[] | undefined;
    const labels = ctx.Label as IToken[] | undefined;
    const texts = ctx.TextLike as IToken[] | undefined;
    const eol = ctx.TextEol as IToken[] | undefined;
    if (refs === undefined && labels === undefined && texts === undefined) {
      // Most lines: one text run that ends the line.
      if (eol === undefined) return [];
      const token = eol[0];
      if (token.isInsertedInRecovery) return [];
      const start = token.startOffset;
      const end = this.withoutLineBreak(start, endOf(token));
      return end === start ? [] : [{ kind: 'text', span: { start, end } }];
    }
    // The four lists, each in document order, merged (no array of them all, no sort: most lines with
    // a reference or label are a few tokens, and there are many of them).
    const lists = [texts ?? NO_TOKENS, refs ?? NO_TOKENS, labels ?? NO_TOKENS, eol ?? NO_TOKENS];
    const at = [0, 0, 0, 0];
    const total = lists[0].length + lists[1].length + lists[2].length + lists[3].length;
    const out = new Array<InlineNode>(total);
    let n = 0;
    for (let k = 0; k < total; k++) {
      // The list whose next token comes first; tokens inserted by error recovery (no offset) are skipped.
      let which = -1;
      for (let i = 0; i < 4; i++) {
        const list = lists[i];
        if (at[i] >= list.length) continue;
        if (list[at[i]].isInsertedInRecovery) {
          which = i;
          break;
        }
        if (which < 0 || list[at[i]].startOffset < lists[which][at[which]].startOffset) which = i;
      }
      const token = lists[which][at[which]++];
      if (token.isInsertedInRecovery) continue;
      const start = token.startOffset;
      let end = endOf(token);
      const type = token.tokenType;
      if (type === TextEol) {
        // The token holds the line break; the node does not.
        end = this.withoutLineBreak(start, end);
        if (end === start) continue;
      }
      if (type === Reference) {
        out[n++] = { kind: 'reference', span: { start, end }, target: detached(token.image.slice(2, -2)), targetSpan: { start: start + 2, end: end - 2 } };
      } else if (type === Label) {
        out[n++] = { kind: 'label', span: { start, end }, name: detached(token.image.slice(2, -1)), nameSpan: { start: start + 2, end: end - 1 } };
      } else {
        const last = n > 0 ? out[n - 1] : undefined;
        if (last !== undefined && last.kind === 'text' && last.span.end === start) out[n - 1] = { kind: 'text', span: { start: last.span.start, end } };
        else out[n++] = { kind: 'text', span: { start, end } };
      }
    }
    // Of exact length: the syntax tree lives as long as the document (`push` would leave room for 17).
    return exactly(out, n);
  }

  /** `end` moved back over a line break (LF, CRLF or CR) that ends the text `[start, end)`. */
  private withoutLineBreak(start: number, end: number): number {
    const text = this.text;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The end of a line's content, given its first offset and its inline nodes. */
  private lineEnd(start: number, inlines: InlineNode[]): number {
    return inlines.length > 0 ? inlines[inlines.length - 1].span.end : start;
  }

  /**
   * Takes the label off the end of a line's inline nodes, checks its characters, and reports labels
   * that do not end their line. Returns the label that ends the line, if any.
   */
  private takeLabel(inlines: InlineNode[], where: 'heading' | 'measure' | 'prose'): LabelNode | undefined {
    let any = false;
    for (const n of inlines) if (n.kind === 'label') any = true;
    if (!any) return undefined;
    let ending: LabelNode | undefined;
    // Labels after the last inline that is neither blank text nor a label end the line (linear, not
    // a scan of the rest of the line for every label).
    let lastContent = -1;
    for (let i = inlines.length - 1; i >= 0 && lastContent < 0; i--) {
      const n = inlines[i];
      if (n.kind !== 'label' && !(n.kind === 'text' && this.text.slice(n.span.start, n.span.end).trim() === '')) lastContent = i;
    }
    for (let i = 0; i < inlines.length; i++) {
      const node = inlines[i];
      if (node.kind !== 'label') continue;
      const endsLine = i > lastContent;
      const shown = `{#${truncate(node.name, 40)}}`;
      if (where === 'prose') {
        this.syntax(node.span, l10n.t('A label marks a heading or a measure; "{0}" stands in prose. Move it to the end of a heading or measure line, or remove it.', shown));
      } else if (!endsLine) {
        this.syntax(node.span, l10n.t('A label must end its line; "{0}" is followed by text. Move it to the end of the line.', shown));
      } else if (ending !== undefined) {
        this.syntax(node.span, secondLabel(where, shown));
      } else {
        ending = node;
      }
      this.checkLabelName(node);
    }
    return ending;
  }

  private checkLabelName(label: LabelNode): void {
    if (label.name === '') {
      // The braces are arguments: `{…}` in a message's text would be read as a placeholder.
      this.syntax(label.span, l10n.t('The label "{0}" is empty. Write a name after "#", for example "{1}".', '{#}', '{#arbeid}'));
    } else if (!isValidLabelName(label.name)) {
      const bad = BAD_LABEL_CHAR().exec(label.name)?.[0] ?? '';
      const shown = `{#${truncate(label.name, 40)}}`;
      const suggestion = labelSuggestion(label.name);
      let message = /\s/.test(bad)
        ? l10n.t('The label "{0}" contains a space; labels hold letters, digits, "-", "_" and "." only.', shown)
        : l10n.t('The label "{0}" contains "{1}"; labels hold letters, digits, "-", "_" and "." only.', shown, bad);
      message += ' ' + (suggestion !== '' ? l10n.t('Write "{0}".', `{#${truncate(suggestion, 40)}}`) : l10n.t('Replace it, for example with "-".'));
      // The fix (renaming the references too) is the model's: `labelSuggestion` in `data` asks for it.
      this.syntax(label.nameSpan, message, suggestion !== '' ? { labelSuggestion: suggestion } : undefined);
    }
  }

  heading(ctx: Ctx): void {
    const marker = tok(ctx, 'HeadingMarker');
    if (marker === undefined) return;
    const inlines = this.inlines(ctx);
    const markerStart = marker.startOffset;
    let level = 0;
    while (marker.image.charCodeAt(level) === 35 /* # */) level++;
    const markerEnd = markerStart + level;
    const contentStart = endOf(marker);
    const lineEnd = this.lineEnd(contentStart, inlines);
    const label = this.takeLabel(inlines, 'heading');
    let content = { start: contentStart, end: label !== undefined ? label.span.start : lineEnd };
    // Trim blanks at the end of the title.
    while (content.end > content.start && /[ \t]/.test(this.text[content.end - 1])) content = { ...content, end: content.end - 1 };
    const node: HeadingNode = {
      kind: 'heading',
      span: { start: markerStart, end: lineEnd },
      level,
      effectiveLevel: level,
      markerSpan: { start: markerStart, end: markerEnd },
      title: '',
      titleSpan: content,
      label,
      inlines,
    };
    const before = this.diagnostics.length;
    this.readHeadingNumber(node, content, contentStart === markerEnd);
    // Space-like characters after `#` (a near-miss of the heading itself rewrites them already).
    if (!this.diagnostics.slice(before).some((d) => d.code === 'near-miss')) {
      const spaces = oddSpaces(this.text, { start: markerEnd, end: contentStart }, '#'.repeat(level));
      if (spaces !== undefined) this.diagnostics.push(spaces);
    }
    this.blocks.push(node);
  }

  /**
   * Reads `N. Title`, `N) Title` (pillars) and `1.2 Title` (sub-sections), with the near-misses
   * (docs/format.md, "Headings that are almost right"): each is read as the heading meant and reported
   * once, as a `near-miss` with the fix that writes it as the format wants; a pillar without a title
   * is a `syntax` error.
   */
  private readHeadingNumber(node: HeadingNode, content: Span, noSpace: boolean): void {
    let { start, end } = content;
    const text = this.text;
    let bold = false;
    if (text.startsWith('**', start) && end - start >= 4 && text.startsWith('**', end - 2)) {
      bold = true;
      start += 2;
      end -= 2;
    }
    const body = text.slice(start, end);
    /** Sets the title after `offset`; true when the blanks before it hold a space-like character (U+00A0 …). */
    const setTitle = (offset: number): boolean => {
      let s = start + offset;
      let odd = false;
      while (s < end && SPACE_LIKE_CHAR.test(text[s])) {
        if (text[s] !== ' ' && text[s] !== '\t') odd = true;
        s++;
      }
      node.titleSpan = { start: s, end };
      node.title = detached(text.slice(s, end));
      return odd;
    };
    const marks = '#'.repeat(node.level);
    const shown = () => truncate(text.slice(node.span.start, node.span.end));
    /** The fix: everything before the title becomes `head`, and the closing `**` of a bold heading goes. */
    const rewrite = (head: string, drops?: string): Fix => {
      const changes: TextChange[] = [{ span: { start: node.span.start, end: node.titleSpan.start }, newText: node.title === '' ? head.trimEnd() : head }];
      if (bold) changes.push({ span: { start: end, end: end + 2 }, newText: '' });
      const fix: Fix = { title: l10n.t('Write "{0}"', truncate(head + node.title, 50)), changes, preferred: true, automatic: true };
      if (drops !== undefined) fix.drops = drops;
      return fix;
    };
    // What to write otherwise, one sentence each, after the sentence that says how the heading is read.
    const nearMisses: string[] = [];
    if (bold) nearMisses.push(l10n.t('Remove the "**" around it (headings are bold when printed).'));
    if (noSpace) nearMisses.push(l10n.t('Put a space after "{0}".', marks));
    if (node.level === 1) {
      const sub = /^([0-9]+(?:\.[0-9]+)+)(\.?)(?=[ \t\u00a0\u202f\u2000-\u200a\u3000]|$)/.exec(body);
      // `# 12.0 Utenriks`: a chapter numbered with `.0` is pillar 12, not a sub-section.
      const zero = sub !== null && /^[0-9]+\.0+$/.test(sub[1]) ? sub[1].slice(0, sub[1].indexOf('.')) : undefined;
      if (zero !== undefined) {
        this.setNumber(node, zero, '', start);
        setTitle(sub![0].length);
        nearMisses.push(l10n.t('Write "{0}" instead of "{1}".', `${truncate(zero, 20)}.`, truncate(sub![1] + sub![2], 20)));
        this.nearMiss(node.span, [l10n.t('"{0}" is read as pillar {1}.', shown(), truncate(zero, 20)), ...nearMisses].join(' '), rewrite(`# ${zero}. `));
        return;
      }
      if (sub !== null) {
        // `# 2.1 Title`: a sub-section number on a level-1 heading; read as the sub-section meant.
        this.setNumber(node, sub[1], sub[2], start);
        setTitle(sub[0].length);
        node.effectiveLevel = Math.min(6, node.number!.parts.length);
        const head = `${'#'.repeat(node.effectiveLevel)} ${sub[1]}${sub[2]} `;
        this.nearMiss(node.span, l10n.t('"{0}" has the number of a sub-section and is read as one; write it as "{1}…".', shown(), truncate(head, 24)), rewrite(head), { level: node.effectiveLevel });
        return;
      }
      // `# Kapittel 3: Helse`, `# Del 2 – Skole`: a chapter word before the number.
      const chapter = CHAPTER_WORD.exec(body);
      const at = chapter !== null ? chapter[0].length : 0;
      const m = PILLAR_NUMBER.exec(body.slice(at));
      // `# 12 hovedpunkter`, `# 2024 i tall`: a number without a delimiter and a small letter after it is
      // a count in the title, not a pillar's number (`# 3 Helse` is pillar 3).
      const count = m !== null && chapter === null && m[4] !== undefined && /^[ \t]+\p{Ll}/u.test(body.slice(at + m[1].length));
      if (m !== null && !count) {
        const digits = m[1];
        const delimiter = m[2] ?? m[5] ?? '';
        this.setNumber(node, digits, delimiter, start + at);
        if (setTitle(at + m[0].length)) nearMisses.push(l10n.t('Write a plain space after "{0}".', `${truncate(digits, 20)}${m[2] ?? m[3] ?? ''}`));
        if (chapter !== null) nearMisses.push(l10n.t('Write the number without "{0}".', chapter[0].trim()));
        if (m[3] !== undefined) nearMisses.push(l10n.t('Write "{0}" instead of "{1}".', `${truncate(digits, 20)}.`, m[3]));
        else if (m[4] !== undefined) nearMisses.push(l10n.t('Write "{0}" with a delimiter.', `${truncate(digits, 20)}.`));
        if (m[5] !== undefined) nearMisses.push(l10n.t('Put a space after "{0}".', `${truncate(digits, 20)}${m[5]}`));
        const number = truncate(digits, 20);
        if (nearMisses.length > 0) {
          const head = `# ${digits}${delimiter === ')' ? ')' : '.'} `;
          if (node.title === '') nearMisses.push(l10n.t('It has no title: give it one.'));
          const fix = rewrite(head, chapter?.[0].trim());
          // `# DEL 1` with its title on the next line: writing `# 1.` would leave a heading of no words.
          if (node.title === '') fix.automatic = false;
          this.nearMiss(node.span, [l10n.t('"{0}" is read as pillar {1}.', shown(), number), ...nearMisses].join(' '), fix);
        } else if (node.title === '') {
          this.syntax(node.span, l10n.t('"{0}" is read as pillar {1}; give the pillar a title.', shown(), number));
        }
        return;
      }
    } else {
      const m = /^([0-9]+(?:\.[0-9]+)+)(\.?)(?=[ \t\u00a0\u202f\u2000-\u200a\u3000]|$)/.exec(body);
      if (m !== null) {
        this.setNumber(node, m[1], m[2], start);
        if (setTitle(m[0].length)) nearMisses.push(l10n.t('Write a plain space after "{0}".', truncate(m[1] + m[2], 20)));
        // Nesting follows the number when the heading level says less (`## 2.1.1` under `## 2.1`).
        node.effectiveLevel = Math.max(node.level, Math.min(6, node.number!.parts.length));
        if (nearMisses.length > 0) {
          this.nearMiss(node.span, [l10n.t('"{0}" is read as sub-section {1}.', shown(), truncate(m[1], 20)), ...nearMisses].join(' '), rewrite(`${marks} ${m[1]}${m[2]} `));
        }
        if (node.title === '') this.syntax(node.span, l10n.t('"{0}" is read as sub-section {1}; give the sub-section a title.', shown(), truncate(m[1], 20)));
        return;
      }
    }
    // An unnumbered heading keeps its text (with any "**") as its title.
    node.titleSpan = content;
    // `# 17\. mai`: the escape keeps the number from being read as one; its backslash is not printed.
    node.title = detached(text.slice(content.start, content.end).replace(/^([0-9]+[A-Z]?)\\([.)])/, '$1$2'));
    if (noSpace && node.title !== '') {
      const fix: Fix = { title: l10n.t('Put a space after "{0}"', marks), changes: [{ span: { start: node.markerSpan.end, end: node.markerSpan.end }, newText: ' ' }], preferred: true, automatic: true };
      this.nearMiss(node.span, l10n.t('Put a space after "{0}" in a heading.', marks), fix);
    }
    if (node.title === '') this.syntax(node.span, l10n.t('This heading has no title. Write a title after "{0}", or remove the line.', marks));
  }

  /** Sets a heading's number: `digits` (dotted parts) at `at`, then `delimiter` (`.` and `)` count, others do not). */
  private setNumber(node: HeadingNode, digits: string, delimiter: string, at: number): void {
    const end = at + digits.length;
    node.number = {
      text: detached(digits),
      // A pillar's number (one part) in an array literal, which V8 allocates in the old generation (see `exactly`).
      parts: digits.includes('.') ? digits.split('.').map(toNumber) : [toNumber(digits)],
      delimiter: delimiter === '.' || delimiter === ')' ? delimiter : '',
      span: { start: at, end },
      delimiterSpan: delimiter !== '.' && delimiter !== ')' ? undefined : { start: end, end: end + 1 },
    };
  }

  /** Reports a `near-miss`: a heading read as what was meant, with the fix that writes it so. */
  private nearMiss(span: Span, message: string, fix: Fix, data?: Record<string, unknown>): void {
    this.diagnostics.push({ code: 'near-miss', severity: 'warning', message: detached(message), span, data, fixes: [fix] });
  }

  measure(ctx: Ctx): void {
    const marker = tok(ctx, 'MeasureStart');
    if (marker === undefined || marker.isInsertedInRecovery) return;
    const read = readMarker(marker.image);
    if (read === undefined) return;
    const firstStart = endOf(marker);
    const firstInlines = this.inlines(ctx);
    const first: LineNode = {
      kind: 'line',
      span: this.lineSpan(firstStart, firstStart, firstInlines),
      prefix: 'none',
      prefixSpan: { start: firstStart, end: firstStart },
      inlines: firstInlines,
    };
    this.addMeasure(marker.startOffset, read, firstStart, this.continuationLines(ctx, first));
  }

  /**
   * The measure that {@link measure} reads from a `MeasureMarker` token (tokens.ts) whose image is
   * `marker`, at document offset `markerStart`, followed by `count` lines of plain text (a `TextEol` each,
   * without its line break), line i being `[starts[i], ends[i])` and the first starting right after the
   * marker: the same node, made without tokens and contexts (syntax/plainLines.ts).
   */
  plainMeasure(marker: string, markerStart: number, starts: Int32Array, ends: Int32Array, count: number): void {
    // The marker's image is digits, a capital letter or none, `.` or `)`, then blanks: what
    // `readMarker` reads of it, read without its regular expression; and the node `addMeasure` makes
    // of it, made here without the reading's object (lines of text alone hold no label and no sub-point).
    let d = 0;
    let value = 0;
    for (let c = marker.charCodeAt(0); c >= 48 && c <= 57; c = marker.charCodeAt(++d)) value = value * 10 + (c - 48);
    // As `toNumber` reads the digits: beyond 15 of them the value is capped.
    if (d > 15) value = Number.MAX_SAFE_INTEGER;
    const c = marker.charCodeAt(d);
    const letter = c >= 65 && c <= 90 ? marker.charAt(d) : '';
    const numberEnd = markerStart + d + letter.length;
    const firstStart = markerStart + marker.length;
    const lines = plainLineNodes(starts, ends, count);
    this.blocks.push({
      kind: 'measure',
      span: { start: markerStart, end: Math.max(lines[count - 1].span.end, firstStart) },
      numberText: letter === '' && d <= 3 && (d === 1 || marker.charCodeAt(0) !== 48) ? numberString(value) : detached(marker.slice(0, d + letter.length)),
      numberSpan: { start: markerStart, end: numberEnd },
      value,
      alternative: letter,
      delimiter: marker.charAt(d + letter.length) as '.' | ')',
      delimiterSpan: { start: numberEnd, end: numberEnd + 1 },
      lines,
      subPoint: noSubPoints(count),
      label: undefined,
      form: 'plain',
      spaceSpan: { start: numberEnd + 1, end: firstStart },
      indentSpan: undefined,
      idPrefix: undefined,
    });
  }

  /**
   * The paragraph that {@link paragraph} reads from `count` (one or more) lines of plain text (a
   * `TextEol` each, without its line break), line i being `[starts[i], ends[i])`: the same node, made
   * without tokens and contexts (syntax/plainLines.ts).
   */
  plainParagraph(starts: Int32Array, ends: Int32Array, count: number): void {
    const lines = plainLineNodes(starts, ends, count);
    this.blocks.push({ kind: 'paragraph', span: { start: lines[0].span.start, end: lines[count - 1].span.end }, lines });
  }

  /** Adds the measure node of a marker read as `read` at `base`, whose text starts at `firstStart`, with its `lines`. */
  private addMeasure(base: number, read: MarkerReading, firstStart: number, lines: LineNode[]): void {
    const start = base + read.numberStart;
    const numberStart = base + read.lastPartStart;
    const numberEnd = numberStart + read.numberText.length;
    let subPoint = noSubPoints(lines.length);
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].prefix !== 'bullet') continue;
      subPoint = new Array<boolean>(lines.length);
      for (let k = 0; k < lines.length; k++) subPoint[k] = k > 0 && lines[k].prefix === 'bullet';
      break;
    }
    let label: LabelNode | undefined;
    for (const line of lines) {
      const l = this.takeLabel(line.inlines, 'measure');
      if (l !== undefined) {
        if (label !== undefined) this.syntax(l.span, secondLabel('measure', `{#${truncate(l.name, 40)}}`));
        else label = l;
      }
    }
    const last = lines[lines.length - 1];
    const node: MeasureNode = {
      kind: 'measure',
      span: { start, end: Math.max(last.span.end, firstStart) },
      numberText: read.letter === '' && read.digits.length <= 3 && (read.digits.length === 1 || read.digits.charCodeAt(0) !== 48) ? numberString(toNumber(read.digits)) : detached(read.numberText),
      numberSpan: { start: numberStart, end: numberEnd },
      value: toNumber(read.digits),
      alternative: read.letter,
      delimiter: read.delimiter,
      delimiterSpan: { start: numberEnd, end: numberEnd + read.delimiter.length },
      lines,
      subPoint,
      label,
      form: read.form,
      spaceSpan: { start: numberEnd + read.delimiter.length, end: firstStart },
      indentSpan: read.numberStart > 0 ? { start: base, end: start } : undefined,
      idPrefix: read.prefix !== '' ? { text: read.prefix, span: { start, end: start + read.prefix.length } } : undefined,
    };
    this.blocks.push(node);
  }

  /**
   * `first` (when defined) and the continuation lines of a measure or paragraph (the `line` nodes of
   * `ctx`), in an array of exact length (the syntax tree lives as long as the document; `push` would
   * leave room for 17).
   */
  private continuationLines(ctx: Ctx, first: LineNode | undefined): LineNode[] {
    const more = ctx.line as CstNode[] | undefined;
    const lines: LineNode[] = new Array<LineNode>((first !== undefined ? 1 : 0) + (more?.length ?? 0));
    let n = 0;
    if (first !== undefined) lines[n++] = first;
    if (more !== undefined) {
      for (const node of more) {
        const line = this.line(node.children as Ctx);
        if (line !== undefined) lines[n++] = line;
      }
    }
    return exactly(lines, n);
  }

  /** Reads one line (the first line of a paragraph, or a `line` node); a comment line goes to the comment list. */
  line(ctx: Ctx): LineNode | undefined {
    const comment = tok(ctx, 'Comment');
    if (comment !== undefined) {
      this.comment(comment);
      return undefined;
    }
    const prefixToken = tok(ctx, 'Bullet') ?? tok(ctx, 'EscapedNumber') ?? tok(ctx, 'Indent');
    const inlines = this.inlines(ctx);
    let prefix: LinePrefix = 'none';
    if (prefixToken !== undefined && !prefixToken.isInsertedInRecovery) {
      const name = prefixToken.tokenType.name;
      prefix = name === 'Bullet' ? 'bullet' : name === 'EscapedNumber' ? 'escape' : 'indent';
    }
    const start = prefix !== 'none' ? prefixToken!.startOffset : inlines.length > 0 ? inlines[0].span.start : -1;
    if (start < 0) return undefined;
    const prefixEnd = prefix !== 'none' ? endOf(prefixToken!) : start;
    if (prefix === 'bullet') this.bulletSpaces(start, prefixEnd);
    return { kind: 'line', span: this.lineSpan(start, prefixEnd, inlines), prefix, prefixSpan: { start, end: prefixEnd }, inlines };
  }

  /** Reports space-like characters after the marker of a bullet prefix `[start, end)` (indent, marker, blanks). */
  private bulletSpaces(start: number, end: number): void {
    let marker = start;
    while (marker < end && (this.text[marker] === ' ' || this.text[marker] === '\t')) marker++;
    const spaces = oddSpaces(this.text, { start: marker + 1, end }, this.text[marker]);
    if (spaces !== undefined) this.diagnostics.push(spaces);
  }

  /**
   * The span of a line from `start`, whose content starts at `contentStart`: the span of its only text
   * node when that covers the same stretch (spans are never changed, so the two nodes can share it).
   */
  private lineSpan(start: number, contentStart: number, inlines: InlineNode[]): Span {
    const end = Math.max(contentStart, this.lineEnd(contentStart, inlines));
    if (inlines.length === 1 && inlines[0].span.start === start && inlines[0].span.end === end) return inlines[0].span;
    return { start, end };
  }

  paragraph(ctx: Ctx): void {
    const lines = this.continuationLines(ctx, this.line(ctx));
    if (lines.length === 0) return;
    for (const l of lines) this.takeLabel(l.inlines, 'prose');
    this.blocks.push({ kind: 'paragraph', span: { start: lines[0].span.start, end: lines[lines.length - 1].span.end }, lines });
  }
}

/**
 * The lines `[starts[i], ends[i])` (i < `count`) of plain text, as {@link TreeBuilder.line} reads a line of
 * one `TextEol`: no prefix, and one text node, whose span the line shares (as `lineSpan` gives it).
 */
function plainLineNodes(starts: Int32Array, ends: Int32Array, count: number): LineNode[] {
  const lines = new Array<LineNode>(count);
  for (let i = 0; i < count; i++) {
    const start = starts[i];
    const span: Span = { start, end: ends[i] };
    lines[i] = { kind: 'line', span, prefix: 'none', prefixSpan: { start, end: start }, inlines: [{ kind: 'text', span }] };
  }
  // Most blocks have one to three lines: those are kept in an array literal (see `exactly`); the
  // scavenges during an analysis copied the `new Array(count)` of every measure read so far.
  return exactly(lines, count);
}

/**
 * `String(value)` for a measure's number `value` below 1,000: one string each, kept and shared by every
 * node that has the number (strings never change).
 */
function numberString(value: number): string {
  return (NUMBER_STRINGS[value] ??= String(value));
}
const NUMBER_STRINGS: (string | undefined)[] = new Array<string | undefined>(1000);

/**
 * The first `n` of `items` in an array of exactly that length: an array literal for one to three (V8
 * allocates a literal's arrays in the old generation once it sees that they live long; those of
 * `new Array(n)` are always allocated young, and every scavenge while the tree lives copies them),
 * else `items` itself, cut to `n`.
 */
function exactly<T>(items: T[], n: number): T[] {
  if (n === 1) return [items[0]];
  if (n === 2) return [items[0], items[1]];
  if (n === 3) return [items[0], items[1], items[2]];
  items.length = n;
  return items;
}

/**
 * The `subPoint` of measures of `count` lines without sub-points (a measure's first line is never
 * one): one array per count for them all (a third of a million measures of one line in a large
 * programme; most measures of more lines have no sub-points either). Shared, so never changed (no code
 * changes a node's `subPoint`; copies are made with `slice` or spread).
 */
function noSubPoints(count: number): boolean[] {
  if (count >= NO_SUB_POINTS.length) return new Array<boolean>(count).fill(false);
  return (NO_SUB_POINTS[count] ??= new Array<boolean>(count).fill(false));
}
const NO_SUB_POINTS: (boolean[] | undefined)[] = new Array<boolean[] | undefined>(64);

/** No tokens (a key the parser's context does not have). */
const NO_TOKENS: IToken[] = [];

/** The message of a second label (`shown`, as `{#name}`) on a heading or a measure. */
function secondLabel(where: 'heading' | 'measure', shown: string): string {
  return where === 'heading'
    ? l10n.t('A heading has one label; "{0}" is a second one. Remove one of them.', shown)
    : l10n.t('A measure has one label; "{0}" is a second one. Remove one of them.', shown);
}

/**
 * A copy of `s` that does not share the document's text. V8 makes a substring of 13 or more
 * characters a view into the string it was cut from; a node that outlives its version of the text
 * (the language server reuses unchanged stretches of the syntax tree) would keep that whole version
 * alive through such a view. Shorter strings are copies already.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Digits to a number; beyond 2^53 the value is capped (such a number is a numbering slip anyway). */
function toNumber(digits: string): number {
  if (digits.length > 15) return Number.MAX_SAFE_INTEGER;
  return Number.parseInt(digits, 10);
}

/** What a measure marker's image says (see {@link readMarker}). */
interface MarkerReading {
  form: MeasureForm;
  /** Offset of the first digit in the image (after the spaces of an `indented` marker). */
  numberStart: number;
  /** Offset of the measure's own number in the image (after the id prefix of a `full-id`). */
  lastPartStart: number;
  prefix: string;
  digits: string;
  letter: string;
  numberText: string;
  delimiter: '.' | ')' | ':' | '';
}

const MARKER = /^( {0,3})((?:[0-9]+\.)*)([0-9]+)([A-Z]?)([.):]?)(.*)$/s;

/**
 * Reads a `MeasureStart` token's image (tokens.ts: `MeasureMarker`, `IndentedMeasureMarker`,
 * `NearMeasureMarker`): spaces, an id prefix, the number, a letter, the delimiter, the blanks.
 */
function readMarker(image: string): MarkerReading | undefined {
  const m = MARKER.exec(image);
  if (m === null) return undefined;
  let prefix = m[2];
  let digits = m[3];
  let delimiter = m[5] as MarkerReading['delimiter'];
  // The prefix is taken with its dot (`1.` of `1.2`).
  if (prefix !== '') prefix = prefix.slice(0, -1);
  const form: MeasureForm = m[1] !== '' ? 'indented' : prefix !== '' ? 'full-id' : delimiter === ':' ? 'colon' : m[6] === '' ? 'no-space' : 'plain';
  if (form === 'full-id' && delimiter === ')') delimiter = '';
  const numberStart = m[1].length;
  const lastPartStart = numberStart + (prefix === '' ? 0 : prefix.length + 1);
  digits = detached(digits);
  return { form, numberStart, lastPartStart, prefix: detached(prefix), digits, letter: m[4], numberText: digits + m[4], delimiter };
}

/** Shortens text for a message. */
export function truncate(text: string, max = 60): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** `span` moved by `delta` code units. */
function shifted(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/**
 * Copies of `blocks` (and `comments`) with every offset moved by `delta` code units, for a stretch of
 * an edited text whose characters are those of a stretch of the text before the edit (`parse` with
 * `previous`). The copies have the same fields, in the same order, as the nodes the visitor builds, and
 * the same sharing: a measure's or heading's `label` is the label node among its line's inlines, and a
 * line whose only text node covers the whole line shares that node's span.
 */
export function shiftedBlocks(blocks: readonly BlockNode[], delta: number): BlockNode[] {
  const out = new Array<BlockNode>(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'measure') {
      const lines = shiftedLines(b.lines, delta);
      const copy: MeasureNode = {
        kind: 'measure',
        span: shifted(b.span, delta),
        numberText: b.numberText,
        numberSpan: shifted(b.numberSpan, delta),
        value: b.value,
        alternative: b.alternative,
        delimiter: b.delimiter,
        delimiterSpan: shifted(b.delimiterSpan, delta),
        lines,
        // Arrays without offsets are shared: syntax nodes are never changed.
        subPoint: b.subPoint,
        label: copyOf(b.label, b.lines, lines),
        form: b.form,
        spaceSpan: shifted(b.spaceSpan, delta),
        indentSpan: b.indentSpan !== undefined ? shifted(b.indentSpan, delta) : undefined,
        idPrefix: b.idPrefix !== undefined ? { text: b.idPrefix.text, span: shifted(b.idPrefix.span, delta) } : undefined,
      };
      out[i] = copy;
    } else if (b.kind === 'paragraph') {
      out[i] = { kind: 'paragraph', span: shifted(b.span, delta), lines: shiftedLines(b.lines, delta) };
    } else {
      const inlines = shiftedInlines(b.inlines, delta);
      const node: HeadingNode = {
        kind: 'heading',
        span: shifted(b.span, delta),
        level: b.level,
        effectiveLevel: b.effectiveLevel,
        markerSpan: shifted(b.markerSpan, delta),
        title: b.title,
        titleSpan: shifted(b.titleSpan, delta),
        label: copyOf(b.label, [b], [{ inlines }]),
        inlines,
      };
      if (b.number !== undefined) {
        node.number = {
          text: b.number.text,
          parts: b.number.parts,
          delimiter: b.number.delimiter,
          span: shifted(b.number.span, delta),
          delimiterSpan: b.number.delimiterSpan !== undefined ? shifted(b.number.delimiterSpan, delta) : undefined,
        };
      }
      out[i] = node;
    }
  }
  return out;
}

/** Copies of comment nodes moved by `delta` (see {@link shiftedBlocks}). */
export function shiftedComments(comments: readonly CommentNode[], delta: number): CommentNode[] {
  return comments.map((c) => ({ kind: 'comment', span: shifted(c.span, delta) }));
}

/** The copy of `label` (an inline of one of `lines`) among the inlines of `copies`, or undefined. */
function copyOf(label: LabelNode | undefined, lines: readonly { inlines: readonly InlineNode[] }[], copies: readonly { inlines: readonly InlineNode[] }[]): LabelNode | undefined {
  if (label === undefined) return undefined;
  for (let l = 0; l < lines.length; l++) {
    const at = lines[l].inlines.indexOf(label);
    if (at >= 0) return copies[l].inlines[at] as LabelNode;
  }
  return undefined;
}

function shiftedLines(lines: readonly LineNode[], delta: number): LineNode[] {
  // One to three lines (most blocks) in an array literal, as the visitor keeps them (plainLineNodes):
  // V8 allocates a literal's long-lived arrays in the old generation, `new Array(n)` always young.
  const n = lines.length;
  if (n === 1) return [shiftedLine(lines[0], delta)];
  if (n === 2) return [shiftedLine(lines[0], delta), shiftedLine(lines[1], delta)];
  if (n === 3) return [shiftedLine(lines[0], delta), shiftedLine(lines[1], delta), shiftedLine(lines[2], delta)];
  const out = new Array<LineNode>(n);
  for (let i = 0; i < n; i++) out[i] = shiftedLine(lines[i], delta);
  return out;
}

function shiftedLine(line: LineNode, delta: number): LineNode {
  const inlines = shiftedInlines(line.inlines, delta);
  const sharesSpan = line.inlines.length === 1 && line.inlines[0].span === line.span;
  return {
    kind: 'line',
    span: sharesSpan ? inlines[0].span : shifted(line.span, delta),
    prefix: line.prefix,
    prefixSpan: shifted(line.prefixSpan, delta),
    inlines,
  };
}

function shiftedInlines(inlines: readonly InlineNode[], delta: number): InlineNode[] {
  // A line of one node (most lines) in an array literal (see shiftedLines).
  if (inlines.length === 1) return [shiftedInline(inlines[0], delta)];
  const out = new Array<InlineNode>(inlines.length);
  for (let i = 0; i < inlines.length; i++) out[i] = shiftedInline(inlines[i], delta);
  return out;
}

function shiftedInline(n: InlineNode, delta: number): InlineNode {
  if (n.kind === 'text') return { kind: 'text', span: shifted(n.span, delta) };
  if (n.kind === 'reference') return { kind: 'reference', span: shifted(n.span, delta), target: n.target, targetSpan: shifted(n.targetSpan, delta) };
  return { kind: 'label', span: shifted(n.span, delta), name: n.name, nameSpan: shifted(n.nameSpan, delta) };
}
