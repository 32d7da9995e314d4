/**
 * The Markdown reader: Markdown text → blocks (`Reading` of kind `blocks`), with **markdown-it**
 * (CommonMark, plus the GFM tables of its default preset; HTML allowed, so that HTML is seen and its
 * tags can be reported; no typographer and no linkify: no word is changed).
 *
 * What becomes what (markdown-it's block tokens, walked in order):
 * - ATX (`## Title`) and setext (`Title` over `===`/`---`) headings → `heading` with `level` 1–6;
 *   a number in the heading (`# 1. Arbeid`) stays in its text, for the structure step to read;
 * - paragraphs → `paragraph`; paragraphs in block quotes too (the quote marks are not words);
 * - list items → `item` with `marker` and `depth` (0 for a top-level list, 1 for a list inside an item,
 *   …; block quotes do not count). An ordered item's marker is its number **as written** (markdown-it's
 *   item `info`; `1.` `1.` `1.` stays 1, 1, 1, and `1.` `2.` `5.` stays 1, 2, 5), with its delimiter
 *   `.` or `)`; a bullet item's marker is its `*`, `-` or `+`. The item's text is its first paragraph;
 *   its further paragraphs (a loose item's second paragraph …) follow as `paragraph` blocks, not as
 *   part of the item: the programme format has no multi-paragraph measures, and the structure step
 *   decides what they are. An item that starts with something else (an empty item, a nested list at
 *   once) is an item with empty text, followed by what it holds;
 * - lines that Markdown does not take for a list but that start with a lettered marker (`a)`, `aa)`,
 *   `(b)`) or a bullet character (`•`, `·`, `▪`, `◦`) are not list items: they stay paragraphs, but a
 *   paragraph is split before each such line (CommonMark would join them into one paragraph), so that
 *   the structure step sees one paragraph per lettered item;
 * - code blocks (indented or fenced) → one `paragraph` per run of non-blank lines, its lines joined
 *   (an indented paragraph of a converted document is usually text, not code), with a `reader` note,
 *   detail `code`; the fence lines themselves are markup, not words;
 * - tables → one `paragraph` per row (header row included), cells joined by ` | `, with a `reader`
 *   note, detail `table`;
 * - HTML blocks → their text with the tags removed (one `paragraph` per run of non-blank lines), with a
 *   `reader` note, detail `html`, whose `removed` is the block's HTML as written (the tags and any
 *   comment are what is removed); a block of nothing but tags and comments gives no paragraph;
 * - a paragraph that starts with a number in bold (`**9A.** …`, `**1.3** …`, `**3)** …`, as programme
 *   export writes the measures that a Markdown list cannot number) → `item` with that number as its
 *   marker (its value the number's last part), depth 0;
 * - a table of contents — a top-level list (nested lists included) whose every item is one link to a
 *   place in the document (`[1. Arbeid](#kapittel-1)`), at least half of them titles of its headings —
 *   gives no blocks: each entry is left out with a `table-of-contents` note (`removed` its text), and so
 *   is a "Contents" heading ("Innhold", "Inhalt" …) right above it;
 * - thematic breaks (`***`) have no words and give nothing;
 * - front matter (`---` on the first line, YAML, then `---` or `...`) is read with the `yaml` package:
 *   its `title` (a string) is the reading's `title`, and the whole front matter (its YAML, without the
 *   `---` lines) is kept in a `reader` note, detail `front-matter`, `removed` the YAML, so that no key
 *   is lost. Front matter that is not a YAML mapping is not taken for front matter: it is read as
 *   Markdown, with a `review-front-matter` note, detail `yaml` (its first line).
 * - Lines that markdown-it consumes without a token — link reference definitions, among them the
 *   `[//]: # (comment)` idiom — are removed with a `reader` note each (detail `reference-definition`,
 *   `removed` the line), as is any other non-blank line no block covers (detail `unread`).
 *
 * Inline text ({@link inlineText}) is made plain: words kept; emphasis and strike-through markers
 * removed; a link gives its text, and its destination goes into a `reader` note (detail `link`,
 * `removed` the URL), since the programme format has no links — except where the text is the URL
 * itself (autolinks); an image gives its alt text (its source into a `reader` note, detail `image`);
 * line breaks (soft and hard) become one space; inline code gives its content; entities and
 * backslash escapes are decoded by markdown-it (`1\.` gives `1.`); inline HTML tags are removed, with
 * a `reader` note (detail `html`, `removed` the tag), and `<br>` becomes a space; an empty anchor
 * (`<a id="tiltak-4-7"></a>`, `<a name="…"></a>`: a link target with no words, as programme export
 * writes them) is removed without a note. Runs of spaces,
 * tabs and line breaks become one space; the text is trimmed. Soft hyphens, ligatures and the like
 * are kept as they are: the clean-up is not the reader's.
 *
 * Places: `place.line` is the 0-based source line where the block starts (markdown-it's `map[0]`;
 * for a paragraph split before a lettered line, that line; for a table row, the row's line). Line
 * numbers count the front matter's lines: they are lines of the input as given.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { CONTENTS_HEADING, loose } from './blocks';
import type { Block, Marker, Note, Place, Reading } from './outline';

/** The parser: markdown-it's default preset (CommonMark + tables + strike-through), HTML on, nothing rewritten. */
const markdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false });

/**
 * A line that starts with a list marker Markdown does not know: a lettered marker (`a)`, `aa)`,
 * `(b)`, lower or upper case, Norwegian letters included) or a bullet character, then a space. A
 * paragraph is split before such a line.
 */
const UNKNOWN_MARKER_LINE = /^(?:\(?[a-zæøåäöü]{1,2}\)|\(?[A-ZÆØÅÄÖÜ]\)|[•·▪◦‣])[ \t\u00a0]/;

/** The opening tag of an anchor that only names a place: `<a id="…">` or `<a name="…">`, nothing else. */
const EMPTY_ANCHOR_OPEN = /^<a[ \t\n]+(?:id|name)=(?:"[^"<>]*"|'[^'<>]*')[ \t\n]*>$/i;

/** A link reference definition's first line (`[label]: destination`), up to three spaces indented. */
const REFERENCE_DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/;

/**
 * Reads Markdown `text` into blocks (see the module comment for what becomes what), with the title of
 * its front matter and the reader's notes (`reader` for what was removed or could not be kept as
 * Markdown had it, `review-front-matter` for front matter that is not YAML). Never throws.
 */
export function readMarkdown(text: string): Reading {
  const notes: Note[] = [];
  const front = frontMatter(text, notes);
  const source = front === undefined ? text : blankLines(text, front.lines);
  const tokens = markdown.parse(source, {});
  const contents = tablesOfContents(tokens);
  const blocks: Block[] = [];
  /** Source lines (0-based) that some block or markup token covers. */
  const covered = new Set<number>();
  if (front !== undefined) for (let l = 0; l < front.lines; l++) covered.add(l);
  const cover = (map: [number, number] | null) => {
    if (map !== null) for (let l = map[0]; l < map[1]; l++) covered.add(l);
  };

  /** The open lists, innermost last (their depth is their index). */
  let listDepth = -1;
  /** A list item opened whose text (its first paragraph) has not come yet. */
  let pending: { marker: Marker; depth: number; place: Place; level: number } | undefined;
  const flushPending = () => {
    if (pending !== undefined) blocks.push({ kind: 'item', text: '', marker: pending.marker, depth: pending.depth, place: pending.place });
    pending = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open': {
        flushPending();
        const end = contents.get(i);
        if (end !== undefined) {
          // A table of contents: its entries (and a "Contents" heading right above it) are left out.
          cover(token.map);
          const before = blocks[blocks.length - 1];
          if (tokens[i - 1]?.type === 'heading_close' && before?.kind === 'heading' && CONTENTS_HEADING.test(before.text)) {
            blocks.pop();
            notes.push({ code: 'table-of-contents', place: before.place, removed: before.text });
          }
          for (let j = i + 1; j < end; j++) {
            if (tokens[j].type === 'inline') notes.push({ code: 'table-of-contents', place: { line: tokens[j].map?.[0] ?? token.map?.[0] ?? 0 }, removed: inlineText(tokens[j], [], 0) });
          }
          i = end;
          break;
        }
        listDepth++;
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open': {
        flushPending();
        cover(token.map);
        const place = { line: token.map?.[0] ?? 0 };
        pending = { marker: markerOf(token), depth: Math.max(listDepth, 0), place, level: token.level };
        break;
      }
      case 'list_item_close':
        flushPending();
        break;
      case 'heading_open': {
        flushPending();
        cover(token.map);
        const inline = tokens[i + 1];
        const level = Number(token.tag.slice(1));
        blocks.push({ kind: 'heading', text: inlineText(inline, notes, token.map?.[0] ?? 0), level, place: { line: token.map?.[0] ?? 0 } });
        break;
      }
      case 'paragraph_open': {
        cover(token.map);
        const inline = tokens[i + 1];
        const first = token.map?.[0] ?? 0;
        const bold = token.level === 0 && pending === undefined ? boldNumber(inline) : undefined;
        if (bold !== undefined) {
          blocks.push({ kind: 'item', text: inlineText(bold.rest, notes, first), marker: bold.marker, depth: 0, place: { line: first } });
          break;
        }
        const parts = splitAtUnknownMarkers(inline, first);
        parts.forEach((part, n) => {
          const words = inlineText(part.inline, notes, part.line);
          if (n === 0 && pending !== undefined && token.level === pending.level + 1) {
            blocks.push({ kind: 'item', text: words, marker: pending.marker, depth: pending.depth, place: pending.place });
            pending = undefined;
            return;
          }
          flushPending();
          if (words !== '') blocks.push({ kind: 'paragraph', text: words, place: { line: part.line } });
        });
        break;
      }
      case 'code_block':
      case 'fence': {
        flushPending();
        cover(token.map);
        const first = (token.map?.[0] ?? 0) + (token.type === 'fence' ? 1 : 0);
        const runs = lineRuns(token.content, first);
        notes.push({ code: 'reader', detail: 'code', place: { line: token.map?.[0] ?? 0 } });
        for (const run of runs) blocks.push({ kind: 'paragraph', text: run.text, place: { line: run.line } });
        break;
      }
      case 'html_block': {
        flushPending();
        cover(token.map);
        const line = token.map?.[0] ?? 0;
        notes.push({ code: 'reader', detail: 'html', place: { line }, removed: token.content.replace(/\n$/, '') });
        for (const run of lineRuns(stripTags(token.content), line)) blocks.push({ kind: 'paragraph', text: decodeEntities(run.text), place: { line: run.line } });
        break;
      }
      case 'table_open': {
        flushPending();
        cover(token.map);
        notes.push({ code: 'reader', detail: 'table', place: { line: token.map?.[0] ?? 0 } });
        break;
      }
      case 'tr_open': {
        const line = token.map?.[0] ?? 0;
        const cells: string[] = [];
        for (let j = i + 1; j < tokens.length && tokens[j].type !== 'tr_close'; j++) {
          if (tokens[j].type === 'inline') cells.push(inlineText(tokens[j], notes, line));
        }
        if (cells.some((c) => c !== '')) blocks.push({ kind: 'paragraph', text: cells.join(' | '), place: { line } });
        break;
      }
      case 'hr':
      case 'blockquote_open':
        cover(token.map);
        break;
      default:
        break;
    }
  }
  flushPending();
  for (const n of uncoveredLines(source, covered)) notes.push(n);
  notes.sort((a, b) => (a.place?.line ?? 0) - (b.place?.line ?? 0));
  return front?.title !== undefined ? { kind: 'blocks', blocks, notes, title: front.title } : { kind: 'blocks', blocks, notes };
}

/**
 * The tables of contents among `tokens`: top-level lists (nested lists included) whose every item is
 * one link to a place in the document (`[1. Arbeid](#kapittel-1)`), at least half of whose texts come
 * back as headings. Gives each one's opening token's index → its closing token's index.
 */
function tablesOfContents(tokens: readonly Token[]): Map<number, number> {
  const headings = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') headings.add(loose(inlineText(tokens[i + 1], [], 0)));
  });
  const found = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if ((open.type !== 'bullet_list_open' && open.type !== 'ordered_list_open') || open.level !== 0) continue;
    let end = i + 1;
    while (end < tokens.length && !(tokens[end].level === 0 && tokens[end].type === open.type.replace('_open', '_close'))) end++;
    const entries: string[] = [];
    let links = true;
    for (let j = i + 1; j < end && links; j++) {
      if (tokens[j].type !== 'inline') continue;
      const children = (tokens[j].children ?? []).filter((c) => !(c.type === 'text' && c.content.trim() === ''));
      const [first, last] = [children[0], children[children.length - 1]];
      links = first?.type === 'link_open' && (first.attrGet('href') ?? '').startsWith('#') && last.type === 'link_close' && children.filter((c) => c.type === 'link_open').length === 1;
      entries.push(loose(inlineText(tokens[j], [], 0)));
    }
    if (links && entries.length > 0 && entries.filter((e) => headings.has(e)).length * 2 >= entries.length) found.set(i, end);
    i = end;
  }
  return found;
}

/**
 * A number in bold at the start of a paragraph (`**9A.** Text`, `**1.3** Text`, `**3)** Text`), as
 * programme export writes the measures that a Markdown list cannot number: the number as a marker
 * (its value the number's last part, `written` as written), and the paragraph's inline token without it.
 */
function boldNumber(inline: Token | undefined): { marker: Marker; rest: Token } | undefined {
  // markdown-it puts an empty text token before a paragraph's first emphasis.
  const children = inline?.children?.filter((c, i) => i > 0 || c.type !== 'text' || c.content !== '');
  if (inline === undefined || children === undefined || children.length < 4) return undefined;
  const [open, number, close, space] = children;
  if (open.type !== 'strong_open' || number.type !== 'text' || close.type !== 'strong_close' || space.type !== 'text' || !/^[ \t]/.test(space.content)) return undefined;
  const m = BOLD_NUMBER.exec(number.content);
  if (m === null) return undefined;
  const parts = number.content.replace(/[.)]$/, '').split('.');
  const value = Number.parseInt(parts[parts.length - 1], 10);
  return { marker: { kind: 'number', value, written: number.content }, rest: withChildren(inline, children.slice(3)) };
}

/** A measure's number as programme export prints it: `3.`, `3)`, `9A.`, or a full id `1.3` (`1.3.`, `1.2.3`). */
const BOLD_NUMBER = /^(?:\d{1,3}[A-Z]?[.)]|\d{1,3}(?:\.\d{1,3})+\.?)$/;

/** The marker of a `list_item_open` token: its number as written and delimiter, or its bullet. */
function markerOf(item: Token): Marker {
  if (item.markup === '.' || item.markup === ')') {
    const value = Number.parseInt(item.info, 10);
    return { kind: 'number', value, written: `${item.info}${item.markup}` };
  }
  return { kind: 'bullet', written: item.markup };
}

/** Front matter found at the top: how many lines it takes (both `---` lines included), its title. */
interface FrontMatter {
  lines: number;
  title?: string;
}

/**
 * The front matter of `text` (`---` alone on the first line, YAML, then `---` or `...` alone), when
 * its YAML is a mapping; a `reader` note (detail `front-matter`, `removed` its YAML) goes to `notes`.
 * Front matter that does not parse as a mapping gives undefined and a `review-front-matter` note.
 */
function frontMatter(text: string, notes: Note[]): FrontMatter | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return undefined;
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (end < 0) return undefined;
  const yaml = lines.slice(1, end).join('\n');
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    data = undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    notes.push({ code: 'review-front-matter', detail: 'yaml', place: { line: 0 } });
    return undefined;
  }
  notes.push({ code: 'reader', detail: 'front-matter', place: { line: 0 }, removed: yaml });
  const title = (data as Record<string, unknown>).title;
  return typeof title === 'string' && title.trim() !== '' ? { lines: end + 1, title: title.trim() } : { lines: end + 1 };
}

/** `text` with its first `count` lines emptied (their line breaks kept, so that line numbers stay). */
function blankLines(text: string, count: number): string {
  const parts = text.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < count * 2 - 1 && i < parts.length; i += 2) parts[i] = '';
  return parts.join('');
}

/**
 * The plain text of an `inline` token (see the module comment); links' destinations, images' sources
 * and inline HTML tags are recorded in `notes` at their line (`line` is the block's first line, and
 * each line break inside the block counts one on).
 */
export function inlineText(inline: Token | undefined, notes: Note[], line: number): string {
  if (inline === undefined) return '';
  return plain(inline.children ?? [], notes, line);
}

/** The plain text of inline tokens (see {@link inlineText}). */
function plain(children: Token[], notes: Note[], first: number): string {
  let out = '';
  /** The source line of the token at hand: the block's first line, + 1 at each line break. */
  let line = first;
  const links: { href: string; start: number }[] = [];
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    switch (t.type) {
      case 'text':
      case 'code_inline':
      case 'text_special':
        out += t.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += ' ';
        line++;
        break;
      case 'image': {
        out += plain(t.children ?? [], notes, line);
        const src = t.attrGet('src');
        if (src !== null && src !== '') notes.push({ code: 'reader', detail: 'image', place: { line }, removed: src });
        break;
      }
      case 'link_open':
        links.push({ href: t.attrGet('href') ?? '', start: out.length });
        break;
      case 'link_close': {
        const link = links.pop();
        if (link === undefined) break;
        const shown = out.slice(link.start).trim();
        // An autolink (`<https://…>`) shows its URL (or the address without `mailto:`): nothing removed.
        if (link.href !== '' && shown !== link.href && `mailto:${shown}` !== link.href) notes.push({ code: 'reader', detail: 'link', place: { line }, removed: link.href });
        break;
      }
      case 'html_inline':
        // An empty anchor (`<a id="tiltak-4-7"></a>`, as programme export writes them) is a link target
        // without words: nothing to keep and nothing to note.
        if (EMPTY_ANCHOR_OPEN.test(t.content) && children[i + 1]?.type === 'html_inline' && /^<\/a\s*>$/i.test(children[i + 1].content)) {
          i++;
          break;
        }
        if (/^<br\s*\/?>$/i.test(t.content)) out += ' ';
        notes.push({ code: 'reader', detail: 'html', place: { line }, removed: t.content });
        break;
      default:
        // em/strong/s markers: markup, not words.
        break;
    }
  }
  return out.replace(/[ \t\r\n]+/g, ' ').trim();
}

/**
 * The parts of a paragraph's inline token, split before each line (after a soft or hard break) that
 * starts with a lettered marker or a bullet character ({@link UNKNOWN_MARKER_LINE}); each part with
 * its 0-based source line. `first` is the paragraph's first line.
 */
function splitAtUnknownMarkers(inline: Token | undefined, first: number): { inline: Token | undefined; line: number }[] {
  const children = inline?.children;
  if (inline === undefined || children === null || children === undefined) return [{ inline, line: first }];
  const parts: { inline: Token; line: number }[] = [];
  let current: Token[] = [];
  let line = first;
  let partLine = first;
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    if (t.type === 'softbreak' || t.type === 'hardbreak') {
      line++;
      const next = children[i + 1];
      if (next?.type === 'text' && UNKNOWN_MARKER_LINE.test(next.content)) {
        parts.push({ inline: withChildren(inline, current), line: partLine });
        current = [];
        partLine = line;
        continue;
      }
    }
    current.push(t);
  }
  parts.push({ inline: withChildren(inline, current), line: partLine });
  return parts;
}

/** A copy of the inline token `inline` holding `children`. */
function withChildren(inline: Token, children: Token[]): Token {
  return Object.assign(Object.create(Object.getPrototypeOf(inline) as object) as Token, inline, { children });
}

/** The runs of non-blank lines of `content` (a code block's text), each joined into one line, with its source line (`first` is the line of `content`'s first line). */
function lineRuns(content: string, first: number): { text: string; line: number }[] {
  const runs: { text: string; line: number }[] = [];
  let run: string[] = [];
  let runLine = first;
  content.split('\n').forEach((l, i) => {
    if (l.trim() === '') {
      if (run.length > 0) runs.push({ text: run.join(' '), line: runLine });
      run = [];
      return;
    }
    if (run.length === 0) runLine = first + i;
    run.push(l.trim());
  });
  if (run.length > 0) runs.push({ text: run.join(' '), line: runLine });
  return runs.map((r) => ({ text: r.text.replace(/[ \t]+/g, ' ').trim(), line: r.line })).filter((r) => r.text !== '');
}

/**
 * `html` without its tags and comments: a comment (`<!-- … -->`, to the end when unclosed), a
 * processing instruction (`<? … ?>`), a declaration (`<!DOCTYPE …>`) or a tag (`<p …>`, `</p>`) becomes
 * nothing but its line breaks; a `<` that starts none of them is text. One pass (no regular
 * expression: an unclosed comment would make one scan the rest of the text again at every `<`).
 */
function stripTags(html: string): string {
  /** The last place found for each closing string, from an earlier search (-1: none after it). */
  const found = new Map<string, number>();
  const closing = (close: string, from: number): number => {
    const known = found.get(close);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const at = html.indexOf(close, from);
    found.set(close, at);
    return at;
  };
  const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
  let out = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    let end = -1;
    if (c === '<') {
      if (html.startsWith('<!--', i)) {
        const close = closing('-->', i + 4);
        end = close < 0 ? html.length : close + 3;
      } else if (html[i + 1] === '?') {
        const close = closing('?>', i + 2);
        end = close < 0 ? -1 : close + 2;
      } else if (isLetter(html[i + 1]) || ((html[i + 1] === '/' || html[i + 1] === '!') && isLetter(html[i + 2]))) {
        const close = closing('>', i + 1);
        end = close < 0 ? -1 : close + 1;
      }
    }
    if (end < 0) {
      out += c;
      i++;
      continue;
    }
    out += html.slice(i, end).replace(/[^\n]/g, '');
    i = end;
  }
  return out;
}

/** The common named entities and numeric references of HTML text decoded (markdown-it decodes those of Markdown text itself). */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', ndash: '–', mdash: '—' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

/**
 * Notes for the non-blank lines of `source` that no block covers: markdown-it takes link reference
 * definitions (`[label]: url`, and the `[//]: # (comment)` idiom) without a token. A line of nothing
 * but block-quote marks is blank.
 */
function uncoveredLines(source: string, covered: Set<number>): Note[] {
  const notes: Note[] = [];
  const lines = source.split(/\r\n|\r|\n/);
  let inDefinition = false;
  lines.forEach((text, line) => {
    if (covered.has(line) || /^[\s>]*$/.test(text)) {
      inDefinition = false;
      return;
    }
    // A definition's title may stand on the next line: that line belongs to it.
    const isDefinition = REFERENCE_DEFINITION.test(text.replace(/^(?:\s*>)+ ?/, ''));
    inDefinition = isDefinition || inDefinition;
    notes.push({ code: 'reader', detail: inDefinition ? 'reference-definition' : 'unread', place: { line }, removed: text });
  });
  return notes;
}
