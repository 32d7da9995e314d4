/**
 * The part of markdown-it 14's API that the Markdown reader (`markdown.ts`) uses: markdown-it ships
 * without types and @types/markdown-it is not a dependency. Fields as markdown-it's `Token` documents
 * them (lib/token.mjs).
 */
declare module 'markdown-it' {
  /** One token of markdown-it's token stream (block tokens, and inline tokens in `children`). */
  export interface Token {
    /** `paragraph_open`, `heading_open`, `list_item_open`, `inline`, `text`, `softbreak`, `fence` … */
    type: string;
    /** The HTML tag: `h1`…`h6`, `p`, `li`, `td` … */
    tag: string;
    /** 1 opens a tag, 0 is self-contained, -1 closes. */
    nesting: 1 | 0 | -1;
    /** Nesting level of the block. */
    level: number;
    /** Source lines `[first, after the last]`, 0-based; block tokens only (null for inline tokens and closing tags). */
    map: [number, number] | null;
    /** Inline tokens of an `inline` token (and an image's alt text). */
    children: Token[] | null;
    /** The text of a `text`, `code_inline`, `code_block`, `fence`, `html_block`, `html_inline` or `inline` token. */
    content: string;
    /** The marker: `#` or `=`/`-` (setext) of a heading, `*`/`-`/`+` or `.`/`)` of a list item, the fence. */
    markup: string;
    /** A fence's info string; an ordered list item's number as written (`5` of `5.`). */
    info: string;
    /** The value of an attribute (`href` of a link, `start` of an ordered list), or null. */
    attrGet(name: string): string | null;
  }

  /** The options given to the constructor (those the reader sets). */
  export interface Options {
    html?: boolean;
    linkify?: boolean;
    typographer?: boolean;
  }

  /** The parser. */
  export default class MarkdownIt {
    constructor(preset?: 'default' | 'commonmark' | 'zero', options?: Options);
    constructor(options?: Options);
    /** The block tokens of `src` (inline tokens inside `inline` tokens' `children`). */
    parse(src: string, env: object): Token[];
  }
}
