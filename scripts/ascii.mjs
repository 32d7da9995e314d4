// An esbuild plugin that keeps the CLI's and the server's bundles ASCII (scripts/build.mjs).
/**
 * esbuild writes every string, template and name of a bundle in ASCII (its default `charset`), but
 * leaves regular expression literals and comments as they are written: the `–`, `»` and `ø` of our
 * sources there made the whole bundle a UTF-8 file, which Node decodes several times slower than ASCII
 * at every start (server/src/node/codeCache.ts reads an ASCII bundle as Latin-1, 6 ms less for the
 * CLI). `asciiPlugin` writes those characters of our TypeScript as `\uXXXX` escapes before esbuild
 * reads it: in a regular expression the escape means the same character (only the expression's
 * `source` is spelled otherwise; an escaped character, `\–`, becomes `\u2013`); in a comment it is
 * text. A line or paragraph separator (U+2028, U+2029) outside a regular expression is left as it is
 * (it ends a `//` comment): the bundle is then UTF-8, and is read as UTF-8.
 */
import { readFile } from 'node:fs/promises';

/** The regular expression literal `literal` with its non-ASCII characters as `\uXXXX` escapes. */
export function escapeRegexLiteral(literal) {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const code = literal.charCodeAt(i);
    if (code < 0x80) {
      out += literal[i];
      continue;
    }
    // An identity escape (`\–`, an odd run of backslashes before it) loses its backslash: `\u2013` means `–` itself.
    let backslashes = 0;
    while (literal[i - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 1) out = out.slice(0, -1);
    out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** `source` (TypeScript) with the non-ASCII characters of its regular expressions and comments escaped (see the module comment). */
export function asciiSource(ts, fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const regexes = [];
  const texts = [];
  const literalKinds = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail]);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) regexes.push([node.getStart(sf), node.end]);
    else if (literalKinds.has(node.kind)) texts.push([node.getStart(sf), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = '';
  let at = 0;
  for (const [start, end] of regexes) {
    out += escapeComments(source.slice(at, start), at, texts) + escapeRegexLiteral(source.slice(start, end));
    at = end;
  }
  return out + escapeComments(source.slice(at), at, texts);
}

/** `part` (which starts at `offset` of the source, and holds no regular expression) with the non-ASCII characters outside `texts` (string and template ranges) escaped. */
function escapeComments(part, offset, texts) {
  return part.replace(/[^\x00-\x7f\u2028\u2029]/g, (c, i) => {
    const position = offset + i;
    return texts.some(([start, end]) => position >= start && position < end) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The plugin: our TypeScript sources (under `server/src/`) that hold non-ASCII characters go through {@link asciiSource}. */
export const asciiPlugin = {
  name: 'ascii',
  setup(b) {
    let typescript;
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/[^\x00-\x7f]/.test(source)) return undefined;
      typescript ??= (await import('typescript')).default;
      return { contents: asciiSource(typescript, args.path, source), loader: 'ts' };
    });
  },
};
